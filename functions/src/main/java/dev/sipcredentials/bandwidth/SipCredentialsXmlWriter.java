package dev.sipcredentials.bandwidth;

import dev.sipcredentials.provisioning.ListedAccountCredential;

import java.util.List;

/**
 * Writes the XML API's response documents byte for byte: Bandwidth's declaration, elements without
 * indentation, text escaped. Entries echo exactly the fields the client sent.
 */
final class SipCredentialsXmlWriter {
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private SipCredentialsXmlWriter() {
    }

    /** One refused entry: its code, its description, what the client sent (null: echo no fields). */
    record EntryError(int code, String description, SubmittedCredential submitted) {
    }

    /** 201: some entries created. {@code <Errors>} only when there are any, before the valid list. */
    static String created(List<EntryError> errors, List<SubmittedCredential> valid) {
        StringBuilder xml = new StringBuilder(128 + 160 * (errors.size() + valid.size()));
        xml.append(DECLARATION).append("<SipCredentialsResponse>");
        appendErrors(xml, errors);
        xml.append("<ValidSipCredentials>");
        for (SubmittedCredential credential : valid) {
            appendCredential(xml, credential);
        }
        xml.append("</ValidSipCredentials></SipCredentialsResponse>");
        return xml.toString();
    }

    /** No entry created: a status (code optional, as in Bandwidth's 400) and the entry errors. */
    static String refused(Integer statusCode, String statusDescription, List<EntryError> errors) {
        StringBuilder xml = new StringBuilder(192 + 160 * errors.size());
        xml.append(DECLARATION).append("<SipCredentialsResponse>");
        appendStatus(xml, statusCode, statusDescription);
        appendErrors(xml, errors);
        xml.append("</SipCredentialsResponse>");
        return xml.toString();
    }

    /**
     * 200 of a listing: {@code <Links>} with {@code first} and, when there is a next page, {@code next} (each a
     * Link header value {@code Link=<url>;rel="...";}, escaped as text), then the page's credentials.
     */
    static String listed(String firstUrl, String nextUrl, List<ListedAccountCredential> credentials) {
        StringBuilder xml = new StringBuilder(256 + 200 * credentials.size());
        xml.append(DECLARATION).append("<SipCredentialsResponse><Links>");
        element(xml, "first", "Link=<" + firstUrl + ">;rel=\"first\";");
        if (nextUrl != null) {
            element(xml, "next", "Link=<" + nextUrl + ">;rel=\"next\";");
        }
        xml.append("</Links><SipCredentials>");
        for (ListedAccountCredential credential : credentials) {
            appendCredential(xml, credential.userName(), credential.domain(), credential.hash1(), credential.hash1b());
        }
        xml.append("</SipCredentials></SipCredentialsResponse>");
        return xml.toString();
    }

    /** A problem with the whole request. */
    static String requestError(BandwidthError error) {
        return refused(error.code(), error.description(), List.of());
    }

    /** The root of the answers of the routes on one credential (GET, PUT, DELETE of {compositeUserName}). */
    static final String SINGLE_ROOT = "SipCredentialResponse";

    /** A refusal of a route on one credential: {@code <SipCredentialResponse><ResponseStatus>}. */
    static String singleError(int code, String description) {
        StringBuilder xml = new StringBuilder(192);
        xml.append(DECLARATION).append('<').append(SINGLE_ROOT).append('>');
        appendStatus(xml, code, description);
        xml.append("</").append(SINGLE_ROOT).append('>');
        return xml.toString();
    }

    /**
     * One credential: {@code <SipCredentialResponse><SipCredential>} with UserName, Domain (when present), Hash1,
     * Hash1b (when present).
     */
    static String single(String userName, String domain, String hash1, String hash1b) {
        StringBuilder xml = new StringBuilder(256);
        xml.append(DECLARATION).append('<').append(SINGLE_ROOT).append('>');
        appendCredential(xml, new SubmittedCredential(userName, domain, hash1, hash1b, null));
        xml.append("</").append(SINGLE_ROOT).append('>');
        return xml.toString();
    }

    private static void appendStatus(StringBuilder xml, Integer code, String description) {
        xml.append("<ResponseStatus>");
        if (code != null) {
            element(xml, "ErrorCode", Integer.toString(code));
        }
        element(xml, "Description", description);
        xml.append("</ResponseStatus>");
    }

    private static void appendErrors(StringBuilder xml, List<EntryError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        xml.append("<Errors>");
        for (EntryError error : errors) {
            xml.append("<Error>");
            element(xml, "ErrorCode", Integer.toString(error.code()));
            element(xml, "Description", error.description());
            if (error.submitted() != null) {
                appendCredential(xml, error.submitted());
            }
            xml.append("</Error>");
        }
        xml.append("</Errors>");
    }

    private static void appendCredential(StringBuilder xml, SubmittedCredential credential) {
        appendCredential(xml, credential.userName(), credential.domain(), credential.hash1(), credential.hash1b());
    }

    /** One {@code <SipCredential>}: the fields that are present, in Bandwidth's order. */
    private static void appendCredential(StringBuilder xml, String userName, String domain, String hash1,
                                         String hash1b) {
        xml.append("<SipCredential>");
        element(xml, "UserName", userName);
        element(xml, "Domain", domain);
        element(xml, "Hash1", hash1);
        element(xml, "Hash1b", hash1b);
        xml.append("</SipCredential>");
    }

    private static void element(StringBuilder xml, String name, String text) {
        if (text == null) {
            return;
        }
        xml.append('<').append(name).append('>');
        escape(xml, text);
        xml.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '\r' -> xml.append("&#13;");
                default -> xml.append(c);
            }
        }
    }

    /** What an Idempotency-Key's record keeps of a PUT's 200: the stored name, never the hashes it echoes. */
    private static final String KEPT_SINGLE = "updated/v1:";

    static String keptSingle(String userName, String domain) {
        return KEPT_SINGLE + userName + "\n" + (domain == null ? "" : domain);
    }

    /** The 200 rebuilt from {@link #keptSingle} and the (byte-identical) request's hashes; null for another record. */
    static String singleFromKept(String kept, String hash1, String hash1b) {
        if (!kept.startsWith(KEPT_SINGLE)) {
            return null;
        }
        String[] stored = kept.substring(KEPT_SINGLE.length()).split("\n", 2);
        return single(stored[0], stored[1].isEmpty() ? null : stored[1], hash1, hash1b);
    }
}

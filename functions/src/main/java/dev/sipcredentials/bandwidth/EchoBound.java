package dev.sipcredentials.bandwidth;

/**
 * What a refused entry echoes of each field: the field as sent when it is within its limit + 1 characters, else
 * its first limit + 1 characters and {@value #MARKER}. A refusal is about the field's limit, so the client sees
 * where it was crossed; unbounded, 5,000 entries of 740 escaped '&amp;' each make an answer larger than Lambda can
 * return (see README, Limits).
 */
final class EchoBound {
    static final String MARKER = "[truncated]";

    private EchoBound() {
    }

    static SubmittedCredential of(SubmittedCredential entry) {
        return new SubmittedCredential(bound(entry.userName(), SipCredentialRules.MAX_NAME_LENGTH),
                bound(entry.domain(), SipCredentialRules.MAX_NAME_LENGTH),
                bound(entry.hash1(), SipCredentialRules.MAX_HASH_LENGTH),
                bound(entry.hash1b(), SipCredentialRules.MAX_HASH_LENGTH), entry.structuralError());
    }

    static String bound(String field, int limit) {
        if (field == null || field.length() <= limit + 1
                || field.codePointCount(0, field.length()) <= limit + 1) {
            return field;
        }
        return field.substring(0, field.offsetByCodePoints(0, limit + 1)) + MARKER;
    }
}

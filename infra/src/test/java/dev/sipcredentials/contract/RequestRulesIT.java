package dev.sipcredentials.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipcredentials.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document states the server's rules: at the edges of every request rule (lengths, characters, formats, ranges,
 * required fields), a value the published document allows is one the server accepts, and a value it refuses is one
 * the server refuses (400). Each example is judged by the document's own schema and sent to the real handlers
 * through the local stack; "accepted" means anything but 400 (a 404 for a name or id that does not exist is an
 * accepted request).
 */
class RequestRulesIT {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ContractValidator CONTRACT = ContractValidator.instance();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VENDOR = "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10";
    private static final String ORGANIZATION = "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13";
    private static final String ORGANIZATION_PATH = "/api/v1/vendors/" + VENDOR + "/organizations/" + ORGANIZATION
            + "/sip/credentials";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private static LocalStack stack;

    @BeforeAll
    static void start(@TempDir Path state) {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(Path.of(System.getProperty("templateFile", "../template.yaml")).toAbsolutePath().normalize()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** One example: what the document says of it, and what the server answered. */
    private record Verdict(String example, boolean documentAllows, int status) {
        /** The document may be stricter than the server (it need not describe every tolerated spelling), never looser. */
        boolean agrees() {
            return !documentAllows || status != 400;
        }
    }

    /**
     * One request, repeated (at most three times) while the answer is a 5xx: a store that failed temporarily or a
     * first call that outlived API Gateway's 30 s on a loaded machine says nothing of the request's validity.
     */
    private static HttpResponse<String> send(String method, String rawPath, String contentType, String body,
            List<String> accounts, List<String> organizations) throws Exception {
        HttpResponse<String> response = sendOnce(method, rawPath, contentType, body, accounts, organizations);
        for (int attempt = 2; attempt <= 3 && response.statusCode() >= 500; attempt++) {
            response = sendOnce(method, rawPath, contentType, body, accounts, organizations);
        }
        return response;
    }

    private static HttpResponse<String> sendOnce(String method, String rawPath, String contentType, String body,
            List<String> accounts, List<String> organizations) throws Exception {
        String token = stack.authorizer().orElseThrow().issue(accounts, organizations, Duration.ofMinutes(10));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl().toString().replaceAll("/$", "")
                        + rawPath)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return ContractValidator.check(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static boolean allows(String pointer, JsonNode instance) {
        return CONTRACT.violations(pointer, instance).isEmpty();
    }

    /** A query or path value as the document's parameter schema reads it (an integer schema reads digits as a number). */
    private static boolean parameterAllows(String pointer, String value) {
        JsonNode schema = CONTRACT.document().at(pointer);
        boolean integer = "integer".equals(schema.path("type").asText());
        JsonNode instance = integer && value.matches("-?[0-9]{1,9}") ? NODES.numberNode(Integer.parseInt(value))
                : NODES.textNode(value);
        return allows(pointer, instance);
    }

    /** Percent-encodes every byte but unreserved characters, so the server decodes exactly {@code value} back. */
    private static String encoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static void assertAgreement(List<Verdict> verdicts) {
        assertThat(verdicts).as("allowed by the document, refused by the server").filteredOn(v -> !v.agrees()).isEmpty();
        // The edges are real: examples on both sides, the refused ones refused by both.
        assertThat(verdicts).anyMatch(Verdict::documentAllows).anyMatch(v -> !v.documentAllows() && v.status() == 400);
    }

    // ---- JSON: the create's body, field by field

    private static ObjectNode validBody(String username) {
        ObjectNode body = NODES.objectNode();
        body.put("hostname", "sip.example.com");
        body.put("port", 5060);
        body.put("username", username);
        body.put("password", "strong-password");
        return body;
    }

    private static final AtomicInteger USERNAMES = new AtomicInteger();

    private static Verdict createJson(String example, ObjectNode body) throws Exception {
        boolean allows = allows("/components/schemas/CreateSipCredentialRequest", body);
        HttpResponse<String> response = send("POST", ORGANIZATION_PATH, "application/json", body.toString(), List.of(),
                List.of(VENDOR + "/" + ORGANIZATION));
        // 409: the SIP account exists already (jos\u00e9 composed and decomposed are one username): accepted, not refused.
        assertThat(response.statusCode()).as(example).isIn(201, 400, 409);
        return new Verdict(example + " " + body, allows, response.statusCode());
    }

    @Test
    void hostnamesTheDocumentAllowsAreTheOnesTheServerAccepts() throws Exception {
        List<String> hosts = new ArrayList<>(List.of("sip.example.com", "SIP.Example.COM.", "a-b.example", "x1",
                "192.0.2.1", "0.0.0.0", "255.255.255.255", "::1", "::", "2001:db8::1", "[2001:db8::1]",
                "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::ffff:192.0.2.1", "a".repeat(63) + ".com",
                ("a".repeat(62) + ".").repeat(4) + "b",
                "", " sip.example.com", "1.2.3.999", "256.1.1.1", "01.2.3.4", "1.2.3", "-a.com", "a-.com", "a..b",
                "a_b.com", "exa mple.com", "fe80::1%eth0", "[1.2.3.4]", "1:2:3:4:5:6:7:8:9", "1::2::3", "[::1",
                "a".repeat(64) + ".com", ("a".repeat(62) + ".").repeat(4) + "bc", "123", "sip.example.com..",
                "h\u00f6st.example", "sip.example.com\n"));
        List<Verdict> verdicts = new ArrayList<>();
        for (String host : hosts) {
            ObjectNode body = validBody("host-" + USERNAMES.incrementAndGet());
            body.put("hostname", host);
            verdicts.add(createJson("hostname", body));
        }
        assertAgreement(verdicts);
    }

    @Test
    void usernamesPasswordsAndNumbersTheDocumentAllowsAreTheOnesTheServerAccepts() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        for (String username : List.of("agent", "jos\u00e9", "jose\u0301", "a b", "\u00e9\u4e2d\u6587", "x".repeat(128),
                "a\u200bb", "a\u202eb", "\u00adx", " lead", "trail ", "tab\tin", "nul\u0000", "\u0085x",
                "x".repeat(129), "\ufffd", "\u00a0x", "x\u3000", "agent\n", "agent\u2028")) {
            verdicts.add(createJson("username", validBody(username)));
        }
        for (String username : List.of(" ", "")) {
            verdicts.add(createJson("username", validBody(username)));
        }
        for (String password : List.of("p", "pass word", "p\u200bw", "x".repeat(256), "x".repeat(257), " p", "p ",
                "p\nw", "p\n", "\ufffd", "")) {
            ObjectNode body = validBody("pw-" + USERNAMES.incrementAndGet());
            body.put("password", password);
            verdicts.add(createJson("password", body));
        }
        for (int port : new int[] {0, 1, 65535, 65536, -1}) {
            ObjectNode body = validBody("port-" + USERNAMES.incrementAndGet());
            body.put("port", port);
            verdicts.add(createJson("port", body));
        }
        for (long tasks : new long[] {0, 1, 2147483647L, 2147483648L}) {
            ObjectNode body = validBody("tasks-" + USERNAMES.incrementAndGet());
            body.put("maxAgentTasks", tasks);
            verdicts.add(createJson("maxAgentTasks", body));
        }
        ObjectNode unknown = validBody("unknown-" + USERNAMES.incrementAndGet());
        unknown.put("colour", "blue");
        verdicts.add(createJson("unknown field", unknown));
        ObjectNode missing = validBody("missing");
        missing.remove("password");
        verdicts.add(createJson("no password", missing));
        ObjectNode stringPort = validBody("string-port-" + USERNAMES.incrementAndGet());
        stringPort.put("port", "5060");
        verdicts.add(createJson("port as a string", stringPort));
        assertAgreement(verdicts);
    }

    // ---- XML: the batch create's entries

    private static Verdict createXml(String example, Map<String, String> fields) throws Exception {
        ObjectNode entry = NODES.objectNode();
        StringBuilder xml = new StringBuilder("<SipCredentials><SipCredential>");
        fields.forEach((name, value) -> {
            entry.put(name, value);
            xml.append('<').append(name).append('>').append(value.replace("&", "&amp;").replace("<", "&lt;"))
                    .append("</").append(name).append('>');
        });
        xml.append("</SipCredential></SipCredentials>");
        ObjectNode body = NODES.objectNode();
        body.putArray("SipCredential").add(entry);
        boolean allows = allows("/components/schemas/SipCredentials", body);
        String account = "rules-" + ACCOUNTS.incrementAndGet();
        HttpResponse<String> response = send("POST", "/accounts/" + account + "/sipcredentials", "application/xml",
                xml.toString(), List.of(account), List.of());
        assertThat(response.statusCode()).as(example).isIn(201, 400);
        return new Verdict(example + " " + fields, allows, response.statusCode());
    }

    private static Map<String, String> entry(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    @Test
    void xmlEntriesTheDocumentAllowsAreTheOnesTheServerAccepts() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        for (String userName : List.of("John", "Mathew@bw.com", "a%41b", "!~*'()&=+$,;?/-_.", "x".repeat(32),
                "u@" + "d".repeat(30), "a@b", "a%4", "a%zz", "\u00c2", "a b", "x".repeat(33), "u@-bw.com",
                "u@bw..com", "u@bw.com.", "@bw.com", "u@", "a@b@c", "<x>")) {
            verdicts.add(createXml("UserName", entry("UserName", userName, "Hash1", "h1")));
        }
        for (String domain : List.of("bw.com", "d".repeat(32), "a-b.c", "-bw.com", "bw.com-", ".bw", "bw..com",
                "d".repeat(33), "b_w.com", "b\u00e4.com")) {
            verdicts.add(createXml("Domain", entry("UserName", "John", "Domain", domain, "Hash1", "h1")));
        }
        for (String hash : List.of("h", "1g32gadgs433dd4", "!~".repeat(32), "x".repeat(65), "a b", "h\u00e9")) {
            verdicts.add(createXml("Hash1", entry("UserName", "John", "Hash1", hash)));
            verdicts.add(createXml("Hash1b", entry("UserName", "John", "Hash1", "h1", "Hash1b", hash)));
        }
        verdicts.add(createXml("empty entry", entry()));
        verdicts.add(createXml("no Hash1", entry("UserName", "John")));
        verdicts.add(createXml("no UserName", entry("Hash1", "h1")));
        verdicts.add(createXml("'@' and Domain", entry("UserName", "John@bw.com", "Domain", "bw.com", "Hash1", "h1")));
        assertAgreement(verdicts);
    }

    // ---- Path and query parameters

    private static Verdict get(String example, String pointer, String value, String rawPath) throws Exception {
        boolean allows = parameterAllows(pointer, value);
        HttpResponse<String> response = send("GET", rawPath, null, null, List.of("41", "rules-path"),
                List.of(VENDOR + "/" + ORGANIZATION, VENDOR.toUpperCase() + "/" + ORGANIZATION));
        assertThat(response.statusCode()).as(example + " " + value).isIn(200, 400, 403, 404);
        return new Verdict(example + " " + value, allows, response.statusCode());
    }

    @Test
    void pathAndQueryValuesTheDocumentAllowsAreTheOnesTheServerAccepts() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : List.of("John", "John@bw.com", "a%41", "x".repeat(32) + "@" + "d".repeat(32), "a@b",
                "!~*'()&=+$,;", "\u00c2", "a b", "x".repeat(33), "x@" + "d".repeat(33), "a@b..c", "a%4", "@bw.com",
                "a@", "a@-b")) {
            verdicts.add(get("compositeUserName", "/components/parameters/CompositeUserName/schema", name,
                    "/accounts/41/sipcredentials/" + encoded(name)));
        }
        for (String account : List.of("41", "a_b-C", "x".repeat(32), "x".repeat(33), "4 1", "a.b", "\u00e4")) {
            verdicts.add(get("accountId", "/components/parameters/AccountId/schema", account,
                    "/accounts/" + encoded(account) + "/sipcredentials/John"));
        }
        String listPath = "/paths/~1accounts~1{accountId}~1sipcredentials/get/parameters/";
        for (String page : List.of("1", "John", "John@bw.com", "x".repeat(40) + "@" + "d".repeat(24), "", "a b",
                "\u00c2", "x".repeat(66), "a@b..c")) {
            verdicts.add(get("page", listPath + "0/schema", page, "/accounts/41/sipcredentials?page=" + encoded(page)));
        }
        for (String size : List.of("1", "500", "1000", "", "0", "1001", "abc", "-1")) {
            verdicts.add(get("size", listPath + "1/schema", size, "/accounts/41/sipcredentials?size=" + encoded(size)));
        }
        for (String fragment : List.of("abc", "a%b", "x".repeat(32), "ab", "x".repeat(33), "a b", "\u00e4bc")) {
            verdicts.add(get("usernamefragment", listPath + "2/schema", fragment,
                    "/accounts/41/sipcredentials?usernamefragment=" + encoded(fragment)));
        }
        for (String fragment : List.of("bw.com", "a-b", "ab", "b_w", "x".repeat(33))) {
            verdicts.add(get("domainfragment", listPath + "3/schema", fragment,
                    "/accounts/41/sipcredentials?domainfragment=" + encoded(fragment)));
        }
        for (String id : List.of("550e8400-e29b-41d4-a716-446655440000", "550E8400-E29B-41D4-A716-446655440000",
                "not-a-uuid", "1-1-1-1-1", "", "550e8400e29b41d4a716446655440000")) {
            verdicts.add(get("sipCredentialsId", "/components/parameters/SipCredentialsId/schema", id,
                    ORGANIZATION_PATH + "/" + encoded(id)));
        }
        for (String vendor : List.of(VENDOR.toUpperCase(), "not-a-uuid", "1-1-1-1-1")) {
            verdicts.add(get("vendorId", "/components/parameters/VendorId/schema", vendor,
                    "/api/v1/vendors/" + encoded(vendor) + "/organizations/" + ORGANIZATION + "/sip/credentials"));
        }
        String jsonListPath = "/paths/~1api~1v1~1vendors~1{vendorId}~1organizations~1{organizationId}~1sip~1credentials"
                + "/get/parameters/";
        for (String limit : List.of("1", "100", "500", "", "0", "501", "ten")) {
            verdicts.add(get("limit", jsonListPath + "0/schema", limit, ORGANIZATION_PATH + "?limit=" + encoded(limit)));
        }
        for (String cursor : List.of("", "a b", "x".repeat(257))) {
            verdicts.add(get("cursor", jsonListPath + "1/schema", cursor, ORGANIZATION_PATH + "?cursor=" + encoded(cursor)));
        }
        assertAgreement(verdicts);
    }
}

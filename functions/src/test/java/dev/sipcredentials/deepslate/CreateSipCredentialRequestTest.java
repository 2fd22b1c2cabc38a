package dev.sipcredentials.deepslate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipServerLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreateSipCredentialRequestTest {
    static final String VENDOR = "3f1c2b7e-8d4a-4e6f-9a1b-2c3d4e5f6a7b";
    static final String ORGANIZATION = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final UUID NEW_ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    /** The body of deepslate's curl example. */
    static final String SEED_BODY = """
            {
              "hostname": "sipconnect.sipgate.de",
              "port": 5060,
              "username": "agent001",
              "password": "strong-password",
              "maxAgentTasks": 10
            }
            """;

    private static final String HOSTNAME_MESSAGE = "must be a DNS name or an IPv4/IPv6 address of at most 253 characters";
    private static final String PORT_MESSAGE = "must be an integer between 1 and 65535";
    private static final String MAX_AGENT_TASKS_MESSAGE = "must be an integer at least 1";

    static JsonNode parse(String json) throws CreateSipCredentialRequest.MalformedJsonException {
        return CreateSipCredentialRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static CreateSipCredentialRequest.Checked check(String json) throws Exception {
        return CreateSipCredentialRequest.check(VENDOR, ORGANIZATION, parse(json), NEW_ID);
    }

    static List<FieldError> errorsOf(String json) throws Exception {
        CreateSipCredentialRequest.Checked checked = check(json);
        assertThat(checked.credential()).as("credential when errors are expected").isNull();
        return checked.errors();
    }

    static OrganizationCredential credentialOf(String json) throws Exception {
        CreateSipCredentialRequest.Checked checked = check(json);
        assertThat(checked.errors()).as("errors for a valid body").isEmpty();
        return checked.credential();
    }

    /** A valid body with one property replaced by raw JSON (or removed when {@code rawValue} is null). */
    static String with(String field, String rawValue) {
        StringBuilder json = new StringBuilder("{");
        String[][] fields = {{"hostname", "\"sipconnect.sipgate.de\""}, {"port", "5060"}, {"username", "\"agent001\""},
                {"password", "\"strong-password\""}, {"maxAgentTasks", "10"}};
        boolean replaced = false;
        for (String[] property : fields) {
            String value = property[0].equals(field) ? rawValue : property[1];
            replaced |= property[0].equals(field);
            if (value != null) {
                json.append(json.length() > 1 ? "," : "").append('"').append(property[0]).append("\":").append(value);
            }
        }
        if (!replaced && rawValue != null) {
            json.append(",\"").append(field).append("\":").append(rawValue);
        }
        return json.append('}').toString();
    }

    static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    // ---- the seed example ----------------------------------------------------------------------------------

    @Test
    void seedBodyIsValid() throws Exception {
        OrganizationCredential credential = credentialOf(SEED_BODY);

        assertThat(credential.id()).isEqualTo(NEW_ID);
        assertThat(credential.vendorId()).isEqualTo(UUID.fromString(VENDOR));
        assertThat(credential.organizationId()).isEqualTo(UUID.fromString(ORGANIZATION));
        assertThat(credential.login())
                .isEqualTo(new SipServerLogin("sipconnect.sipgate.de", "sipconnect.sipgate.de", 5060, "agent001"));
        assertThat(credential.password()).isEqualTo("strong-password");
        assertThat(credential.maxAgentTasks()).isEqualTo(10);
    }

    @Test
    void credentialNeverPrintsThePassword() throws Exception {
        assertThat(credentialOf(SEED_BODY).toString()).doesNotContain("strong-password");
    }

    @Test
    void maxAgentTasksDefaultsTo10() throws Exception {
        assertThat(credentialOf(with("maxAgentTasks", null)).maxAgentTasks()).isEqualTo(10);
    }

    @Test
    void hostnameIsKeptAsSubmittedAndCanonicalisedForUniqueness() throws Exception {
        SipServerLogin account = credentialOf(with("hostname", "\"SIP.Example.COM.\"")).login();

        assertThat(account.hostname()).isEqualTo("SIP.Example.COM.");
        assertThat(account.canonicalHost()).isEqualTo("sip.example.com");
        assertThat(account.uniquenessKey()).isEqualTo("sip.example.com#5060#agent001");
    }

    @Test
    void usernameIsComparedExactly() throws Exception {
        assertThat(credentialOf(with("username", "\"Agent001\"")).login().uniquenessKey())
                .isEqualTo("sipconnect.sipgate.de#5060#Agent001");
    }

    @Test
    void ipv6HostnamesOfOneAddressShareAUniquenessKey() throws Exception {
        SipServerLogin compressed = credentialOf(with("hostname", "\"[2001:db8::1]\"")).login();
        SipServerLogin expanded = credentialOf(with("hostname", "\"2001:DB8:0:0:0:0:0:1\"")).login();

        assertThat(compressed.uniquenessKey()).isEqualTo(expanded.uniquenessKey());
        assertThat(compressed.hostname()).isEqualTo("[2001:db8::1]");
    }

    // ---- path ----------------------------------------------------------------------------------------------

    @Test
    void uuidPathParametersAreAccepted() {
        assertThat(CreateSipCredentialRequest.checkPath(VENDOR, ORGANIZATION)).isEmpty();
        assertThat(CreateSipCredentialRequest.checkPath(VENDOR.toUpperCase(), ORGANIZATION)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-a-uuid", "3f1c2b7e8d4a4e6f9a1b2c3d4e5f6a7b", "{3f1c2b7e-8d4a-4e6f-9a1b-2c3d4e5f6a7b}",
            "3f1c2b7e-8d4a-4e6f-9a1b-2c3d4e5f6a7", "3f1c2b7e-8d4a-4e6f-9a1b-2c3d4e5f6a7bb", "3f1c2b7e-8d4a-4e6f-9a1b-2c3d4e5f6a7g",
            " 3f1c2b7e-8d4a-4e6f-9a1b-2c3d4e5f6a7b", "1-1-1-1-1"})
    void nonUuidVendorIdIsAFieldError(String vendorId) {
        assertThat(CreateSipCredentialRequest.checkPath(vendorId, ORGANIZATION))
                .containsExactly(new FieldError("vendorId", "must be a UUID"));
    }

    @Test
    void bothPathParametersAreReported() {
        assertThat(CreateSipCredentialRequest.checkPath("x", null)).containsExactly(
                new FieldError("vendorId", "must be a UUID"), new FieldError("organizationId", "must be a UUID"));
    }

    // ---- parsing -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void emptyBodyIsMalformed(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"hostname\":\"a\"}]", "\"text\"", "5060", "true"})
    void nonObjectBodyIsMalformed(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body must be a JSON object");
    }

    @Test
    void nullBodyIsMalformed() {
        assertThatThrownBy(() -> parse("null")).isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class);
    }

    @Test
    void duplicateKeyIsMalformed() {
        assertThatThrownBy(() -> parse("{\"port\":5060,\"port\":5061}"))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body has a duplicate field");
    }

    @Test
    void duplicatePasswordIsMalformedWithoutQuotingIt() {
        assertThatThrownBy(() -> parse("{\"password\":\"strong-password\",\"password\":\"strong-password\"}"))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body has a duplicate field");
    }

    @Test
    void nestedDuplicateKeyIsMalformed() {
        assertThatThrownBy(() -> parse("{\"hostname\":{\"a\":1,\"a\":2}}"))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body has a duplicate field");
    }

    @Test
    void secondValueAfterTheObjectIsMalformed() {
        assertThatThrownBy(() -> parse(SEED_BODY + "{}"))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body has content after the JSON value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}}", "{} ,", "{} 1", "{} \"strong-password\""})
    void trailingContentIsMalformed(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessageNotContaining("strong");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"password\":\"strong-password\"",
            "{\"password\":\"strong-password\",}",
            "{\"password\": strong-password}",
            "{'password':'strong-password'}",
            "{\"password\":\"strong-password\" \"port\":1}",
            "{\"password\":\"strong-password\n\"}",
            "{password:\"strong-password\"}",
            "{\"password\":\"strong-password\\x\"}",
            "{/* strong-password */}",
            "{\"port\":NaN}",
            "{\"port\":01}",
            "strong-password",
    })
    void invalidJsonIsMalformedWithAFixedMessage(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body is not valid JSON");
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] body = {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};

        assertThatThrownBy(() -> CreateSipCredentialRequest.parse(body))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class);
    }

    @Test
    void deepNestingIsMalformed() {
        String body = "{\"hostname\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

        assertThatThrownBy(() -> parse(body)).isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class);
    }

    // ---- all errors at once --------------------------------------------------------------------------------

    @Test
    void emptyObjectReportsEveryRequiredField() throws Exception {
        assertThat(errorsOf("{}")).containsExactly(
                new FieldError("hostname", "is required"),
                new FieldError("port", "is required"),
                new FieldError("username", "is required"),
                new FieldError("password", "is required"));
    }

    @Test
    void everyOffendingFieldIsReportedInOneRound() throws Exception {
        String body = "{\"hostname\":\"bad host\",\"port\":\"5060\",\"username\":\" \",\"password\":\" p\","
                + "\"maxAgentTasks\":0,\"extra\":1}";

        assertThat(errorsOf(body)).containsExactly(
                new FieldError("extra", "is not a known field"),
                new FieldError("hostname", HOSTNAME_MESSAGE),
                new FieldError("port", PORT_MESSAGE),
                new FieldError("username", "must not be blank"),
                new FieldError("password", "must not start or end with white space"),
                new FieldError("maxAgentTasks", MAX_AGENT_TASKS_MESSAGE));
    }

    @Test
    void validationErrorsNeverCarryThePassword() throws Exception {
        String body = "{\"hostname\":\"\",\"port\":0,\"username\":\"agent\",\"password\":\" strong-password\"}";

        assertThat(errorsOf(body)).allSatisfy(error -> {
            assertThat(error.field()).doesNotContain("strong");
            assertThat(error.message()).doesNotContain("strong");
        });
    }

    // ---- unknown fields ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"id", "Hostname", "pass", "maxagenttasks", "max_agent_tasks"})
    void unknownFieldIsRefusedByName(String name) throws Exception {
        assertThat(errorsOf(with(name, "1"))).contains(new FieldError(name, "is not a known field"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\\u0001b", "strong-password", "p@ss word", "x123456789012345678901234567890123"})
    void unknownFieldNameThatDoesNotLookLikeAFieldIsRefusedWithoutEchoingIt(String jsonName) throws Exception {
        List<FieldError> errors = errorsOf(with(jsonName, "1"));

        assertThat(errors).containsExactly(new FieldError("(unrecognised field name)", "is not a known field"));
    }

    @Test
    void nullValuedUnknownFieldIsStillRefused() throws Exception {
        assertThat(errorsOf(with("extra", "null"))).containsExactly(new FieldError("extra", "is not a known field"));
    }

    // ---- hostname ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"sipconnect.sipgate.de", "SIP.example.COM", "sip.example.com.", "localhost", "1.2.3.4",
            "::1", "[::1]", "2001:db8::1", "xn--bcher-kva.de", "a-b.example"})
    void validHostnamesAreAccepted(String hostname) throws Exception {
        assertThat(credentialOf(with("hostname", quoted(hostname))).login().hostname()).isEqualTo(hostname);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip example.com", "sip_example.com", "-sip.example.com", "sip..example.com", "1.2.3.999",
            "http://sip.example.com", "sip.example.com:5060", "b\u00fccher.de", "fe80::1%eth0", "[::1", "::1]", "1.2.3.4.5"})
    void invalidHostnamesAreRefused(String hostname) throws Exception {
        assertThat(errorsOf(with("hostname", quoted(hostname)))).containsExactly(new FieldError("hostname", HOSTNAME_MESSAGE));
    }

    @Test
    void hostnameOf253CharactersIsAcceptedAnd254Refused() throws Exception {
        String host253 = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
        String host254 = ("a".repeat(63) + ".").repeat(3) + "a".repeat(62);

        assertThat(host253).hasSize(253);
        assertThat(credentialOf(with("hostname", quoted(host253))).login().hostname()).isEqualTo(host253);
        assertThat(errorsOf(with("hostname", quoted(host254)))).containsExactly(new FieldError("hostname", HOSTNAME_MESSAGE));
    }

    @Test
    void missingHostnameIsRequired() throws Exception {
        assertThat(errorsOf(with("hostname", null))).containsExactly(new FieldError("hostname", "is required"));
        assertThat(errorsOf(with("hostname", "null"))).containsExactly(new FieldError("hostname", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "[\"a.com\"]", "{\"host\":\"a.com\"}"})
    void nonStringHostnameIsRefused(String raw) throws Exception {
        assertThat(errorsOf(with("hostname", raw))).containsExactly(new FieldError("hostname", "must be a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "\"\\t\""})
    void blankHostnameIsRefused(String raw) throws Exception {
        assertThat(errorsOf(with("hostname", raw))).containsExactly(new FieldError("hostname", "must not be blank"));
    }

    // ---- port ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 5060, 5061, 65535})
    void portsInRangeAreAccepted(int port) throws Exception {
        assertThat(credentialOf(with("port", Integer.toString(port))).login().port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"5060\"", "5060.0", "5e3", "5.06E3", "0", "-1", "65536", "70000", "2147483648",
            "99999999999999999999", "-99999999999999999999", "true", "[5060]", "{\"value\":5060}", "1.5"})
    void portThatIsNotAnIntegerInRangeIsRefused(String raw) throws Exception {
        assertThat(errorsOf(with("port", raw))).containsExactly(new FieldError("port", PORT_MESSAGE));
    }

    @Test
    void portWithTooManyDigitsIsRefused() {
        String body = with("port", "1" + "0".repeat(200));

        assertThatThrownBy(() -> errorsOf(body)).isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class);
    }

    @Test
    void missingPortIsRequired() throws Exception {
        assertThat(errorsOf(with("port", null))).containsExactly(new FieldError("port", "is required"));
        assertThat(errorsOf(with("port", "null"))).containsExactly(new FieldError("port", "is required"));
    }

    // ---- username ------------------------------------------------------------------------------------------

    @Test
    void usernameOf128CharactersIsAcceptedAnd129Refused() throws Exception {
        assertThat(credentialOf(with("username", quoted("u".repeat(128)))).login().username()).hasSize(128);
        assertThat(errorsOf(with("username", quoted("u".repeat(129)))))
                .containsExactly(new FieldError("username", "must be at most 128 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent001", "Agent.001", "agent 001", "j\u00f6rg", "+4930123456", "user@example.com"})
    void usernamesAreAccepted(String username) throws Exception {
        assertThat(credentialOf(with("username", quoted(username))).login().username()).isEqualTo(username);
    }

    @Test
    void missingOrBlankUsernameIsRefused() throws Exception {
        assertThat(errorsOf(with("username", null))).containsExactly(new FieldError("username", "is required"));
        assertThat(errorsOf(with("username", "null"))).containsExactly(new FieldError("username", "is required"));
        assertThat(errorsOf(with("username", "\"\""))).containsExactly(new FieldError("username", "must not be blank"));
        assertThat(errorsOf(with("username", "\" \\t \""))).containsExactly(new FieldError("username", "must not be blank"));
        assertThat(errorsOf(with("username", "1"))).containsExactly(new FieldError("username", "must be a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent\u0000", "ag\u0001ent", "agent\u001f", "agent\u007f", "age\nnt", "age\tnt",
            "agent\u0085", "agent\u009b"})
    void usernameWithControlCharactersIsRefused(String username) throws Exception {
        assertThat(errorsOf(with("username", quoted(username))))
                .containsExactly(new FieldError("username", "must not contain control characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" agent", "agent ", "\u2003agent", "agent\u3000", "agent\u00a0"})
    void usernameWithLeadingOrTrailingWhiteSpaceIsRefused(String username) throws Exception {
        assertThat(errorsOf(with("username", quoted(username))))
                .containsExactly(new FieldError("username", "must not start or end with white space"));
    }

    // ---- password ------------------------------------------------------------------------------------------

    @Test
    void passwordOf256CharactersIsAcceptedAnd257Refused() throws Exception {
        assertThat(credentialOf(with("password", quoted("p".repeat(256)))).password()).hasSize(256);
        assertThat(errorsOf(with("password", quoted("p".repeat(257)))))
                .containsExactly(new FieldError("password", "must be at most 256 characters"));
    }

    @Test
    void missingOrBlankPasswordIsRefused() throws Exception {
        assertThat(errorsOf(with("password", null))).containsExactly(new FieldError("password", "is required"));
        assertThat(errorsOf(with("password", "\"  \""))).containsExactly(new FieldError("password", "must not be blank"));
        assertThat(errorsOf(with("password", "12345678"))).containsExactly(new FieldError("password", "must be a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass\u0000word", "pass\u0007", "pass\u007f", "pass\u0085word"})
    void passwordWithControlCharactersIsRefused(String password) throws Exception {
        assertThat(errorsOf(with("password", quoted(password))))
                .containsExactly(new FieldError("password", "must not contain control characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" strong-password", "strong-password ", "strong-password\u2028"})
    void passwordWithLeadingOrTrailingWhiteSpaceIsRefused(String password) throws Exception {
        assertThat(errorsOf(with("password", quoted(password))))
                .containsExactly(new FieldError("password", "must not start or end with white space"));
    }

    @Test
    void passwordMayHoldInnerSpacesAndSymbols() throws Exception {
        assertThat(credentialOf(with("password", quoted("s3cr3t pass\"word\\!"))).password())
                .isEqualTo("s3cr3t pass\"word\\!");
    }

    // ---- maxAgentTasks -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 1000, Integer.MAX_VALUE})
    void maxAgentTasksOfAtLeastOneIsAccepted(int value) throws Exception {
        assertThat(credentialOf(with("maxAgentTasks", Integer.toString(value))).maxAgentTasks()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "10.0", "1e1", "\"10\"", "2147483648", "true", "[]"})
    void maxAgentTasksThatIsNotAPositiveIntegerIsRefused(String raw) throws Exception {
        assertThat(errorsOf(with("maxAgentTasks", raw)))
                .containsExactly(new FieldError("maxAgentTasks", MAX_AGENT_TASKS_MESSAGE));
    }

    @Test
    void overlongUtf8IsMalformedBeforeJacksonSeesIt() {
        byte[] body = {'{', '"', 'u', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, '"', '}'};

        assertThatThrownBy(() -> CreateSipCredentialRequest.parse(body))
                .isInstanceOf(CreateSipCredentialRequest.MalformedJsonException.class)
                .hasMessage("The request body is not valid UTF-8");
    }

    @Test
    void unpairedSurrogatesAndReplacementCharactersInUsernameOrPasswordAreRefused() throws Exception {
        // Found by the hostile corpus: "agent\ud800" was stored and echoed back as "agent?".
        CreateSipCredentialRequest.Checked checked = check("{\"hostname\":\"sip.example\",\"port\":5060,"
                + "\"username\":\"agent\\ud800\",\"password\":\"pw\\ufffd\"}");

        assertThat(checked.credential()).isNull();
        assertThat(checked.errors()).extracting(FieldError::field).containsExactly("username", "password");
        assertThat(checked.errors()).allMatch(e -> e.message().startsWith("must be valid Unicode text"));
        assertThat(check("{\"hostname\":\"sip.example\",\"port\":5060,\"username\":\"agent \\ud83d\\ude00\","
                + "\"password\":\"pw\"}").errors()).as("a paired surrogate is an emoji, fine").isEmpty();
    }
}

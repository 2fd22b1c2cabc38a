package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.testkit.InMemorySipCredentialStore;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.testkit.LambdaContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.ORGANIZATION;
import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.SEED_BODY;
import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.VENDOR;
import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.with;
import static org.assertj.core.api.Assertions.assertThat;

class CreateSipCredentialTest {
    private static final String TRACE_ID = "c4a1e7d2-trace";
    private static final String TIMESTAMP = "2025-04-17T14:23:30Z";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-17T14:23:30.789Z"), ZoneOffset.UTC);
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    private static final String PASSWORD = "strong-password";

    private final InMemorySipCredentialStore store = new InMemorySipCredentialStore();
    private final CreateSipCredential handler = TestHandlers.deepslate(store, CLOCK, () -> ID);

    static APIGatewayV2HTTPEvent event(String vendorId, String organizationId, String contentType, String body,
                                       boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials");
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        event.setHeaders(headers);
        Map<String, String> path = new HashMap<>();
        if (vendorId != null) {
            path.put("vendorId", vendorId);
        }
        if (organizationId != null) {
            path.put("organizationId", organizationId);
        }
        event.setPathParameters(path);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(TRACE_ID);
        event.setRequestContext(context);
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return Claims.grantingPathTenant(event);
    }

    static APIGatewayV2HTTPEvent json(String body) {
        return event(VENDOR, ORGANIZATION, "application/json", body, false);
    }

    private APIGatewayV2HTTPResponse post(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static String failure(String message, String code, String data) {
        return "{\"success\":false,\"timestamp\":\"" + TIMESTAMP + "\",\"message\":\"" + message + "\",\"code\":\"" + code
                + "\",\"data\":" + data + ",\"traceId\":\"" + TRACE_ID + "\"}";
    }

    private static String created(String hostname, int port, String username, int maxAgentTasks) {
        return "{\"success\":true,\"timestamp\":\"" + TIMESTAMP + "\",\"message\":\"SIP credentials created successfully\","
                + "\"data\":{\"id\":\"" + ID + "\",\"hostname\":\"" + hostname + "\",\"port\":" + port
                + ",\"username\":\"" + username + "\",\"maxAgentTasks\":" + maxAgentTasks + "},\"traceId\":\""
                + TRACE_ID + "\"}";
    }

    // ---- success -------------------------------------------------------------------------------------------

    @Test
    void seedRequestIsCreatedWithTheExactWrapper() {
        APIGatewayV2HTTPResponse response = post(json(SEED_BODY));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo("{\"success\":true,\"timestamp\":\"2025-04-17T14:23:30Z\","
                + "\"message\":\"SIP credentials created successfully\",\"data\":{\"id\":\"550e8400-e29b-41d4-a716-446655440000\","
                + "\"hostname\":\"sipconnect.sipgate.de\",\"port\":5060,\"username\":\"agent001\",\"maxAgentTasks\":10},"
                + "\"traceId\":\"c4a1e7d2-trace\"}");
        assertThat(response.getHeaders())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("X-Request-Id", TRACE_ID)
                .containsEntry("Cache-Control", "no-store")
                .doesNotContainKey("Retry-After");
    }

    @Test
    void seedRequestStoresThePasswordButNeverAnswersIt() {
        APIGatewayV2HTTPResponse response = post(json(SEED_BODY));

        assertThat(response.getBody()).doesNotContain(PASSWORD).doesNotContain("password");
        assertThat(store.organizationCredentials()).hasSize(1);
        OrganizationCredential stored = store.organizationCredentials().values().iterator().next();
        assertThat(stored.password()).isEqualTo(PASSWORD);
        assertThat(stored.id()).isEqualTo(ID);
        assertThat(stored.vendorId()).isEqualTo(UUID.fromString(VENDOR));
        assertThat(stored.organizationId()).isEqualTo(UUID.fromString(ORGANIZATION));
    }

    @Test
    void maxAgentTasksDefaultsTo10() {
        APIGatewayV2HTTPResponse response = post(json(with("maxAgentTasks", null)));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(created("sipconnect.sipgate.de", 5060, "agent001", 10));
        assertThat(store.organizationCredentials().values().iterator().next().maxAgentTasks()).isEqualTo(10);
    }

    @Test
    void givenMaxAgentTasksIsAnswered() {
        APIGatewayV2HTTPResponse response = post(json(with("maxAgentTasks", "5")));

        assertThat(response.getBody()).isEqualTo(created("sipconnect.sipgate.de", 5060, "agent001", 5));
    }

    @Test
    void hostnameIsAnsweredAsSubmitted() {
        APIGatewayV2HTTPResponse response = post(json(with("hostname", "\"SIP.Example.com.\"")));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(created("SIP.Example.com.", 5060, "agent001", 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"})
    void jsonContentTypesAreAccepted(String contentType) {
        assertThat(post(event(VENDOR, ORGANIZATION, contentType, SEED_BODY, false)).getStatusCode()).isEqualTo(201);
    }

    @Test
    void base64BodyIsDecoded() {
        String encoded = Base64.getEncoder().encodeToString(SEED_BODY.getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPResponse response = post(event(VENDOR, ORGANIZATION, "application/json", encoded, true));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(created("sipconnect.sipgate.de", 5060, "agent001", 10));
    }

    @Test
    void traceIdFallsBackToALocalIdWithoutRequestContext() {
        APIGatewayV2HTTPEvent event = json(SEED_BODY);
        event.setRequestContext(null);

        APIGatewayV2HTTPResponse response = post(event);

        // Without a request context there are no verified claims either: refused, but still traceable.
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders().get("X-Request-Id")).startsWith("local-");
        assertThat(response.getBody()).endsWith(",\"traceId\":\"" + response.getHeaders().get("X-Request-Id") + "\"}");
    }

    // ---- uniqueness ----------------------------------------------------------------------------------------

    @Test
    void sameServerAccountAgainIs409() {
        assertThat(post(json(SEED_BODY)).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse response = post(json(SEED_BODY));

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getBody()).isEqualTo(failure(
                "SIP credentials for this username, hostname and port already exist in the organization",
                "DUPLICATE_CREDENTIAL", "null"));
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(store.organizationCredentials()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"SIPCONNECT.SIPGATE.DE\"", "\"sipconnect.sipgate.de.\"", "\"SipConnect.Sipgate.De.\""})
    void hostnameSpellingsOfOneServerAreDuplicates(String hostname) {
        assertThat(post(json(SEED_BODY)).getStatusCode()).isEqualTo(201);

        assertThat(post(json(with("hostname", hostname))).getStatusCode()).isEqualTo(409);
    }

    @Test
    void ipv6SpellingsOfOneServerAreDuplicates() {
        assertThat(post(json(with("hostname", "\"[2001:db8::1]\""))).getStatusCode()).isEqualTo(201);

        assertThat(post(json(with("hostname", "\"2001:DB8:0:0:0:0:0:1\""))).getStatusCode()).isEqualTo(409);
    }

    @Test
    void usernameIsComparedExactly() {
        assertThat(post(json(SEED_BODY)).getStatusCode()).isEqualTo(201);

        assertThat(post(json(with("username", "\"Agent001\""))).getStatusCode()).isEqualTo(201);
    }

    @Test
    void otherPortOrOrganizationIsAnotherCredential() {
        assertThat(post(json(SEED_BODY)).getStatusCode()).isEqualTo(201);

        assertThat(post(json(with("port", "5061"))).getStatusCode()).isEqualTo(201);
        assertThat(post(event(VENDOR, UUID.randomUUID().toString(), "application/json", SEED_BODY, false))
                .getStatusCode()).isEqualTo(201);
        assertThat(store.organizationCredentials()).hasSize(3);
    }

    // ---- store faults --------------------------------------------------------------------------------------

    @Test
    void transientStoreFailureIs503WithRetryAfter() {
        store.organizationOutcome(WriteOutcome.TRANSIENT_FAILURE);

        APIGatewayV2HTTPResponse response = post(json(SEED_BODY));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(response.getBody()).isEqualTo(failure(
                "The credentials were not stored: the store is temporarily unavailable. Retry the request.",
                "STORE_UNAVAILABLE", "null"));
    }

    @Test
    void notAttemptedWriteIs503() {
        store.organizationOutcome(WriteOutcome.NOT_ATTEMPTED);

        APIGatewayV2HTTPResponse response = post(json(SEED_BODY));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"code\":\"STORE_UNAVAILABLE\"");
    }

    @Test
    void permanentStoreFailureIs500() {
        store.organizationOutcome(WriteOutcome.STORE_FAILURE);

        APIGatewayV2HTTPResponse response = post(json(SEED_BODY));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).isEqualTo(failure("Internal error; nothing was stored", "INTERNAL_ERROR", "null"));
    }

    @Test
    void storeThatThrowsIs500WithoutInternals() {
        store.throwing(new IllegalStateException("boom: strong-password rejected by table"));

        APIGatewayV2HTTPResponse response = post(json(SEED_BODY));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(response.getBody()).isEqualTo(failure("Internal error; nothing was stored", "INTERNAL_ERROR", "null"));
    }

    // ---- request errors ------------------------------------------------------------------------------------

    @Test
    void validationErrorListsTheField() {
        APIGatewayV2HTTPResponse response = post(json(with("port", "\"5060\"")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure("Validation failed", "VALIDATION_FAILED",
                "[{\"field\":\"port\",\"message\":\"must be an integer between 1 and 65535\"}]"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void validationErrorListsEveryField() {
        APIGatewayV2HTTPResponse response = post(json("{\"hostname\":\"a b\",\"port\":70000,\"username\":\"\","
                + "\"maxAgentTasks\":0,\"extra\":true}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure("Validation failed", "VALIDATION_FAILED", "["
                + "{\"field\":\"extra\",\"message\":\"is not a known field\"},"
                + "{\"field\":\"hostname\",\"message\":\"must be a DNS name or an IPv4/IPv6 address of at most 253 characters\"},"
                + "{\"field\":\"port\",\"message\":\"must be an integer between 1 and 65535\"},"
                + "{\"field\":\"username\",\"message\":\"must not be blank\"},"
                + "{\"field\":\"password\",\"message\":\"is required\"},"
                + "{\"field\":\"maxAgentTasks\",\"message\":\"must be an integer at least 1\"}]"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void unknownFieldNameWithQuotesIsNotEchoed() {
        APIGatewayV2HTTPResponse response = post(json(with("a\\\"b", "1")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody())
                .contains("{\"field\":\"(unrecognised field name)\",\"message\":\"is not a known field\"}");
    }

    /**
     * A token cannot grant a path that is not a UUID pair (one malformed pair makes the claim grant nothing), so the
     * tenant check, which comes first, answers: the path's own "must be a UUID" rule stays as a second line.
     */
    @Test
    void aTokenNamingAMalformedVendorIdGrantsNothing() {
        APIGatewayV2HTTPResponse response = post(event("not-a-uuid", ORGANIZATION, "application/json", SEED_BODY, false));

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).isEqualTo(failure("The access token does not grant this organization",
                "FORBIDDEN", null));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void aTokenNamingAMalformedOrganizationIdGrantsNothing() {
        APIGatewayV2HTTPResponse response = post(event(VENDOR, "42", "application/json", SEED_BODY, false));

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).isEqualTo(failure("The access token does not grant this organization",
                "FORBIDDEN", null));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void missingPathParametersAreForbiddenBecauseNoTokenCanGrantThem() {
        APIGatewayV2HTTPEvent event = json(SEED_BODY);
        event.setPathParameters(null);

        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).isEqualTo(failure("The access token does not grant this organization",
                "FORBIDDEN", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/plain", "text/json", "application/json; charset=iso-8859-1",
            "application/x-www-form-urlencoded"})
    void otherContentTypesAre415(String contentType) {
        APIGatewayV2HTTPResponse response = post(event(VENDOR, ORGANIZATION, contentType, SEED_BODY, false));

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getBody()).isEqualTo(failure("Content-Type must be application/json (UTF-8)",
                "UNSUPPORTED_MEDIA_TYPE", "null"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void missingContentTypeIs415() {
        assertThat(post(event(VENDOR, ORGANIZATION, null, SEED_BODY, false)).getStatusCode()).isEqualTo(415);
    }

    @Test
    void bodyOver16KiBIs413() {
        String body = with("username", "\"" + "u".repeat(16 * 1024) + "\"");

        APIGatewayV2HTTPResponse response = post(json(body));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(response.getBody()).isEqualTo(failure("The request body is larger than 16 KiB", "PAYLOAD_TOO_LARGE",
                "null"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void bodyOfExactly16KiBIsRead() {
        String shell = with("username", "\"\"");
        String body = shell.replace("\"username\":\"\"", "\"username\":\"" + "u".repeat(16 * 1024 - shell.length()) + "\"");

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(16 * 1024);
        APIGatewayV2HTTPResponse response = post(json(body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"field\":\"username\",\"message\":\"must be at most 128 characters\"");
    }

    @Test
    void multiByteBodyOver16KiBIs413() {
        // 6000 characters, 18000 bytes in UTF-8.
        String body = with("username", "\"" + "\u20ac".repeat(6000) + "\"");

        assertThat(post(json(body)).getStatusCode()).isEqualTo(413);
    }

    @Test
    void base64BodyOver16KiBIs413() {
        String body = with("username", "\"" + "u".repeat(16 * 1024) + "\"");
        String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPResponse response = post(event(VENDOR, ORGANIZATION, "application/json", encoded, true));

        assertThat(response.getStatusCode()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%%", "{\"hostname\":1}", "eyJob3N0bmFtZSI6MX0=*"})
    void bodyThatIsNotBase64IsBadBase64(String body) {
        APIGatewayV2HTTPResponse response = post(event(VENDOR, ORGANIZATION, "application/json", body, true));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure(
                "The request body is not valid base64 although isBase64Encoded is set", "BAD_BASE64", "null"));
    }

    /** The composed and the decomposed "jos\u00e9" are one username: NFC decides uniqueness, the client's spelling is kept. */
    @Test
    void composedAndDecomposedSpellingsOfAUsernameAreDuplicates() throws Exception {
        APIGatewayV2HTTPResponse first = post(json(with("username", "\"jose\u0301\"")));
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(first.getBody()).contains("\"username\":\"jose\u0301\"");

        APIGatewayV2HTTPResponse second = post(json(with("username", "\"jos\u00e9\"")));

        assertThat(second.getStatusCode()).isEqualTo(409);
        assertThat(second.getBody()).contains("\"code\":\"DUPLICATE_CREDENTIAL\"");
        assertThat(store.organizationCredentials().values()).singleElement()
                .satisfies(c -> assertThat(c.login().username()).isEqualTo("jose\u0301"));
    }

    /** Invisible or reordering characters would make names that look alike distinct credentials. */
    @ParameterizedTest
    @ValueSource(strings = {"agent001\u200b", "agent\u202e100", "\u2066agent\u2069", "agent\u00ad001", "ag\ufeffent",
            "agent\u200d001", "agent\u061c1"})
    void formatAndBidiControlCharactersInTheUsernameAreRefused(String username) {
        APIGatewayV2HTTPResponse response = post(json(with("username", "\"" + username + "\"")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure("Validation failed", "VALIDATION_FAILED",
                "[{\"field\":\"username\",\"message\":\"must not contain format or bidi control characters"
                        + " (Unicode category Cf, e.g. U+200B, U+202E)\"}]"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void duplicateKeyIsMalformedJson() {
        APIGatewayV2HTTPResponse response = post(json("{\"port\":5060,\"port\":5060}"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure("The request body has a duplicate field", "MALFORMED_JSON", "null"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void nonObjectBodyIsMalformedJson() {
        APIGatewayV2HTTPResponse response = post(json("[" + SEED_BODY + "]"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure("The request body must be a JSON object", "MALFORMED_JSON", "null"));
    }

    @Test
    void trailingContentIsMalformedJson() {
        APIGatewayV2HTTPResponse response = post(json(SEED_BODY + SEED_BODY));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure("The request body has content after the JSON value",
                "MALFORMED_JSON", "null"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void aBodyThatWasNotUtf8IsMalformedJsonWhetherItArrivesBase64EncodedOrAsReplacedText() {
        byte[] cut = "{\"username\":\"a\u00e9b\"}".getBytes(StandardCharsets.UTF_8);
        cut[15] = '!'; // the A9 of é (C3 A9) overwritten: C3 then '!' is not UTF-8
        APIGatewayV2HTTPResponse base64 = post(event(VENDOR, ORGANIZATION, "application/json",
                Base64.getEncoder().encodeToString(cut), true));
        APIGatewayV2HTTPResponse replaced = post(json(new String(cut, StandardCharsets.UTF_8)));

        for (APIGatewayV2HTTPResponse response : java.util.List.of(base64, replaced)) {
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).isEqualTo(failure("The request body is not valid UTF-8", "MALFORMED_JSON",
                    "null"));
        }
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void emptyBodyIsMalformedJson() {
        APIGatewayV2HTTPResponse response = post(json(""));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(failure("The request body is empty", "MALFORMED_JSON", "null"));
    }

    // ---- the password never leaves ---------------------------------------------------------------------

    static Stream<String> bodiesCarryingThePassword() {
        return Stream.of(
                SEED_BODY,
                with("password", "\" strong-password\""),
                with("password", "\"strong-password \""),
                with("password", "\"strong-password\\u0000\""),
                with("password", "\"strong-password" + "x".repeat(300) + "\""),
                with("password", "[\"strong-password\"]"),
                with("password", "{\"value\":\"strong-password\"}"),
                with("port", "\"strong-password\""),
                with("hostname", "\"strong-password!\""),
                with("username", "\" strong-password\""),
                "{\"password\":\"strong-password\"",
                "{\"password\":\"strong-password\",}",
                "{\"password\": strong-password}",
                "{\"password\":\"strong-password\",\"password\":\"strong-password\"}",
                "{'password':'strong-password'}",
                "{\"password\":\"strong-password\\q\"}",
                "{\"password\":\"strong-password\n\"}",
                SEED_BODY + "strong-password",
                SEED_BODY + "\"strong-password\"",
                "[\"strong-password\"]",
                "\"strong-password\"",
                with("username", "\"" + "u".repeat(16 * 1024) + "\"") + "strong-password");
    }

    @ParameterizedTest
    @MethodSource("bodiesCarryingThePassword")
    void passwordNeverAppearsInTheResponse(String body) {
        APIGatewayV2HTTPResponse response = post(json(body));

        assertThat(response.getBody()).doesNotContain(PASSWORD).doesNotContain("strong");
        assertThat(response.getHeaders().values()).noneMatch(value -> value.contains("strong"));
    }

    @Test
    void passwordNeverAppearsInStoreFailureResponses() {
        for (WriteOutcome outcome : new WriteOutcome[] {WriteOutcome.ALREADY_EXISTS, WriteOutcome.TRANSIENT_FAILURE,
                WriteOutcome.NOT_ATTEMPTED, WriteOutcome.STORE_FAILURE}) {
            store.organizationOutcome(outcome);

            assertThat(post(json(SEED_BODY)).getBody()).as(outcome.name()).doesNotContain("strong");
        }
    }

    @Test
    void passwordNeverAppearsInUnsupportedMediaTypeOrBase64Errors() {
        assertThat(post(event(VENDOR, ORGANIZATION, "text/plain", SEED_BODY, false)).getBody()).doesNotContain("strong");
        assertThat(post(event(VENDOR, ORGANIZATION, "application/json", SEED_BODY, true)).getBody())
                .doesNotContain("strong");
    }

    // ---- time budget ---------------------------------------------------------------------------------------

    @Test
    void lambdaAboutToTimeOutDoesNotWriteAndAnswers503() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json(SEED_BODY), LambdaContexts.withRemainingMillis(400));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"code\":\"STORE_UNAVAILABLE\"");
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void lambdaWithTimeLeftWrites() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(json(SEED_BODY), LambdaContexts.withRemainingMillis(3_000));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(store.organizationCalls()).isEqualTo(1);
    }

    @Test
    void aTokenForAnotherOrganizationIs403ForbiddenAndStoresNothing() throws Exception {
        APIGatewayV2HTTPEvent event = json(SEED_BODY);
        Claims.set(event, java.util.Map.of("sip:organizations", "[\"" + VENDOR + "/" + java.util.UUID.randomUUID() + "\"]",
                "sip:accounts", "[\"" + ORGANIZATION + "\"]"));

        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("\"success\":false", "\"code\":\"FORBIDDEN\"")
                .doesNotContain("strong-password");
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void noAuthorizerContextFailsClosedWith403() {
        APIGatewayV2HTTPEvent event = json(SEED_BODY);
        event.getRequestContext().setAuthorizer(null);

        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("\"code\":\"FORBIDDEN\"");
        assertThat(store.isUntouched()).isTrue();
    }

    // ---- SnapStart priming ---------------------------------------------------------------------------------

    @Test
    void primingRunsThisRouteAsIntendedAndStoresNothing() {
        assertThat(handler.prime()).isTrue();
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void primingBuildsItsLogAndMetricsLinesButWritesNoneOfThem() {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(handler.prime()).isTrue();
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }
}

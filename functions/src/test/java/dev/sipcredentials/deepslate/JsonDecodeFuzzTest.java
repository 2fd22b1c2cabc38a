package dev.sipcredentials.deepslate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The JSON API's decode-and-validate path under fuzzing: parse, check path and body, write the wrapper. Nothing but
 * the documented {@link CreateSipCredentialRequest.MalformedJsonException} may escape, the response is valid JSON,
 * and the password never appears in it (beyond what the client itself sent in other echoed places: the hostname,
 * the username and field names). {@code mvn verify} replays the kept inputs; the README (Security) shows a fuzzing run.
 */
class JsonDecodeFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENDOR = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String ORGANIZATION = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final Instant NOW = Instant.parse("2026-11-22T20:00:00Z");

    @FuzzTest(maxDuration = "5m")
    void parseCheckAndRespond(FuzzedDataProvider data) throws Exception {
        boolean fuzzPath = data.consumeBoolean();
        String vendor = fuzzPath ? data.consumeString(48) : VENDOR;
        String organization = fuzzPath ? data.consumeString(48) : ORGANIZATION;
        byte[] body = data.consumeRemainingAsBytes();

        String response;
        String password = null;
        List<String> echoed = new ArrayList<>();
        List<FieldError> pathErrors = CreateSipCredentialRequest.checkPath(vendor, organization);
        if (!pathErrors.isEmpty()) {
            response = ApiResponseJson.failure(DeepslateError.VALIDATION_FAILED, null, pathErrors, NOW, "t");
        } else {
            try {
                JsonNode parsed = CreateSipCredentialRequest.parse(body);
                JsonNode passwordNode = parsed.get("password");
                password = passwordNode != null && passwordNode.isTextual() ? passwordNode.textValue() : null;
                parsed.fieldNames().forEachRemaining(echoed::add);
                CreateSipCredentialRequest.Checked checked =
                        CreateSipCredentialRequest.check(vendor, organization, parsed, UUID.randomUUID());
                if (checked.errors().isEmpty()) {
                    echoed.add(checked.credential().login().hostname());
                    echoed.add(checked.credential().login().username());
                    response = ApiResponseJson.created(checked.credential(), NOW, "t");
                } else {
                    response = ApiResponseJson.failure(DeepslateError.VALIDATION_FAILED, null, checked.errors(), NOW, "t");
                }
            } catch (CreateSipCredentialRequest.MalformedJsonException e) {
                response = ApiResponseJson.failure(DeepslateError.MALFORMED_JSON, e.getMessage(), null, NOW, "t");
            }
        }

        JsonNode wrapper = JSON.readTree(response);
        if (wrapper == null || !wrapper.has("success") || !wrapper.has("traceId")) {
            throw new AssertionError("not the standard wrapper: " + response);
        }
        assertNoPassword(wrapper, password, echoed);
    }

    /**
     * No key is named password, and no value carries it, except where the response legitimately repeats what the
     * client sent elsewhere (hostname, username, field names) or fixed texts (messages, codes, ids, timestamps).
     */
    private static void assertNoPassword(JsonNode node, String password, List<String> echoed) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().toLowerCase(java.util.Locale.ROOT).contains("password")) {
                    throw new AssertionError("a password field in the response");
                }
                if (!List.of("message", "code", "timestamp", "traceId", "id", "field").contains(field.getKey())) {
                    assertNoPassword(field.getValue(), password, echoed);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> assertNoPassword(element, password, echoed));
        } else if (node.isTextual() && password != null && !password.isEmpty() && !echoed.contains(node.textValue())
                && node.textValue().contains(password)) {
            throw new AssertionError("the password appears in the response");
        }
    }
}

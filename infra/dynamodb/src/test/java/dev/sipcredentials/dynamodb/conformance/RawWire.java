package dev.sipcredentials.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import org.opentest4j.TestAbortedException;

/**
 * Requests the SDK would never send (a string where a boolean belongs, a body that is not JSON), posted as they are
 * to a local target, with a syntactically complete but unverified signature header. A real DynamoDB needs a valid
 * signature: cases using this are skipped there.
 */
final class RawWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String type() {
            return json().path("__type").asText();
        }
    }

    private RawWire() {}

    static Answer post(DynamoTarget t, String operation, String body) {
        if (t.endpoint() == null) {
            throw new TestAbortedException("raw requests need a local endpoint; " + t + " needs signed requests");
        }
        try {
            HttpURLConnection c = (HttpURLConnection) t.endpoint().toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            c.setRequestProperty("X-Amz-Target", "DynamoDB_20120810." + operation);
            c.setRequestProperty("X-Amz-Date", "20261208T000000Z");
            c.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=conformance/20261208/us-east-1/dynamodb/"
                    + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError("request to " + t + " failed", e);
        }
    }
}

package dev.sipcredentials.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds API Gateway payload 2.0 responses with a text body. */
public final class HttpResponses {
    /**
     * Lambda refuses a synchronous response over 6 MB (6,291,456 bytes of JSON, status and headers included) and
     * API Gateway then answers 500. A body is kept under this, estimated by {@link #encodedBodyBytes}, which leaves
     * more than 250 KB for the rest of the response object.
     */
    public static final int MAX_ENCODED_BODY_BYTES = 6_000_000;

    private HttpResponses() {
    }

    /**
     * An upper bound of the body's size inside the Lambda response JSON: UTF-8 bytes, 6 for a character JSON may
     * escape as a six-character unicode escape (controls, and anything non-ASCII, as some serializers do), 2
     * for a quote or a backslash.
     */
    public static long encodedBodyBytes(String body) {
        long bytes = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20 || c >= 0x80) {
                bytes += 6;
            } else {
                bytes++;
            }
        }
        return bytes;
    }

    public static APIGatewayV2HTTPResponse of(int status, String contentType, String body, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Request-Id", requestId);
        if (status == 503) {
            headers.put("Retry-After", "1");
        }
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(headers);
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }
}

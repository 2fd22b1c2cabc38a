package dev.sipcredentials.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The HTTP response API Gateway sends to the client: either its own answer (404, 413, 500, 503) or the translation
 * of a Lambda's payload-2.0 response.
 */
public record HttpApiResponse(int statusCode, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpApiResponse {
        headers = List.copyOf(headers);
    }

    /** The Lambda answered with something API Gateway cannot turn into an HTTP response: it returns a 500. */
    public static final class MalformedLambdaResponse extends Exception {
        MalformedLambdaResponse(String message) {
            super(message);
        }
    }

    // API Gateway's own answers. Texts as HTTP APIs send them: {"message":"Not Found"} is documented in "Routing API
    // requests" (http-api-develop-routes.html); the others follow the same shape.
    public static HttpApiResponse notFound() {
        return gatewayError(404, "Not Found");
    }

    /** The JWT authorizer refused the token (missing, bad signature, expired, wrong issuer or audience). */
    public static HttpApiResponse unauthorized() {
        return unauthorized(null);
    }

    /** As above, with the {@code error_description} API Gateway adds to www-authenticate (null: none). */
    public static HttpApiResponse unauthorized(String errorDescription) {
        return new HttpApiResponse(401,
                List.of(header("Content-Type", "application/json"),
                        header("www-authenticate", "Bearer scope=\"\" error=\"invalid_token\""
                                + (errorDescription == null ? "" : " error_description=\"" + errorDescription + "\""))),
                "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
    }

    public static HttpApiResponse internalServerError() {
        return gatewayError(500, "Internal Server Error");
    }

    public static HttpApiResponse requestEntityTooLarge() {
        return gatewayError(413, "Request Entity Too Large");
    }

    /** Lambda refused the invoke because the event exceeded its 6 MB synchronous request payload limit. */
    public static HttpApiResponse requestTooLong() {
        return gatewayError(413, "Request Too Long");
    }

    /** The integration did not answer within HTTP API's 30 s. */
    public static HttpApiResponse serviceUnavailable() {
        return gatewayError(503, "Service Unavailable");
    }

    private static HttpApiResponse gatewayError(int status, String message) {
        String json = "{\"message\":\"" + message + "\"}";
        return new HttpApiResponse(
                status, List.of(header("Content-Type", "application/json")), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Interprets a Lambda's output as an HTTP API with payload format 2.0 does. From
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html: a JSON
     * object with statusCode gives statusCode, headers, cookies (each becomes a set-cookie header), body and
     * isBase64Encoded (the body is then decoded to bytes); valid JSON without statusCode is taken as the body of a
     * 200 application/json response. multiValueHeaders is not part of the documented 2.0 response, but
     * APIGatewayV2HTTPResponse has it, so it is honoured here too.
     */
    public static HttpApiResponse fromLambdaOutput(String output) throws MalformedLambdaResponse {
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            throw new MalformedLambdaResponse("Lambda output is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedLambdaResponse("Lambda output is empty");
        }
        if (!root.isObject() || !root.has("statusCode")) {
            return new HttpApiResponse(
                    200, List.of(header("Content-Type", "application/json")), output.getBytes(StandardCharsets.UTF_8));
        }

        JsonNode status = root.get("statusCode");
        int statusCode;
        if (status.isIntegralNumber() && status.canConvertToInt()) {
            statusCode = status.asInt();
        } else if (status.isTextual()) {
            statusCode = parseStatus(status.asText());
        } else {
            throw new MalformedLambdaResponse("statusCode is not an integer: " + status);
        }
        if (statusCode < 100 || statusCode > 599) {
            throw new MalformedLambdaResponse("statusCode out of range: " + statusCode);
        }

        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode single = root.path("headers");
        if (single.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                if (!h.getValue().isNull()) {
                    headers.add(header(h.getKey(), scalar(h.getValue(), "header " + h.getKey())));
                }
            }
        } else if (!single.isMissingNode() && !single.isNull()) {
            throw new MalformedLambdaResponse("headers is not an object");
        }
        JsonNode multi = root.path("multiValueHeaders");
        if (multi.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                for (JsonNode value : h.getValue()) {
                    headers.add(header(h.getKey(), scalar(value, "header " + h.getKey())));
                }
            }
        }
        JsonNode cookies = root.path("cookies");
        if (cookies.isArray()) {
            for (JsonNode cookie : cookies) {
                headers.add(header("Set-Cookie", scalar(cookie, "cookie")));
            }
        }

        JsonNode bodyNode = root.path("body");
        byte[] body;
        if (bodyNode.isMissingNode() || bodyNode.isNull()) {
            body = new byte[0];
        } else if (!bodyNode.isTextual()) {
            throw new MalformedLambdaResponse("body is not a string");
        } else if (root.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(bodyNode.asText());
            } catch (IllegalArgumentException e) {
                throw new MalformedLambdaResponse("isBase64Encoded is true but body is not base64");
            }
        } else {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new HttpApiResponse(statusCode, headers, body);
    }

    private static int parseStatus(String text) throws MalformedLambdaResponse {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new MalformedLambdaResponse("statusCode is not an integer: " + text);
        }
    }

    private static String scalar(JsonNode node, String what) throws MalformedLambdaResponse {
        if (!node.isValueNode()) {
            throw new MalformedLambdaResponse(what + " is not a scalar");
        }
        return node.asText();
    }

    static Map.Entry<String, String> header(String name, String value) {
        return new SimpleImmutableEntry<>(name, value);
    }

    /** A copy with one more header (API Gateway adds apigw-requestid to every answer). */
    public HttpApiResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(header(name, value));
        return new HttpApiResponse(statusCode, more, body);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

package dev.sipcredentials.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway HTTP API (payload 2.0) event that the handlers use. Header names arrive
 * lower-cased from API Gateway; the lookup is case-insensitive anyway so hand-written events work too.
 */
public final class HttpRequest {
    private final APIGatewayV2HTTPEvent event;

    public HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public String requestId() {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context != null && context.getRequestId() != null && !context.getRequestId().isBlank()) {
            return context.getRequestId();
        }
        return "local-" + java.util.UUID.randomUUID();
    }

    public String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }

    public String queryParameter(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    public String header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    public MediaType contentType() {
        return MediaType.parse(header("content-type"));
    }

    /**
     * The body as bytes, honouring isBase64Encoded, refused past {@code maxBytes} before decoding when
     * the encoded size already shows it is too large.
     */
    public byte[] body(int maxBytes) throws BodyException {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            // 4 base64 characters carry 3 bytes: reject obviously oversized bodies without decoding them.
            if ((long) body.length() / 4 * 3 > (long) maxBytes + 3) {
                throw new BodyException(BodyException.Reason.TOO_LARGE);
            }
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new BodyException(BodyException.Reason.BAD_ENCODING);
            }
        } else {
            if (body.length() > maxBytes) {
                throw new BodyException(BodyException.Reason.TOO_LARGE);
            }
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw new BodyException(BodyException.Reason.TOO_LARGE);
        }
        return bytes;
    }

    /** Why a body could not be read. */
    public static final class BodyException extends Exception {
        public enum Reason { TOO_LARGE, BAD_ENCODING }

        private final Reason reason;

        public BodyException(Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}

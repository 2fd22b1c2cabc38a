package dev.sipcredentials.local;

import java.util.Locale;
import java.util.Set;

/**
 * When an HTTP API (payload 2.0) base64-encodes the request body it hands to Lambda.
 *
 * <p>AWS documents only the mechanism: "If the content type of the request is binary, the body is base64-encoded"
 * and isBase64Encoded is "TRUE if the body is a binary payload and base64-encoded" (Lambda proxy integrations for
 * HTTP APIs, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * HTTP APIs have no binaryMediaTypes setting; the split was verified against real AWS (HTTP API, payload 2.0,
 * AWS_PROXY) in https://github.com/ministackorg/ministack/pull/766: the body arrives as plain UTF-8 text only for
 * {@code text/*}, {@code application/json}, {@code application/xml} and {@code application/javascript}; everything
 * else is base64-encoded, including a missing Content-Type and {@code application/x-www-form-urlencoded}.
 *
 * <p>So {@code application/xml} and {@code text/xml} arrive as text, {@code application/octet-stream} as base64.
 * Handlers must honour isBase64Encoded either way.
 */
public final class BodyEncoding {

    private static final Set<String> TEXT_MEDIA_TYPES =
            Set.of("application/json", "application/xml", "application/javascript");

    private BodyEncoding() {}

    /** True when API Gateway would base64-encode a body sent with this Content-Type header value (may be null). */
    public static boolean isBase64Encoded(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return !(mediaType.startsWith("text/") || TEXT_MEDIA_TYPES.contains(mediaType));
    }
}

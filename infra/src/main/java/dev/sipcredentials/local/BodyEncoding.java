package dev.sipcredentials.local;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>A body that is not well-formed UTF-8 is base64-encoded whatever its Content-Type. API Gateway defines "a text
 * payload is a UTF-8-encoded JSON string. A binary payload is anything other than a text payload" (Binary media types,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html), and the event is
 * JSON text, which cannot carry bytes that are not UTF-8; AWS does not document a replacement. So the function gets
 * the client's exact bytes, flagged isBase64Encoded, and answers as for any body that is not UTF-8 (1104,
 * MALFORMED_JSON) instead of seeing U+FFFD where the bytes were. The functions answer the same if a gateway ever hands
 * them the replaced text ({@code dev.sipcredentials.http.Utf8}).
 */
public final class BodyEncoding {

    private static final Set<String> TEXT_MEDIA_TYPES =
            Set.of("application/json", "application/xml", "application/javascript");

    private BodyEncoding() {}

    /** True when this body, sent with this Content-Type header value (may be null), reaches the function base64-encoded. */
    public static boolean isBase64Encoded(String contentType, byte[] body) {
        return isBase64Encoded(contentType) || !isWellFormedUtf8(body);
    }

    private static boolean isWellFormedUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** True when API Gateway would base64-encode a body sent with this Content-Type header value (may be null). */
    public static boolean isBase64Encoded(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return !(mediaType.startsWith("text/") || TEXT_MEDIA_TYPES.contains(mediaType));
    }
}

package dev.sipcredentials.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation, ahead of the parsers: both APIs declare UTF-8 bodies, and parsers are lenient in places
 * (the XML parser decodes the overlong form C0 AF as '/'), so a body is refused unless it is well-formed UTF-8:
 * no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequences.
 *
 * <p>U+FFFD counts as malformed too. It is what a decoder leaves of bytes it could not read: a body that reaches a
 * function as text (isBase64Encoded false) has been decoded from bytes to a string upstream, and if that decoder
 * replaced malformed bytes, U+FFFD is all that is left of them. So the answer to a body that was not UTF-8 is the
 * same (1104, MALFORMED_JSON) whether it arrives base64-encoded with its bytes intact or as replaced text.
 */
public final class Utf8 {
    private Utf8() {
    }

    public static boolean isValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return false;
        }
        return !holdsReplacementCharacter(bytes);
    }

    /** U+FFFD is EF BF BD in UTF-8. */
    private static boolean holdsReplacementCharacter(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBF && bytes[i + 2] == (byte) 0xBD) {
                return true;
            }
        }
        return false;
    }

    /**
     * Text that decoded from valid UTF-8 holds no unpaired surrogate; one arriving through a JSON escape
     * ({@code "\ud800"}) cannot be stored or echoed faithfully, and U+FFFD marks bytes a decoder upstream (API
     * Gateway turning a text body into a string) could not read. Neither belongs in a name or a password.
     */
    public static boolean isCleanText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

package dev.sipcredentials.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation, ahead of the parsers: both APIs declare UTF-8 bodies, and parsers are lenient in places
 * (the XML parser decodes the overlong form C0 AF as '/'), so a body is refused unless it is well-formed UTF-8:
 * no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequences.
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
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
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

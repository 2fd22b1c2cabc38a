package dev.sipcredentials.provisioning;

import java.text.Normalizer;

/**
 * Unicode rules for the JSON API's free-text username. Uniqueness compares the NFC form, so the composed "jos&eacute;"
 * (U+00E9) and the decomposed one ('e' + U+0301) are one SIP account; what is stored and echoed is what the client
 * sent. Format characters (category Cf: zero-width spaces and joiners, bidi embeddings, overrides and isolates, the
 * soft hyphen, U+FEFF...) are refused outright: invisible, or reordering what is displayed, they would make names that
 * look alike distinct credentials.
 */
public final class UsernameText {
    private UsernameText() {
    }

    /** The NFC form; text of code points below U+0300 (ASCII, Latin-1...) is NFC already and returned as it is. */
    public static String nfc(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x300) {
                return Normalizer.normalize(value, Normalizer.Form.NFC);
            }
        }
        return value;
    }

    public static boolean hasFormatCharacter(String value) {
        return value.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT);
    }
}

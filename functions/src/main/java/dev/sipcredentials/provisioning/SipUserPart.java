package dev.sipcredentials.provisioning;

/**
 * One spelling for equivalent SIP user parts. RFC 3261 (19.1.4) compares user parts after unescaping: a character
 * outside RFC 2396's reserved set is the same as its {@code %HH} escape, so {@code %61lice} and {@code alice} are
 * one identity (and one HA1). The canonical form decodes the escapes of the unreserved characters (letters, digits
 * and {@code -_.!~*'()}) and writes the hex of every other escape in upper case ({@code %2f} as {@code %2F}); an
 * escaped reserved or user-unreserved character ({@code %2F} for '/') stays escaped, as it is not the character.
 * Text without {@code '%'} is returned as it is.
 */
public final class SipUserPart {
    private static final String MARKS = "-_.!~*'()";

    private SipUserPart() {
    }

    public static String canonical(String value) {
        int percent = value.indexOf('%');
        if (percent < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        out.append(value, 0, percent);
        for (int i = percent; i < value.length(); i++) {
            char c = value.charAt(i);
            int high;
            int low;
            if (c == '%' && i + 2 < value.length() && (high = hex(value.charAt(i + 1))) >= 0
                    && (low = hex(value.charAt(i + 2))) >= 0) {
                char decoded = (char) (high * 16 + low);
                if (isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(Character.toUpperCase(value.charAt(i + 1)))
                            .append(Character.toUpperCase(value.charAt(i + 2)));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || MARKS.indexOf(c) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}

package dev.sipcredentials.bandwidth;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code encoding} of a body's XML declaration. The API's contract is UTF-8, and the body has already been
 * checked to be well-formed UTF-8; a declaration naming another charset would make the parser decode those same
 * bytes as that charset ({@code encoding="ISO-8859-1"} turns UTF-8 "J&ouml;rg" into "J&Atilde;&para;rg"), so any
 * name but {@code UTF-8} (any case) is refused before the parser sees it. No declaration, or one without
 * {@code encoding}, means UTF-8.
 */
final class XmlDeclaredEncoding {
    /** A declaration is short; one not closed within this many bytes is left to the parser to call malformed. */
    private static final int MAX_DECLARATION_BYTES = 1024;
    private static final Pattern ENCODING = Pattern.compile("[ \\t\\r\\n]encoding[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:\"([^\"]*)\"|'([^']*)')");

    private XmlDeclaredEncoding() {
    }

    /** True when the body has no XML declaration, one without encoding, or one that names UTF-8 (every time). */
    static boolean isUtf8OrAbsent(byte[] body) {
        int start = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
                && (body[2] & 0xFF) == 0xBF ? 3 : 0;
        if (!startsWith(body, start, "<?xml") || body.length <= start + 5 || !isSpace(body[start + 5])) {
            return true;
        }
        int limit = Math.min(body.length, start + MAX_DECLARATION_BYTES);
        int end = -1;
        for (int i = start + 5; i + 1 < limit; i++) {
            if (body[i] == '?' && body[i + 1] == '>') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return true;
        }
        String declaration = new String(body, start, end - start, StandardCharsets.UTF_8);
        Matcher matcher = ENCODING.matcher(declaration);
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (!"UTF-8".equalsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] body, int offset, String prefix) {
        if (body.length < offset + prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}

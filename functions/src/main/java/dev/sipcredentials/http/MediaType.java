package dev.sipcredentials.http;

import java.util.Locale;

/** A Content-Type value reduced to what the APIs check: type/subtype and the charset parameter. */
public record MediaType(String essence, String charset) {
    public static final MediaType NONE = new MediaType("", null);

    public static MediaType parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        String[] parts = header.split(";");
        String essence = parts[0].trim().toLowerCase(Locale.ROOT);
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                charset = parameter.substring(equals + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return new MediaType(essence, charset);
    }

    public boolean isPresent() {
        return !essence.isEmpty();
    }

    /** True for the given essences when the charset is absent or UTF-8, the only one the APIs read. */
    public boolean isOneOf(String... essences) {
        return isOneOf(java.util.List.of(essences));
    }

    /** As {@link #isOneOf(String...)}. */
    public boolean isOneOf(java.util.List<String> essences) {
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
            return false;
        }
        for (String candidate : essences) {
            if (candidate.equals(essence)) {
                return true;
            }
        }
        return false;
    }
}

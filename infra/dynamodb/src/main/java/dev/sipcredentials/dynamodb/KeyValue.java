package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * One scalar key value (S, N or B), ordered as DynamoDB orders range keys: S by UTF-8 bytes (code points), N
 * numerically, B by unsigned bytes. Equal numbers compare and hash equal whatever their spelling ("1.50", "1.5").
 */
final class KeyValue implements Comparable<KeyValue> {

    /** Sentinels for range bounds: below and above every real value. */
    static final KeyValue LOWEST = new KeyValue('<', "", null, null);
    static final KeyValue HIGHEST = new KeyValue('>', "", null, null);

    final char type;
    /** S: the string; N: canonical number text; B: the base64 text as sent. */
    final String text;
    private final BigDecimal number;
    private final byte[] bytes;

    private KeyValue(char type, String text, BigDecimal number, byte[] bytes) {
        this.type = type;
        this.text = text;
        this.number = number;
        this.bytes = bytes;
    }

    /**
     * The key value of an attribute value of the given type, or null when the attribute value is not of that type.
     *
     * @throws DynamoDbException for an unparseable number or base64
     */
    static KeyValue of(JsonNode attributeValue, char type) {
        if (attributeValue == null || !attributeValue.isObject()) {
            return null;
        }
        JsonNode field = attributeValue.get(String.valueOf(type));
        if (field == null || !field.isTextual() || attributeValue.size() != 1) {
            return null;
        }
        String raw = field.textValue();
        switch (type) {
            case 'S':
                return new KeyValue('S', raw, null, null);
            case 'N':
                BigDecimal n;
                try {
                    n = new BigDecimal(raw.trim()).stripTrailingZeros();
                } catch (NumberFormatException e) {
                    throw DynamoDbException.validation("The parameter cannot be converted to a numeric value: " + raw);
                }
                if (n.signum() == 0) {
                    n = BigDecimal.ZERO;
                }
                return new KeyValue('N', n.toString(), n, null);
            case 'B':
                byte[] b;
                try {
                    b = Base64.getDecoder().decode(raw);
                } catch (IllegalArgumentException e) {
                    throw DynamoDbException.validation("Invalid Base64 value: " + raw);
                }
                return new KeyValue('B', Base64.getEncoder().encodeToString(b), null, b);
            default:
                return null;
        }
    }

    /** Whether this value is empty (an empty S or B, which DynamoDB refuses as a key). */
    boolean isEmpty() {
        return type == 'S' ? text.isEmpty() : type == 'B' && bytes.length == 0;
    }

    /** Bytes counted against the 2048/1024-byte key limits (numbers are always within them). */
    int limitSize() {
        switch (type) {
            case 'S':
                return utf8Length(text);
            case 'B':
                return bytes.length;
            default:
                return 0;
        }
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(String.valueOf(type), text);
        return node;
    }

    /** A well-mixed non-negative int of this value, used to spread partitions as DynamoDB's hash does. */
    int token() {
        int h = type * 31 + text.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0x7fffffff;
    }

    @Override
    public int compareTo(KeyValue other) {
        if (this == other) {
            return 0;
        }
        if (type == '<' || other.type == '>') {
            return -1;
        }
        if (type == '>' || other.type == '<') {
            return 1;
        }
        if (type != other.type) {
            return Character.compare(type, other.type);
        }
        switch (type) {
            case 'N':
                return number.compareTo(other.number);
            case 'B':
                return Arrays.compareUnsigned(bytes, other.bytes);
            default:
                return compareByCodePoint(text, other.text);
        }
    }

    /** Order of UTF-8 bytes, which is code-point order (String.compareTo orders UTF-16 units instead). */
    static int compareByCodePoint(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    // surrogates (D800-DFFF) encode code points above FFFF: they sort after E000-FFFF
                    boolean xs = x <= 0xDFFF;
                    boolean ys = y <= 0xDFFF;
                    if (xs != ys) {
                        return xs ? 1 : -1;
                    }
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c)) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    boolean startsWith(KeyValue prefix) {
        if (type != prefix.type) {
            return false;
        }
        if (type == 'S') {
            return text.startsWith(prefix.text);
        }
        if (type == 'B') {
            return bytes.length >= prefix.bytes.length
                    && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue && ((KeyValue) o).type == type && ((KeyValue) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return type * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return type + ":" + text;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

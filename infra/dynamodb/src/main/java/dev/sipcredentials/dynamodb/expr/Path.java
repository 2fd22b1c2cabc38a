package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A document path: a top-level attribute name, then map keys (String) and list indexes (Integer). */
final class Path {
    final Object[] parts;

    Path(Object[] parts) {
        this.parts = parts;
    }

    String head() {
        return (String) parts[0];
    }

    int length() {
        return parts.length;
    }

    /** The value at this path in {@code item}, or null when absent (or the item is null). Nothing is copied. */
    JsonNode get(Map<String, JsonNode> item) {
        if (item == null) {
            return null;
        }
        JsonNode node = item.get((String) parts[0]);
        for (int i = 1; i < parts.length && node != null; i++) {
            node = child(node, parts[i]);
        }
        return node;
    }

    static JsonNode child(JsonNode node, Object part) {
        if (part instanceof String) {
            JsonNode m = node.get("M");
            return m == null ? null : m.get((String) part);
        }
        JsonNode l = node.get("L");
        return l == null ? null : l.get((Integer) part);
    }

    boolean sameAs(Path other) {
        return java.util.Arrays.equals(parts, other.parts);
    }

    /** DynamoDB's rendering in messages: {@code [a, b, [0]]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (parts[i] instanceof Integer) {
                b.append('[').append(parts[i]).append(']');
            } else {
                b.append(parts[i]);
            }
        }
        return b.append(']').toString();
    }
}

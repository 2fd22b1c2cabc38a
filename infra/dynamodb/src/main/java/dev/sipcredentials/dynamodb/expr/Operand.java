package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An operand of a condition: a document path, an expression attribute value, or size(path). */
abstract class Operand {
    boolean parenthesized;

    /** The value, or null when absent. */
    abstract JsonNode eval(Map<String, JsonNode> item);

    /** The type known when parsing (a value's, N for size), or null for a path. */
    String knownType() {
        return null;
    }

    static final class PathOperand extends Operand {
        final Path path;

        PathOperand(Path path) {
            this.path = path;
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            return path.get(item);
        }
    }

    static final class ValueOperand extends Operand {
        final JsonNode value;
        final String type;

        ValueOperand(JsonNode value) {
            this.value = value;
            this.type = value == null ? null : Values.typeOf(value);
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            return value;
        }

        @Override
        String knownType() {
            return type;
        }
    }

    /** size(operand): a number, absent when the operand is absent or of a type without size. */
    static final class SizeOperand extends Operand {
        final Operand of;

        SizeOperand(Operand of) {
            this.of = of;
        }

        @Override
        JsonNode eval(Map<String, JsonNode> item) {
            JsonNode v = of.eval(item);
            if (v == null) {
                return null;
            }
            long size = sizeOf(v);
            if (size < 0) {
                return null;
            }
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("N", Long.toString(size));
            return n;
        }

        @Override
        String knownType() {
            return "N";
        }

        /** String: its length in characters (not UTF-8 bytes); binary: bytes; sets, lists, maps: elements; -1 for others. */
        static long sizeOf(JsonNode v) {
            String t = Values.typeOf(v);
            JsonNode x = v.get(t);
            switch (t) {
                case "S":
                    return x.textValue().length();
                case "B":
                    return Values.base64Length(x.textValue());
                case "SS":
                case "NS":
                case "BS":
                case "L":
                case "M":
                    return x.size();
                default:
                    return -1;
            }
        }
    }
}

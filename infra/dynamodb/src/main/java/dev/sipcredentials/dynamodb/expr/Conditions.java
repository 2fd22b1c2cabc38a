package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;

/** The nodes of a parsed condition, each a {@link Condition}; evaluated over the stored item without copying. */
final class Conditions {
    private Conditions() {}

    /** A condition node; {@code parenthesized} serves the redundant-parentheses check while parsing. */
    abstract static class Node implements Condition {
        boolean parenthesized;
    }

    static final class And extends Node {
        final Node left;
        final Node right;

        And(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            return left.test(item) && right.test(item);
        }
    }

    static final class Or extends Node {
        final Node left;
        final Node right;

        Or(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            return left.test(item) || right.test(item);
        }
    }

    static final class Not extends Node {
        final Node inner;

        Not(Node inner) {
            this.inner = inner;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            return !inner.test(item);
        }
    }

    /** = <> < <= > >= */
    static final class Compare extends Node {
        final byte op; // Lexer.EQ .. Lexer.GE
        final Operand left;
        final Operand right;

        Compare(byte op, Operand left, Operand right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            JsonNode a = left.eval(item);
            JsonNode b = right.eval(item);
            switch (op) {
                case Lexer.EQ:
                    return a != null && b != null && Values.equal(a, b);
                case Lexer.NE:
                    return !(a != null && b != null && Values.equal(a, b));
                default:
                    if (a == null || b == null) {
                        return false;
                    }
                    int c = order(a, b);
                    if (c == NOT_COMPARABLE) {
                        return false;
                    }
                    switch (op) {
                        case Lexer.LT:
                            return c < 0;
                        case Lexer.LE:
                            return c <= 0;
                        case Lexer.GT:
                            return c > 0;
                        default:
                            return c >= 0;
                    }
            }
        }
    }

    static final int NOT_COMPARABLE = Integer.MIN_VALUE;

    /** Order of two values of the same scalar type (S, N, B); NOT_COMPARABLE otherwise (DynamoDB: false, no error). */
    static int order(JsonNode a, JsonNode b) {
        String t = Values.typeOf(a);
        JsonNode vb = b.get(t);
        if (vb == null || vb.isNull()) {
            return NOT_COMPARABLE;
        }
        JsonNode va = a.get(t);
        switch (t) {
            case "S":
                return Integer.signum(Values.compareUtf8(va.textValue(), vb.textValue()));
            case "N":
                return new BigDecimal(va.textValue()).compareTo(new BigDecimal(vb.textValue()));
            case "B":
                return Integer.signum(Values.compareBytes(Base64.getDecoder().decode(va.textValue()),
                        Base64.getDecoder().decode(vb.textValue())));
            default:
                return NOT_COMPARABLE;
        }
    }

    static final class Between extends Node {
        final Operand value;
        final Operand low;
        final Operand high;

        Between(Operand value, Operand low, Operand high) {
            this.value = value;
            this.low = low;
            this.high = high;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            JsonNode v = value.eval(item);
            JsonNode lo = low.eval(item);
            JsonNode hi = high.eval(item);
            if (v == null || lo == null || hi == null) {
                return false;
            }
            int c1 = order(v, lo);
            if (c1 == NOT_COMPARABLE || c1 < 0) {
                return false;
            }
            int c2 = order(v, hi);
            return c2 != NOT_COMPARABLE && c2 <= 0;
        }
    }

    static final class In extends Node {
        final Operand value;
        final Operand[] candidates;

        In(Operand value, Operand[] candidates) {
            this.value = value;
            this.candidates = candidates;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            JsonNode v = value.eval(item);
            if (v == null) {
                return false;
            }
            for (Operand c : candidates) {
                JsonNode x = c.eval(item);
                if (x != null && Values.equal(v, x)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** attribute_exists(path) and attribute_not_exists(path). */
    static final class Exists extends Node {
        final Path path;
        final boolean exists;

        Exists(Path path, boolean exists) {
            this.path = path;
            this.exists = exists;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            return (path.get(item) != null) == exists;
        }
    }

    static final class AttributeType extends Node {
        final Operand value;
        final String type;

        AttributeType(Operand value, String type) {
            this.value = value;
            this.type = type;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            JsonNode v = value.eval(item);
            return v != null && Values.typeOf(v).equals(type);
        }
    }

    static final class BeginsWith extends Node {
        final Operand value;
        final Operand prefix;

        BeginsWith(Operand value, Operand prefix) {
            this.value = value;
            this.prefix = prefix;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            return beginsWith(value.eval(item), prefix.eval(item));
        }
    }

    static boolean beginsWith(JsonNode v, JsonNode p) {
        if (v == null || p == null) {
            return false;
        }
        JsonNode s = v.get("S");
        if (s != null && !s.isNull()) {
            JsonNode ps = p.get("S");
            return ps != null && !ps.isNull() && s.textValue().startsWith(ps.textValue());
        }
        JsonNode b = v.get("B");
        JsonNode pb = p.get("B");
        if (b == null || b.isNull() || pb == null || pb.isNull()) {
            return false;
        }
        byte[] bytes = Base64.getDecoder().decode(b.textValue());
        byte[] prefix = Base64.getDecoder().decode(pb.textValue());
        if (prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static final class Contains extends Node {
        final Operand value;
        final Operand operand;

        Contains(Operand value, Operand operand) {
            this.value = value;
            this.operand = operand;
        }

        @Override
        public boolean test(Map<String, JsonNode> item) {
            JsonNode v = value.eval(item);
            JsonNode x = operand.eval(item);
            if (v == null || x == null) {
                return false;
            }
            String t = Values.typeOf(v);
            String xt = Values.typeOf(x);
            JsonNode inner = v.get(t);
            switch (t) {
                case "S":
                    return xt.equals("S") && inner.textValue().contains(x.get("S").textValue());
                case "B":
                    return xt.equals("B") && indexOf(Base64.getDecoder().decode(inner.textValue()),
                            Base64.getDecoder().decode(x.get("B").textValue())) >= 0;
                case "SS":
                    return xt.equals("S") && Values.setContains(t, inner, x.get("S"));
                case "NS":
                    return xt.equals("N") && Values.setContains(t, inner, x.get("N"));
                case "BS":
                    return xt.equals("B") && Values.setContains(t, inner, x.get("B"));
                case "L":
                    for (JsonNode e : inner) {
                        if (Values.equal(e, x)) {
                            return true;
                        }
                    }
                    return false;
                default:
                    return false;
            }
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import dev.sipcredentials.dynamodb.expr.Conditions.Node;
import dev.sipcredentials.dynamodb.expr.Operand.PathOperand;
import dev.sipcredentials.dynamodb.expr.Operand.SizeOperand;
import dev.sipcredentials.dynamodb.expr.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KeyConditionExpression: read with the condition grammar, then held to what a key condition may be (one AND of
 * at most two simple conditions, each naming one top-level key attribute), then to the key schema, in the order
 * DynamoDB checks them.
 */
final class KeyConditions {
    private KeyConditions() {}

    /** One simple condition on one attribute, the attribute first. */
    static final class Simple {
        final KeyCondition.RangeOperator op;
        final List<JsonNode> values;

        Simple(KeyCondition.RangeOperator op, List<JsonNode> values) {
            this.op = op;
            this.values = values;
        }
    }

    /** Parses (syntax and the condition grammar's own checks; records the names and values used). */
    static Node read(ExpressionContext context, String expression) {
        return new ConditionParser(context, "KeyConditionExpression", expression).parse();
    }

    /** Parses and checks everything DynamoDB checks before it looks at the table. */
    static Map<String, Simple> shape(ExpressionContext context, String expression) {
        return shape(read(context, expression));
    }

    /** The shape checks: one AND of simple conditions, each on one top-level attribute, at most two. */
    static Map<String, Simple> shape(Node root) {
        Map<String, Simple> conditions = new LinkedHashMap<>();
        collect(root, conditions);
        for (Map.Entry<String, Simple> e : conditions.entrySet()) {
            checkTypes(e.getValue());
        }
        if (conditions.size() > 2) {
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
        }
        return conditions;
    }

    static KeyCondition parse(ExpressionContext context, String expression, String hashKey, String hashType,
            String rangeKey, String rangeType) {
        return bind(shape(context, expression), hashKey, hashType, rangeKey, rangeType);
    }

    /** Holds the conditions to the key schema of a table or index. */
    static KeyCondition bind(Map<String, Simple> conditions, String hashKey, String hashType, String rangeKey,
            String rangeType) {
        // The key schema, hash key first.
        if (rangeKey == null && conditions.size() > 1) {
            throw DynamoDbException.validation("Query key condition not supported");
        }
        Simple hash = conditions.get(hashKey);
        if (hash == null) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + hashKey);
        }
        checkSchemaType(hash, hashType);
        if (hash.op != KeyCondition.RangeOperator.EQ) {
            throw DynamoDbException.validation("Query key condition not supported");
        }
        Simple range = rangeKey == null ? null : conditions.get(rangeKey);
        if (rangeKey != null && range == null && conditions.size() > 1) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + rangeKey);
        }
        if (range != null) {
            checkSchemaType(range, rangeType);
        }
        return new Parsed(hash.values.get(0), range == null ? null : range.op,
                range == null ? List.of() : range.values);
    }

    private static void collect(Node n, Map<String, Simple> out) {
        if (n instanceof Conditions.And) {
            collect(((Conditions.And) n).left, out);
            collect(((Conditions.And) n).right, out);
            return;
        }
        if (n instanceof Conditions.Or) {
            throw invalidOperator("OR");
        }
        if (n instanceof Conditions.Not) {
            throw invalidOperator("NOT");
        }
        if (n instanceof Conditions.In) {
            throw invalidOperator("IN");
        }
        if (n instanceof Conditions.Exists) {
            throw invalidOperator(((Conditions.Exists) n).exists ? "attribute_exists" : "attribute_not_exists");
        }
        if (n instanceof Conditions.AttributeType) {
            throw invalidOperator("attribute_type");
        }
        if (n instanceof Conditions.Contains) {
            throw invalidOperator("contains");
        }
        Operand[] args;
        KeyCondition.RangeOperator op;
        if (n instanceof Conditions.Compare) {
            Conditions.Compare c = (Conditions.Compare) n;
            if (c.op == Lexer.NE) {
                throw invalidOperator("<>");
            }
            args = new Operand[] {c.left, c.right};
            op = compareOperator(c.op);
        } else if (n instanceof Conditions.Between) {
            Conditions.Between b = (Conditions.Between) n;
            if (!(b.value instanceof PathOperand)) {
                throw shapeError("Invalid condition in KeyConditionExpression: BETWEEN operator must have "
                        + "the key attribute as its first operand");
            }
            args = new Operand[] {b.value, b.low, b.high};
            op = KeyCondition.RangeOperator.BETWEEN;
        } else {
            Conditions.BeginsWith b = (Conditions.BeginsWith) n;
            if (!(b.value instanceof PathOperand)) {
                throw shapeError("Invalid condition in KeyConditionExpression: begins_with operator must "
                        + "have the key attribute as its first operand");
            }
            args = new Operand[] {b.value, b.prefix};
            op = KeyCondition.RangeOperator.BEGINS_WITH;
        }
        String attribute = null;
        int attributeAt = 0;
        List<JsonNode> values = new ArrayList<>(2);
        for (int i = 0; i < args.length; i++) {
            Operand a = args[i];
            if (a instanceof SizeOperand) {
                throw shapeError("KeyConditionExpressions cannot contain nested operations");
            }
            if (a instanceof PathOperand) {
                if (attribute != null) {
                    throw shapeError(
                            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                }
                Path p = ((PathOperand) a).path;
                if (p.length() > 1) {
                    throw shapeError("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                attribute = p.head();
                attributeAt = i;
            } else {
                values.add(((ValueOperand) a).value);
            }
        }
        if (attribute == null) {
            throw shapeError("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        if (out.containsKey(attribute)) {
            throw shapeError("KeyConditionExpressions must only contain one condition per key");
        }
        if (attributeAt != 0) {
            op = flip(op); // :v < sk is sk > :v
        }
        out.put(attribute, new Simple(op, values));
    }

    private static DynamoDbException invalidOperator(String op) {
        return shapeError("Invalid operator used in KeyConditionExpression: " + op);
    }

    /**
     * What DynamoDB says of a key condition of the wrong shape. Real DynamoDB (observed by moto's AWS-verified tests)
     * prefixes these with "Invalid KeyConditionExpression: "; older observations (dynalite) show them bare.
     */
    private static DynamoDbException shapeError(String text) {
        return DynamoDbException.validation("Invalid KeyConditionExpression: " + text);
    }

    private static KeyCondition.RangeOperator compareOperator(byte op) {
        switch (op) {
            case Lexer.EQ:
                return KeyCondition.RangeOperator.EQ;
            case Lexer.LT:
                return KeyCondition.RangeOperator.LT;
            case Lexer.LE:
                return KeyCondition.RangeOperator.LE;
            case Lexer.GT:
                return KeyCondition.RangeOperator.GT;
            default:
                return KeyCondition.RangeOperator.GE;
        }
    }

    private static KeyCondition.RangeOperator flip(KeyCondition.RangeOperator op) {
        switch (op) {
            case LT:
                return KeyCondition.RangeOperator.GT;
            case LE:
                return KeyCondition.RangeOperator.GE;
            case GT:
                return KeyCondition.RangeOperator.LT;
            case GE:
                return KeyCondition.RangeOperator.LE;
            default:
                return op;
        }
    }

    /** The value types each operator accepts, as DynamoDB's KeyConditions check them. */
    private static void checkTypes(Simple s) {
        String name;
        String allowed;
        switch (s.op) {
            case EQ:
                name = "EQ";
                allowed = " S N B SS NS BS ";
                break;
            case BEGINS_WITH:
                name = "BEGINS_WITH";
                allowed = " S B ";
                break;
            default:
                name = s.op.name();
                allowed = " S N B ";
        }
        for (JsonNode v : s.values) {
            String t = Values.typeOf(v);
            if (!allowed.contains(" " + t + " ")) {
                throw DynamoDbException.validation(Values.PARAM_INVALID + "ComparisonOperator " + name + " is not valid for "
                        + t + " AttributeValue type");
            }
        }
    }

    private static void checkSchemaType(Simple s, String type) {
        if (type == null) {
            return;
        }
        for (JsonNode v : s.values) {
            if (!Values.typeOf(v).equals(type)) {
                throw DynamoDbException.validation(
                        Values.PARAM_INVALID + "Condition parameter type does not match schema type");
            }
        }
    }

    static final class Parsed implements KeyCondition {
        private final JsonNode hashValue;
        private final RangeOperator op;
        private final List<JsonNode> rangeValues;

        Parsed(JsonNode hashValue, RangeOperator op, List<JsonNode> rangeValues) {
            this.hashValue = hashValue;
            this.op = op;
            this.rangeValues = List.copyOf(rangeValues);
        }

        @Override
        public JsonNode hashValue() {
            return hashValue;
        }

        @Override
        public RangeOperator rangeOperator() {
            return op;
        }

        @Override
        public List<JsonNode> rangeValues() {
            return rangeValues;
        }

        @Override
        public boolean rangeMatches(JsonNode v) {
            if (op == null) {
                return true;
            }
            if (v == null) {
                return false;
            }
            if (op == RangeOperator.BEGINS_WITH) {
                return Conditions.beginsWith(v, rangeValues.get(0));
            }
            int c = Conditions.order(v, rangeValues.get(0));
            if (c == Conditions.NOT_COMPARABLE) {
                return false;
            }
            switch (op) {
                case EQ:
                    return c == 0;
                case LT:
                    return c < 0;
                case LE:
                    return c <= 0;
                case GT:
                    return c > 0;
                case GE:
                    return c >= 0;
                default: // BETWEEN
                    int d = Conditions.order(v, rangeValues.get(1));
                    return c >= 0 && d != Conditions.NOT_COMPARABLE && d <= 0;
            }
        }
    }
}

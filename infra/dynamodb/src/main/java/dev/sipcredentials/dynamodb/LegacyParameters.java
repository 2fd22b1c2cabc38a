package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.expr.Condition;
import dev.sipcredentials.dynamodb.expr.ExpressionContext;
import dev.sipcredentials.dynamodb.expr.KeyCondition;
import dev.sipcredentials.dynamodb.expr.Update;
import dev.sipcredentials.dynamodb.expr.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legacy (pre-expression) parameters: Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter and
 * ConditionalOperator. Each is validated with DynamoDB's texts, then written as the equivalent expression (every
 * attribute name and value behind a placeholder) and parsed by the expression package, so legacy and expression
 * requests share one evaluator and one set of value semantics. Requests without them pay one field lookup each.
 */
final class LegacyParameters {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private LegacyParameters() {
    }

    /**
     * DynamoDB refuses a request mixing the two styles: "Can not use both expression and non-expression parameters
     * in the same request: Non-expression parameters: {...} Expression parameters: {...}". KeyConditions may go with
     * a FilterExpression or ProjectionExpression as long as there is no KeyConditionExpression.
     */
    static void refuseMixing(JsonNode request, List<String> expressionFields, List<String> legacyFields) {
        List<String> legacy = new ArrayList<>();
        for (String f : legacyFields) {
            if (Request.field(request, f) != null) {
                legacy.add(f);
            }
        }
        if (legacy.isEmpty()) {
            return;
        }
        List<String> expressions = new ArrayList<>();
        for (String f : expressionFields) {
            if (Request.field(request, f) != null) {
                expressions.add(f);
            }
        }
        if (expressions.isEmpty()) {
            return;
        }
        if (Request.field(request, "KeyConditionExpression") == null) {
            legacy.remove("KeyConditions");
        }
        if (!legacy.isEmpty()) {
            throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                    + String.join(", ", expressions) + "}");
        }
    }

    private static String conditionalOperator(JsonNode request) {
        return Request.choice(request, "ConditionalOperator", "AND", "AND", "OR");
    }

    // ---- Expected (PutItem, DeleteItem, UpdateItem)

    /** The Expected conditions (joined by ConditionalOperator) as a Condition, or null when there are none. */
    static Condition expected(JsonNode request) {
        JsonNode expected = Request.field(request, "Expected");
        if (expected == null || expected.size() == 0) {
            return null;
        }
        String op = conditionalOperator(request);
        Expression e = new Expression();
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            String attr = entry.getKey();
            JsonNode c = entry.getValue();
            JsonNode list = c.get("AttributeValueList");
            JsonNode value = c.get("Value");
            JsonNode exists = c.get("Exists");
            if (list != null && value != null) {
                throw DynamoDbException.validation(INVALID + "Value and AttributeValueList cannot be used together for "
                        + "Attribute: " + attr);
            }
            String comparison = c.hasNonNull("ComparisonOperator") ? c.get("ComparisonOperator").asText() : null;
            if (comparison != null) {
                if (exists != null) {
                    throw DynamoDbException.validation(INVALID + "Exists and ComparisonOperator cannot be used together "
                            + "for Attribute: " + attr);
                }
                if (!comparison.equals("NULL") && !comparison.equals("NOT_NULL") && list == null && value == null) {
                    throw DynamoDbException.validation(INVALID + "Value or AttributeValueList must be used with "
                            + "ComparisonOperator: " + comparison + " for Attribute: " + attr);
                }
                List<JsonNode> values = new ArrayList<>();
                if (list != null) {
                    list.forEach(values::add);
                } else if (value != null) {
                    values.add(value);
                }
                values.forEach(v -> Values.validate(v, attr));
                checkArgumentCount(comparison, values.size());
                if (!values.isEmpty()) {
                    checkSameType(values);
                    checkBetween(comparison, values);
                }
                e.join(op).comparison(attr, comparison, values);
            } else if (list != null) {
                throw DynamoDbException.validation(INVALID + "AttributeValueList can only be used with a "
                        + "ComparisonOperator for Attribute: " + attr);
            } else {
                boolean mustExist = exists == null || exists.asBoolean();
                if (mustExist && value == null) {
                    throw DynamoDbException.validation(INVALID + "Value must be provided when Exists is "
                            + (exists == null ? "null" : exists.asText()) + " for Attribute: " + attr);
                }
                if (!mustExist && value != null) {
                    throw DynamoDbException.validation(INVALID + "Value cannot be used when Exists is false for "
                            + "Attribute: " + attr);
                }
                if (value != null) {
                    Values.validate(value, attr);
                    e.join(op).comparison(attr, "EQ", List.of(value));
                } else {
                    e.join(op).comparison(attr, "NULL", List.of());
                }
            }
        }
        return e.condition("ConditionExpression");
    }

    // ---- QueryFilter, ScanFilter

    /**
     * QueryFilter or ScanFilter (joined by ConditionalOperator) as a Condition, or null. {@code keyAttributes}: the
     * attributes a QueryFilter may not name (the table's or index's key), empty for a Scan.
     */
    static Condition filter(JsonNode request, String field, Set<String> keyAttributes) {
        JsonNode filter = Request.field(request, field);
        if (filter == null) {
            return null;
        }
        String op = conditionalOperator(request);
        Map<String, List<JsonNode>> conditions = conditions(filter);
        for (String attr : conditions.keySet()) {
            if (keyAttributes.contains(attr)) {
                throw DynamoDbException.validation(field + " can only contain non-primary key attributes: Primary key "
                        + "attribute: " + attr);
            }
        }
        if (conditions.isEmpty()) {
            return null;
        }
        Expression e = new Expression();
        Iterator<Map.Entry<String, JsonNode>> it = filter.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            e.join(op).comparison(entry.getKey(), entry.getValue().path("ComparisonOperator").asText(),
                    conditions.get(entry.getKey()));
        }
        return e.condition("FilterExpression");
    }

    /**
     * The checks of a QueryFilter, ScanFilter or KeyConditions that need no table (values, argument counts, operator
     * types): DynamoDB makes them before it looks the table up.
     */
    static void checkConditions(JsonNode request, String field) {
        JsonNode map = Request.field(request, field);
        if (map != null) {
            conditions(map);
        }
    }

    /** As checkConditions for a Query's KeyConditions, which also hold one or two conditions. */
    static void checkKeyConditions(JsonNode request) {
        JsonNode map = Request.field(request, "KeyConditions");
        if (map == null) {
            return;
        }
        int n = conditions(map).size();
        if (n != 1 && n != 2) {
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
        }
    }

    /** Validates a map of {ComparisonOperator, AttributeValueList} conditions; returns each one's values. */
    private static Map<String, List<JsonNode>> conditions(JsonNode map) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = map.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode c = entry.getValue();
            String comparison = c.path("ComparisonOperator").asText(null);
            if (comparison == null) {
                throw Request.constraint(null, "comparisonOperator", "Member must not be null");
            }
            List<JsonNode> values = new ArrayList<>();
            JsonNode list = c.get("AttributeValueList");
            if (list != null) {
                list.forEach(values::add);
            }
            values.forEach(v -> Values.validate(v, entry.getKey()));
            checkArgumentCount(comparison, values.size());
            if (!values.isEmpty()) {
                checkSameType(values);
            }
            List<String> allowed = switch (comparison) {
                case "EQ", "NE" -> List.of("S", "N", "B", "SS", "NS", "BS");
                case "BEGINS_WITH" -> List.of("S", "B");
                case "NULL", "NOT_NULL" -> List.of();
                default -> List.of("S", "N", "B");
            };
            for (JsonNode v : values) {
                String type = Table.typeOf(v);
                if (!allowed.contains(type)) {
                    throw DynamoDbException.validation(INVALID + "ComparisonOperator " + comparison + " is not valid for "
                            + type + " AttributeValue type");
                }
            }
            checkBetween(comparison, values);
            out.put(entry.getKey(), values);
        }
        return out;
    }

    private static void checkArgumentCount(String comparison, int n) {
        boolean ok = switch (comparison) {
            case "EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH" -> n == 1;
            case "NULL", "NOT_NULL" -> n == 0;
            case "IN" -> n > 0;
            case "BETWEEN" -> n == 2;
            default -> throw Request.constraint(comparison, "comparisonOperator", "Member must satisfy enum value set: "
                    + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        };
        if (!ok) {
            throw DynamoDbException.validation(INVALID + "Invalid number of argument(s) for the " + comparison
                    + " ComparisonOperator");
        }
    }

    private static void checkSameType(List<JsonNode> values) {
        String type = Table.typeOf(values.get(0));
        for (JsonNode v : values) {
            if (!Table.typeOf(v).equals(type)) {
                throw DynamoDbException.validation(INVALID + "AttributeValues inside AttributeValueList must be of same type");
            }
        }
    }

    private static void checkBetween(String comparison, List<JsonNode> values) {
        if (comparison.equals("BETWEEN") && List.of("S", "N", "B").contains(Table.typeOf(values.get(0)))
                && Values.compareKeys(values.get(0), values.get(1)) > 0) {
            throw DynamoDbException.validation(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    // ---- KeyConditions (Query)

    /** KeyConditions against a table or index whose keys are {@code hash} and {@code range} (null without one). */
    static KeyCondition keyConditions(JsonNode request, KeyAttribute hash, KeyAttribute range) {
        JsonNode keyConditions = Request.field(request, "KeyConditions");
        Map<String, List<JsonNode>> conditions = conditions(keyConditions);
        if (conditions.size() != 1 && conditions.size() != 2) {
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
        }
        for (KeyAttribute key : range == null ? List.of(hash) : List.of(hash, range)) {
            boolean isHash = key == hash;
            if (isHash && range == null && conditions.size() > 1) {
                throw DynamoDbException.validation("Query key condition not supported");
            }
            List<JsonNode> values = conditions.get(key.name);
            if (values == null) {
                if (isHash || conditions.size() > 1) {
                    throw DynamoDbException.validation("Query condition missed key schema element: " + key.name);
                }
                continue;
            }
            String comparison = keyConditions.get(key.name).get("ComparisonOperator").asText();
            if (List.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN").contains(comparison)) {
                throw DynamoDbException.validation("Attempted conditional constraint is not an indexable operation");
            }
            for (JsonNode v : values) {
                if (!Table.typeOf(v).equals(String.valueOf(key.type))) {
                    throw DynamoDbException.validation(INVALID + "Condition parameter type does not match schema type");
                }
            }
            if (isHash && !comparison.equals("EQ")) {
                throw DynamoDbException.validation("Query key condition not supported");
            }
        }
        Expression e = new Expression();
        e.comparison(hash.name, "EQ", conditions.get(hash.name));
        if (range != null && conditions.containsKey(range.name)) {
            e.join("AND").comparison(range.name, keyConditions.get(range.name).get("ComparisonOperator").asText(),
                    conditions.get(range.name));
        }
        return new ExpressionContext(e.names, e.values).keyCondition(e.text.toString(), hash.name,
                range == null ? null : range.name);
    }

    // ---- AttributeUpdates (UpdateItem)

    /** AttributeUpdates as an Update, or null when absent. */
    static Update attributeUpdates(JsonNode request) {
        JsonNode updates = Request.field(request, "AttributeUpdates");
        if (updates == null || updates.size() == 0) {
            return null;
        }
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        Expression e = new Expression();
        Iterator<Map.Entry<String, JsonNode>> it = updates.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            String attr = entry.getKey();
            JsonNode value = entry.getValue().get("Value");
            String action = Request.choice(entry.getValue(), "Action", "PUT", "ADD", "PUT", "DELETE");
            if (value != null) {
                Values.validate(value, attr);
            }
            if (value == null && !action.equals("DELETE")) {
                throw DynamoDbException.validation(INVALID + "Only DELETE action is allowed when no attribute value is "
                        + "specified");
            }
            String type = value == null ? null : Table.typeOf(value);
            if (value != null && action.equals("DELETE") && !List.of("SS", "NS", "BS").contains(type)) {
                throw DynamoDbException.validation(INVALID + "DELETE action with value is not supported for the type " + type);
            }
            if (value != null && action.equals("ADD") && !List.of("L", "SS", "NS", "BS", "N").contains(type)) {
                throw DynamoDbException.validation(INVALID + "ADD action is not supported for the type " + type);
            }
            String name = e.name(attr);
            switch (action) {
                case "PUT" -> set.add(name + " = " + e.value(value));
                case "DELETE" -> {
                    if (value == null) {
                        remove.add(name);
                    } else {
                        delete.add(name + " " + e.value(value));
                    }
                }
                default -> {
                    if (type.equals("L")) { // ADD of a list appends to it (or creates it)
                        set.add(name + " = list_append(if_not_exists(" + name + ", " + e.value(emptyList()) + "), "
                                + e.value(value) + ")");
                    } else {
                        add.add(name + " " + e.value(value));
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        clause(text, "SET", set);
        clause(text, "REMOVE", remove);
        clause(text, "ADD", add);
        clause(text, "DELETE", delete);
        return new ExpressionContext(e.names, e.values.isEmpty() ? null : e.values).update(text.toString());
    }

    private static JsonNode emptyList() {
        com.fasterxml.jackson.databind.node.ObjectNode l = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        l.putArray("L");
        return l;
    }

    private static void clause(StringBuilder text, String keyword, List<String> actions) {
        if (!actions.isEmpty()) {
            text.append(text.length() == 0 ? "" : " ").append(keyword).append(' ').append(String.join(", ", actions));
        }
    }

    /** An expression being written: its text, and the placeholders it uses. */
    private static final class Expression {
        final StringBuilder text = new StringBuilder();
        final Map<String, String> names = new LinkedHashMap<>();
        final Map<String, JsonNode> values = new LinkedHashMap<>();
        private String pendingJoin;

        String name(String attribute) {
            String ref = "#l" + names.size();
            names.put(ref, attribute);
            return ref;
        }

        String value(JsonNode value) {
            String ref = ":l" + values.size();
            values.put(ref, value);
            return ref;
        }

        /** The operator placed before the next comparison (if any came before). */
        Expression join(String op) {
            pendingJoin = text.length() == 0 ? null : " " + op + " ";
            return this;
        }

        void comparison(String attribute, String comparison, List<JsonNode> operands) {
            if (pendingJoin != null) {
                text.append(pendingJoin);
                pendingJoin = null;
            }
            String n = name(attribute);
            switch (comparison) {
                case "EQ" -> text.append(n).append(" = ").append(value(operands.get(0)));
                case "NE" -> text.append(n).append(" <> ").append(value(operands.get(0)));
                case "LT" -> text.append(n).append(" < ").append(value(operands.get(0)));
                case "LE" -> text.append(n).append(" <= ").append(value(operands.get(0)));
                case "GT" -> text.append(n).append(" > ").append(value(operands.get(0)));
                case "GE" -> text.append(n).append(" >= ").append(value(operands.get(0)));
                case "NULL" -> text.append("attribute_not_exists(").append(n).append(')');
                case "NOT_NULL" -> text.append("attribute_exists(").append(n).append(')');
                case "CONTAINS" -> text.append("contains(").append(n).append(", ").append(value(operands.get(0))).append(')');
                case "NOT_CONTAINS" -> text.append("NOT contains(").append(n).append(", ").append(value(operands.get(0)))
                        .append(')');
                case "BEGINS_WITH" -> text.append("begins_with(").append(n).append(", ").append(value(operands.get(0)))
                        .append(')');
                case "BETWEEN" -> text.append(n).append(" BETWEEN ").append(value(operands.get(0))).append(" AND ")
                        .append(value(operands.get(1)));
                case "IN" -> {
                    text.append(n).append(" IN (");
                    for (int i = 0; i < operands.size(); i++) {
                        text.append(i == 0 ? "" : ", ").append(value(operands.get(i)));
                    }
                    text.append(')');
                }
                default -> throw new IllegalArgumentException(comparison);
            }
        }

        Condition condition(String which) {
            return new ExpressionContext(names, values.isEmpty() ? null : values).condition(text.toString(), which);
        }
    }
}

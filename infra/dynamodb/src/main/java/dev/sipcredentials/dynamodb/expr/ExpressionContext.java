package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, and the expressions parsed with them.
 * Every parse method throws {@link dev.sipcredentials.dynamodb.DynamoDbException} (ValidationException, with
 * DynamoDB's text: "Invalid ConditionExpression: Syntax error; token: ..., near: ...", "An expression attribute
 * value used in expression is not defined; attribute value: :v", ...). Not thread-safe; one per request.
 */
public final class ExpressionContext {
    private final Map<String, String> names;
    private final Map<String, JsonNode> values;
    private Set<String> usedNames;
    private Set<String> usedValues;

    /**
     * @param names  ExpressionAttributeNames ("#n" to name), or null
     * @param values ExpressionAttributeValues (":v" to attribute value), or null; validated with {@link Values}
     * @throws DynamoDbException DynamoDB's texts for an empty map, a malformed key, an invalid value
     */
    public ExpressionContext(Map<String, String> names, Map<String, JsonNode> values) {
        this.names = names;
        this.values = values;
        if (names != null) {
            if (names.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            }
            for (String key : names.keySet()) {
                if (!isReference(key, '#')) {
                    throw DynamoDbException.validation(
                            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
        }
        if (values != null) {
            if (values.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            }
            for (String key : values.keySet()) {
                if (!isReference(key, ':')) {
                    throw DynamoDbException.validation(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
            for (Map.Entry<String, JsonNode> e : values.entrySet()) {
                String problem = Values.problem(e.getValue());
                if (problem != null) {
                    // DynamoDB words an empty set the same wherever it is; other problems name the key.
                    if (Values.isEmptySetProblem(problem)) {
                        throw DynamoDbException.validation(problem);
                    }
                    throw DynamoDbException.validation(
                            "ExpressionAttributeValues contains invalid value: " + problem + " for key " + e.getKey());
                }
            }
        }
    }

    /** #name / :value followed by one or more of [A-Za-z0-9_]. */
    private static boolean isReference(String key, char sigil) {
        if (key.length() < 2 || key.charAt(0) != sigil) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            if (!Lexer.isIdentPart(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The name a #name stands for (and records its use), or null when undefined. */
    String resolveName(String ref) {
        String name = names == null ? null : names.get(ref);
        if (name != null) {
            if (usedNames == null) {
                usedNames = new HashSet<>();
            }
            usedNames.add(ref);
        }
        return name;
    }

    /** The value a :value stands for (and records its use), or null when undefined. */
    JsonNode resolveValue(String ref) {
        JsonNode v = values == null ? null : values.get(ref);
        if (v != null) {
            if (usedValues == null) {
                usedValues = new HashSet<>();
            }
            usedValues.add(ref);
        }
        return v;
    }

    /** A ConditionExpression (which = "ConditionExpression") or FilterExpression (which = "FilterExpression"). */
    public Condition condition(String expression, String which) {
        return new ConditionParser(this, which, expression).parseCondition();
    }

    public Update update(String expression) {
        return new UpdateParser(this, expression).parse();
    }

    public Projection projection(String expression) {
        return new ProjectionParser(this, expression).parse();
    }

    /**
     * A KeyConditionExpression against a table or index whose hash key is {@code hashKey} and range key
     * {@code rangeKeyOrNull}: DynamoDB's texts for a missing hash condition, a non-key attribute, a wrong operator.
     */
    public KeyCondition keyCondition(String expression, String hashKey, String rangeKeyOrNull) {
        return KeyConditions.parse(this, expression, hashKey, null, rangeKeyOrNull, null);
    }

    /**
     * A KeyConditionExpression read (its syntax checked, its names and values recorded as used); see
     * {@link KeyConditionShape} for the order of the remaining checks.
     */
    public KeyConditionShape keyConditionShape(String expression) {
        return new KeyConditionShape(KeyConditions.read(this, expression));
    }

    /**
     * As {@link #keyCondition(String, String, String)}, also refusing values whose type is not the key's ("S", "N"
     * or "B"): "One or more parameter values were invalid: Condition parameter type does not match schema type".
     */
    public KeyCondition keyCondition(String expression, String hashKey, String hashType, String rangeKeyOrNull,
            String rangeTypeOrNull) {
        return KeyConditions.parse(this, expression, hashKey, hashType, rangeKeyOrNull, rangeTypeOrNull);
    }

    /**
     * Throws DynamoDB's ValidationException when a name or value was given but used by none of the expressions
     * parsed: "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}" (values likewise).
     * The text is bare, as the real-DynamoDB conformance suite (nubo-db/dynamodb-conformance, 2026) shows it for
     * UpdateItem; moto's tests show a "1 validation error detected: " prefix on PutItem, UpdateItem and DeleteItem:
     * {@link #checkAllUsed(String)} gives that form should it prove right.
     */
    public void checkAllUsed() {
        checkAllUsed("");
    }

    /** As {@link #checkAllUsed()}, the message starting with {@code prefix}. */
    public void checkAllUsed(String prefix) {
        String unusedNames = unused(names == null ? null : names.keySet(), usedNames);
        if (unusedNames != null) {
            throw DynamoDbException.validation(
                    prefix + "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + unusedNames + "}");
        }
        String unusedValues = unused(values == null ? null : values.keySet(), usedValues);
        if (unusedValues != null) {
            throw DynamoDbException.validation(
                    prefix + "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + unusedValues + "}");
        }
    }

    private static String unused(Set<String> given, Set<String> used) {
        if (given == null) {
            return null;
        }
        StringBuilder b = null;
        for (String key : given) {
            if (used == null || !used.contains(key)) {
                if (b == null) {
                    b = new StringBuilder(key);
                } else {
                    b.append(", ").append(key);
                }
            }
        }
        return b == null ? null : b.toString();
    }
}

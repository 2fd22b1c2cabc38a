package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.expr.KeyCondition;
import java.util.List;

/** A Query's range-key condition on key values: the bounds it gives the sorted map, and the exact test. */
final class RangeCondition {
    final KeyCondition.RangeOperator operator; // null: no condition
    final KeyValue first;
    final KeyValue second;

    private RangeCondition(KeyCondition.RangeOperator operator, KeyValue first, KeyValue second) {
        this.operator = operator;
        this.first = first;
        this.second = second;
    }

    static RangeCondition of(KeyCondition condition, KeyAttribute range) {
        if (range == null || condition.rangeOperator() == null) {
            return new RangeCondition(null, null, null);
        }
        List<JsonNode> values = condition.rangeValues();
        KeyValue a = value(values.get(0), range);
        KeyValue b = values.size() > 1 ? value(values.get(1), range) : null;
        if (condition.rangeOperator() == KeyCondition.RangeOperator.BEGINS_WITH && range.type == 'N') {
            throw DynamoDbException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    + "function; operator or function: begins_with, operand type: N");
        }
        if (b != null && a.compareTo(b) > 0) {
            throw DynamoDbException.validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to "
                    + "be greater than or equal to lower bound; lower bound operand: AttributeValue: {" + a.type + ":" + a.text
                    + "}, upper bound operand: AttributeValue: {" + b.type + ":" + b.text + "}");
        }
        return new RangeCondition(condition.rangeOperator(), a, b);
    }

    static KeyValue value(JsonNode value, KeyAttribute key) {
        KeyValue kv = KeyValue.of(value, key.type);
        if (kv == null) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
        return kv;
    }

    /** The lowest range value that can match. */
    KeyValue lower() {
        if (operator == null) {
            return KeyValue.LOWEST;
        }
        switch (operator) {
            case EQ:
            case GT:
            case GE:
            case BETWEEN:
            case BEGINS_WITH:
                return first;
            default:
                return KeyValue.LOWEST;
        }
    }

    /** The highest range value that can match. */
    KeyValue upper() {
        if (operator == null) {
            return KeyValue.HIGHEST;
        }
        switch (operator) {
            case EQ:
            case LT:
            case LE:
                return first;
            case BETWEEN:
                return second;
            default:
                return KeyValue.HIGHEST;
        }
    }

    boolean matches(KeyValue v) {
        if (operator == null) {
            return true;
        }
        switch (operator) {
            case EQ:
                return v.compareTo(first) == 0;
            case LT:
                return v.compareTo(first) < 0;
            case LE:
                return v.compareTo(first) <= 0;
            case GT:
                return v.compareTo(first) > 0;
            case GE:
                return v.compareTo(first) >= 0;
            case BETWEEN:
                return v.compareTo(first) >= 0 && v.compareTo(second) <= 0;
            case BEGINS_WITH:
                return v.startsWith(first);
            default:
                return false;
        }
    }

    /** Whether, reading upwards, nothing further can match (past a begins_with prefix). */
    boolean pastUpwards(KeyValue v) {
        return operator == KeyCondition.RangeOperator.BEGINS_WITH && v.compareTo(first) > 0 && !v.startsWith(first);
    }
}

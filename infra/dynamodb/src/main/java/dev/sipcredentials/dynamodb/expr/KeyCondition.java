package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed KeyConditionExpression: the hash key's value, and an optional condition on the range key. */
public interface KeyCondition {

    /** The value the hash key must equal. */
    JsonNode hashValue();

    /** The operator on the range key, or null when the expression names only the hash key. */
    RangeOperator rangeOperator();

    /** The operand(s) of the range condition: one value, two for BETWEEN; empty without range condition. */
    java.util.List<JsonNode> rangeValues();

    /** Whether a range-key value satisfies the range condition (true when there is none). */
    boolean rangeMatches(JsonNode rangeKeyValue);

    enum RangeOperator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }
}

package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A parsed ConditionExpression or FilterExpression. */
public interface Condition {
    /**
     * @param item the item as stored, or null when there is none (then every attribute is absent)
     * @throws dev.sipcredentials.dynamodb.DynamoDbException where DynamoDB refuses at evaluation time
     */
    boolean test(Map<String, JsonNode> item);

    /**
     * The top-level attributes the expression names (after #name substitution), e.g. for DynamoDB's "Filter
     * Expression can only contain non-primary key attributes: Primary key attribute: pk" on Query.
     */
    default java.util.Set<String> topLevelAttributes() {
        return java.util.Set.of();
    }

    /** The top-level attributes the expression reaches into ({@code a.b}, {@code a[0]}). */
    default java.util.Set<String> nestedTopLevelAttributes() {
        return java.util.Set.of();
    }
}

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
}

package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, and the expressions parsed with them.
 * Every parse method throws {@link dev.sipcredentials.dynamodb.DynamoDbException} (ValidationException, with
 * DynamoDB's text: "Invalid ConditionExpression: Syntax error; token: ..., near: ...", "An expression attribute
 * value used in expression is not defined; attribute value: :v", ...). Not thread-safe; one per request.
 */
public final class ExpressionContext {

  /**
   * @param names  ExpressionAttributeNames ("#n" to name), or null
   * @param values ExpressionAttributeValues (":v" to attribute value), or null; validated with {@link Values}
   */
  public ExpressionContext(Map<String, String> names, Map<String, JsonNode> values) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** A ConditionExpression (which = "ConditionExpression") or FilterExpression (which = "FilterExpression"). */
  public Condition condition(String expression, String which) {
    throw new UnsupportedOperationException("not built yet");
  }

  public Update update(String expression) {
    throw new UnsupportedOperationException("not built yet");
  }

  public Projection projection(String expression) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * A KeyConditionExpression against a table or index whose hash key is {@code hashKey} and range key
   * {@code rangeKeyOrNull}: DynamoDB's texts for a missing hash condition, a non-key attribute, a wrong operator.
   */
  public KeyCondition keyCondition(String expression, String hashKey, String rangeKeyOrNull) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Throws DynamoDB's ValidationException when a name or value was given but used by none of the expressions
   * parsed: "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}" (values likewise).
   */
  public void checkAllUsed() {
    throw new UnsupportedOperationException("not built yet");
  }
}

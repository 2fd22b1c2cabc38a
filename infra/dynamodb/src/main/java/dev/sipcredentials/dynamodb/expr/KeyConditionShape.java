package dev.sipcredentials.dynamodb.expr;

import java.util.Map;

/**
 * A KeyConditionExpression parsed and checked as far as DynamoDB checks it before it looks the table up (syntax,
 * operators, one condition per attribute, at most two): a query against a missing table with a malformed key
 * condition gets the ValidationException, one with a well-formed condition on the wrong attributes gets
 * ResourceNotFoundException. {@link #bind} then holds it to the key schema.
 */
public final class KeyConditionShape {
  private final Map<String, KeyConditions.Simple> conditions;

  KeyConditionShape(Map<String, KeyConditions.Simple> conditions) {
    this.conditions = conditions;
  }

  /**
   * The condition against a table or index whose hash key is {@code hashKey} (of type {@code hashType}: "S", "N",
   * "B", or null not to check) and range key {@code rangeKeyOrNull}: "Query condition missed key schema element:
   * pk", "Query key condition not supported", "One or more parameter values were invalid: Condition parameter type
   * does not match schema type".
   */
  public KeyCondition bind(String hashKey, String hashType, String rangeKeyOrNull, String rangeTypeOrNull) {
    return KeyConditions.bind(conditions, hashKey, hashType, rangeKeyOrNull, rangeTypeOrNull);
  }
}

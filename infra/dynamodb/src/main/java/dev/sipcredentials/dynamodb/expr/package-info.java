/**
 * DynamoDB's expression languages and attribute-value semantics, with DynamoDB's own validation texts.
 *
 * <p>Values travel as DynamoDB's wire JSON: an attribute value is an {@code ObjectNode} with exactly one of the
 * fields {@code S N B BOOL NULL M L SS NS BS} (B and BS base64 strings, as on the wire). An item is a
 * {@code Map<String, JsonNode>} from attribute name to attribute value. Nothing here knows tables or HTTP.
 *
 * <p>The contract the engine relies on (the engine module's README describes the whole):
 * <ul>
 *   <li>{@link dev.sipcredentials.dynamodb.expr.ExpressionContext}: built per request from
 *       {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} (either may be null); parses each
 *       expression of that request and records which names and values were used; {@code checkAllUsed()} throws
 *       DynamoDB's "unused in expressions" ValidationException.</li>
 *   <li>{@link dev.sipcredentials.dynamodb.expr.Condition}: ConditionExpression and FilterExpression.</li>
 *   <li>{@link dev.sipcredentials.dynamodb.expr.Update}: UpdateExpression.</li>
 *   <li>{@link dev.sipcredentials.dynamodb.expr.Projection}: ProjectionExpression.</li>
 *   <li>{@link dev.sipcredentials.dynamodb.expr.KeyCondition}: KeyConditionExpression of Query.</li>
 *   <li>{@link dev.sipcredentials.dynamodb.expr.Values}: validation, equality, ordering and size of values.</li>
 * </ul>
 */
package dev.sipcredentials.dynamodb.expr;

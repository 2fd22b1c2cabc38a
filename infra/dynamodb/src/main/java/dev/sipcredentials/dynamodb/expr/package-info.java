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
 *   <li>{@link dev.sipcredentials.dynamodb.expr.KeyCondition}: KeyConditionExpression of Query;
 *       {@link dev.sipcredentials.dynamodb.expr.KeyConditionShape} splits reading it, checking its shape and
 *       binding it to the key schema, so that the engine can check in DynamoDB's order (syntax, unused names and
 *       values, shape, table, schema).</li>
 *   <li>{@link dev.sipcredentials.dynamodb.expr.Values}: validation, equality, ordering, size and the stored
 *       spelling of numbers ({@code normalize}).</li>
 * </ul>
 *
 * <p>How it works: one hand-written lexer (token kinds and offsets in arrays) and one recursive-descent parser per
 * language over a shared base ({@code Parser}); parsing builds the evaluator directly (no intermediate tree), and
 * evaluation reads the stored JSON in place. A syntax error is thrown at once, as DynamoDB's {@code Syntax error;
 * token: "x", near: "a x b"} (near: from the token before to the token after); other problems are noted while
 * reading and the one DynamoDB would report is thrown at the end (redundant parentheses, unknown function, misused
 * function, reserved word, then the first simple condition's own problem; for updates reserved word, unknown
 * function, repeated section, undefined name, undefined value, overlapping then conflicting paths, ADD/DELETE
 * operand type, function operands).
 *
 * <p>Semantics as DynamoDB documents them: comparisons of different types, or of types without order, are false,
 * not errors ({@code <>} is true when an operand is absent); S orders by code point (UTF-8 byte order), B by
 * unsigned bytes; {@code size()} of a string counts UTF-8 bytes; SET values are computed from the item before the
 * update; a list index beyond the end appends; REMOVE of list elements refers to the indexes before the update;
 * DELETE of every member removes the attribute; numbers keep 38 digits and 1E-130..9.99E125, arithmetic included.
 *
 * <p>Texts: taken from DynamoDB's documentation where it gives them, otherwise from what DynamoDB reimplementations
 * (dynalite, moto, the nubo-db conformance suite run against real DynamoDB) record as DynamoDB's answers; where
 * those disagree the newest observation wins (empty sets and unused names without "1 validation error detected: ",
 * as the 2026 conformance suite saw them; moto shows that prefix on PutItem/UpdateItem/DeleteItem).
 */
package dev.sipcredentials.dynamodb.expr;

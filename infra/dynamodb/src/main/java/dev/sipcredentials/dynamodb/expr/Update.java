package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** A parsed UpdateExpression (SET, REMOVE, ADD, DELETE; if_not_exists, list_append, + and -). */
public interface Update {
    /**
     * The item after the update; {@code item} (empty when there was none, never null) is not modified.
     *
     * @throws dev.sipcredentials.dynamodb.DynamoDbException with DynamoDB's texts, e.g. "The provided expression
     *     refers to an attribute that does not exist in the item", operand type mismatches
     */
    Map<String, JsonNode> apply(Map<String, JsonNode> item);

    /** The top-level attribute names this update writes or removes (the engine refuses key attributes). */
    Set<String> topLevelAttributes();

    /**
     * The paths this update names, as a projection: UPDATED_OLD and UPDATED_NEW return exactly those paths
     * ({@code SET m.a = :v} returns {@code m.a}, not the whole of {@code m}).
     */
    Projection updatedPaths();
}

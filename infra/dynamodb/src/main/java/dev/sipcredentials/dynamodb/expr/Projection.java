package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A parsed ProjectionExpression: document paths, nested maps and list elements kept. */
public interface Projection {
    /** A new item holding only the projected paths that exist in {@code item}. */
    Map<String, JsonNode> apply(Map<String, JsonNode> item);

    /**
     * The top-level attributes this projection reaches into ({@code a.b}, {@code a[0]}): DynamoDB refuses that on key
     * attributes, "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: a".
     */
    default java.util.Set<String> nestedTopLevelAttributes() {
        return java.util.Set.of();
    }
}

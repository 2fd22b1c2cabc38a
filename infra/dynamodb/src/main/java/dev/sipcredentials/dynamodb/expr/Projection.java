package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A parsed ProjectionExpression: document paths, nested maps and list elements kept. */
public interface Projection {
  /** A new item holding only the projected paths that exist in {@code item}. */
  Map<String, JsonNode> apply(Map<String, JsonNode> item);
}

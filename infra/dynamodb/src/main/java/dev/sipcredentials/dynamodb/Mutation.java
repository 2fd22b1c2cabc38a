package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One item's change inside a write: what was there (or null) and what is there after (or null for a delete). */
final class Mutation {
    final Table table;
    final StoreKey key;
    final StoredItem previous;
    final Map<String, JsonNode> previousAttributes; // decoded previous, or null when not decoded
    final StoredItem next;
    final Map<String, JsonNode> nextAttributes;

    Mutation(Table table, StoreKey key, StoredItem previous, Map<String, JsonNode> previousAttributes, StoredItem next,
            Map<String, JsonNode> nextAttributes) {
        this.table = table;
        this.key = key;
        this.previous = previous;
        this.previousAttributes = previousAttributes;
        this.next = next;
        this.nextAttributes = nextAttributes;
    }
}

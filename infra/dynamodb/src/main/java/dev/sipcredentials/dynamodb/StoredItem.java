package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * An item as stored: its wire JSON bytes (compact: a JsonNode tree per item costs several times more heap) and the
 * figures the engine needs without decoding it. Immutable except {@link #expiresAt}, which follows the table's TTL
 * setting.
 */
final class StoredItem {
    final StoreKey key;
    final byte[] json;
    /** The size DynamoDB counts for this item (capacity units, 400 KB limit). */
    final int size;
    /** Epoch seconds of the item's TTL attribute, or Long.MAX_VALUE when it has none (or TTL is off). */
    volatile long expiresAt;

    StoredItem(StoreKey key, byte[] json, int size, long expiresAt) {
        this.key = key;
        this.json = json;
        this.size = size;
        this.expiresAt = expiresAt;
    }

    Map<String, JsonNode> attributes() {
        return ItemJson.decode(json);
    }
}

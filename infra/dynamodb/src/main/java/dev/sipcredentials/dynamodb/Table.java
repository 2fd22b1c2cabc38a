package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.expr.Values;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table's items and its indexes, kept in sorted concurrent maps. Readers never lock (each stored item is
 * immutable); writers call {@link #apply} while holding the item's lock ({@link KeyLocks}), which keeps the item and
 * its index entries consistent: a GSI is updated synchronously with its base write here (DynamoDB's are eventually
 * consistent).
 */
final class Table {
    static final int MAX_HASH_KEY_BYTES = 2048;
    static final int MAX_RANGE_KEY_BYTES = 1024;

    /** Replaced whole by UpdateTable and tagging ({@link #redefine}), never modified. */
    volatile TableDefinition def;
    final ConcurrentSkipListMap<StoreKey, StoredItem> items = new ConcurrentSkipListMap<>();
    final Map<String, ConcurrentSkipListMap<StoreKey, StoredItem>> indexItems = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong[]> indexCounts = new ConcurrentHashMap<>();
    private final AtomicLong itemCount = new AtomicLong();
    private final AtomicLong sizeBytes = new AtomicLong();
    /** The TTL attribute when TTL is enabled, else null. */
    volatile String ttlAttribute;
    /** System.nanoTime() from which a new table is ACTIVE; 0: ACTIVE (the default, and after a restart). */
    volatile long activeFromNanos;

    Table(TableDefinition def) {
        this.def = def;
        for (IndexDefinition index : def.indexes) {
            indexItems.put(index.name, new ConcurrentSkipListMap<>());
            indexCounts.put(index.name, new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        }
    }

    /** Whether the table is still CREATING: DynamoDB answers its item operations ResourceNotFoundException. */
    boolean creating() {
        long from = activeFromNanos;
        if (from == 0) {
            return false;
        }
        if (System.nanoTime() - from >= 0) {
            activeFromNanos = 0;
            return false;
        }
        return true;
    }

    String name() {
        return def.name;
    }

    /**
     * Switches to {@code next} (same name and key): an index it adds is filled from the items, one it drops is
     * forgotten. The caller holds every item lock, so no write runs meanwhile.
     */
    void redefine(TableDefinition next) {
        for (IndexDefinition index : next.indexes) {
            if (!indexItems.containsKey(index.name)) {
                ConcurrentSkipListMap<StoreKey, StoredItem> map = new ConcurrentSkipListMap<>();
                AtomicLong[] counts = {new AtomicLong(), new AtomicLong()};
                for (Map.Entry<StoreKey, StoredItem> e : items.entrySet()) {
                    StoreKey at = indexKey(index, e.getValue().attributes(), e.getKey());
                    if (at != null) {
                        map.put(at, e.getValue());
                        counts[0].incrementAndGet();
                        counts[1].addAndGet(e.getValue().size);
                    }
                }
                indexCounts.put(index.name, counts);
                indexItems.put(index.name, map);
            }
        }
        for (String name : java.util.List.copyOf(indexItems.keySet())) {
            if (next.index(name) == null) {
                indexItems.remove(name);
                indexCounts.remove(name);
            }
        }
        def = next;
    }

    /** The key of an item to put, with DynamoDB's texts for a missing, mistyped, empty or oversized key. */
    StoreKey keyOfItem(Map<String, JsonNode> item) {
        KeyValue hash = keyPartOfItem(item, def.hash, true);
        KeyValue range = def.range == null ? null : keyPartOfItem(item, def.range, false);
        return new StoreKey(hash, range);
    }

    private static KeyValue keyPartOfItem(Map<String, JsonNode> item, KeyAttribute key, boolean isHash) {
        JsonNode value = item.get(key.name);
        if (value == null) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Missing the key " + key.name + " in the item");
        }
        KeyValue kv = KeyValue.of(value, key.type);
        if (kv == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + key.name + " expected: " + key.type + " actual: " + typeOf(value));
        }
        if (kv.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + (key.type == 'S' ? "string" : "binary") + " value. Key: " + key.name);
        }
        checkKeySize(kv, isHash);
        return kv;
    }

    /** BatchWriteItem words a put's mistyped key attribute as a key not matching the schema (not PutItem's text). */
    void checkKeyTypesOfBatchPut(Map<String, JsonNode> item) {
        for (KeyAttribute attr : def.range == null ? java.util.List.of(def.hash) : java.util.List.of(def.hash, def.range)) {
            JsonNode value = item.get(attr.name);
            if (value == null || KeyValue.of(value, attr.type) == null) { // missing too: not PutItem's "Missing the key"
                throw DynamoDbException.validation("The provided key element does not match the schema");
            }
        }
    }

    /** The key of a Key parameter (GetItem, DeleteItem, UpdateItem...): exactly the table's key attributes. */
    StoreKey keyOfKey(Map<String, JsonNode> key) {
        if (key == null || key.size() != def.keys().size()) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        KeyValue hash = keyPartOfKey(key, def.hash, true);
        KeyValue range = def.range == null ? null : keyPartOfKey(key, def.range, false);
        return new StoreKey(hash, range);
    }

    private static KeyValue keyPartOfKey(Map<String, JsonNode> key, KeyAttribute attr, boolean isHash) {
        KeyValue kv = KeyValue.of(key.get(attr.name), attr.type);
        if (kv == null) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        if (kv.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + (attr.type == 'S' ? "string" : "binary") + " value. Key: "
                    + attr.name);
        }
        checkKeySize(kv, isHash);
        return kv;
    }

    private static void checkKeySize(KeyValue kv, boolean isHash) {
        if (isHash && kv.limitSize() > MAX_HASH_KEY_BYTES) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Size of hashkey has exceeded "
                    + "the maximum size limit of2048 bytes");
        }
        if (!isHash && kv.limitSize() > MAX_RANGE_KEY_BYTES) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Aggregated size of all range "
                    + "keys has exceeded the size limit of 1024 bytes");
        }
    }

    static String typeOf(JsonNode value) {
        return value.isObject() && value.size() > 0 ? value.fieldNames().next() : "null";
    }

    /** Refuses an item whose index key attributes have the wrong type or are empty, as DynamoDB does. */
    void checkIndexKeys(Map<String, JsonNode> item) {
        for (IndexDefinition index : def.indexes) {
            for (KeyAttribute k : index.keys()) {
                JsonNode value = item.get(k.name);
                if (value == null || def.isKeyAttribute(k.name)) {
                    continue;
                }
                KeyValue kv = KeyValue.of(value, k.type);
                if (kv == null) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                            + k.name + " Expected: " + k.type + " Actual: " + typeOf(value) + " IndexName: " + index.name);
                }
                if (kv.isEmpty()) {
                    throw DynamoDbException.validation("One or more parameter values are not valid. A value specified for a "
                            + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                            + (k.type == 'S' ? "string" : "binary") + " value. IndexName: " + index.name + ", IndexKey: " + k.name);
                }
            }
        }
    }

    /** The item's entry key in an index, or null when the item lacks the index's key attributes (sparse index). */
    static StoreKey indexKey(IndexDefinition index, Map<String, JsonNode> item, StoreKey base) {
        if (item == null) {
            return null;
        }
        KeyValue hash = KeyValue.of(item.get(index.hash.name), index.hash.type);
        if (hash == null) {
            return null;
        }
        KeyValue range = null;
        if (index.range != null) {
            range = KeyValue.of(item.get(index.range.name), index.range.type);
            if (range == null) {
                return null;
            }
        }
        return new StoreKey(hash.token(), hash, range, base);
    }

    /** A stored item built from its attributes (validated by the caller). */
    StoredItem store(StoreKey key, Map<String, JsonNode> attributes) {
        return new StoredItem(key, ItemJson.encode(attributes), Values.itemSize(attributes), expiresAt(attributes));
    }

    long expiresAt(Map<String, JsonNode> attributes) {
        String attr = ttlAttribute;
        if (attr == null) {
            return Long.MAX_VALUE;
        }
        JsonNode v = attributes.get(attr);
        JsonNode n = v == null ? null : v.get("N");
        if (n == null || !n.isTextual() || v.size() != 1) {
            return Long.MAX_VALUE;
        }
        try {
            return new BigDecimal(n.textValue()).longValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    StoredItem get(StoreKey key) {
        return items.get(key);
    }

    /**
     * Replaces (or removes, when {@code next} is null) the item at {@code key} and its index entries. The caller
     * holds the item's lock; {@code nextAttributes} and {@code previousAttributes} are the decoded items (either may be
     * null when the table has no index).
     */
    void apply(StoreKey key, StoredItem previous, Map<String, JsonNode> previousAttributes, StoredItem next,
            Map<String, JsonNode> nextAttributes) {
        if (next != null) {
            items.put(key, next);
        } else if (previous != null) {
            items.remove(key);
        }
        itemCount.addAndGet((next == null ? 0 : 1) - (previous == null ? 0 : 1));
        sizeBytes.addAndGet((next == null ? 0 : next.size) - (previous == null ? 0 : previous.size));
        if (def.indexes.isEmpty()) {
            return;
        }
        if (previous != null && previousAttributes == null) {
            previousAttributes = previous.attributes();
        }
        if (next != null && nextAttributes == null) {
            nextAttributes = next.attributes();
        }
        for (IndexDefinition index : def.indexes) {
            ConcurrentSkipListMap<StoreKey, StoredItem> map = indexItems.get(index.name);
            AtomicLong[] counts = indexCounts.get(index.name);
            StoreKey before = previous == null ? null : indexKey(index, previousAttributes, key);
            StoreKey after = next == null ? null : indexKey(index, nextAttributes, key);
            if (after != null) {
                map.put(after, next);
                counts[0].incrementAndGet();
                counts[1].addAndGet(next.size);
            }
            if (before != null) {
                if (after == null || !before.equals(after)) {
                    map.remove(before);
                }
                counts[0].decrementAndGet();
                counts[1].addAndGet(-previous.size);
            }
        }
    }

    long itemCount() {
        return itemCount.get();
    }

    long sizeBytes() {
        return sizeBytes.get();
    }

    Map<String, long[]> indexCounts() {
        Map<String, long[]> out = new LinkedHashMap<>();
        indexCounts.forEach((name, c) -> out.put(name, new long[] {c[0].get(), c[1].get()}));
        return out;
    }

    /** The Key of an item (its key attributes only), as LastEvaluatedKey and journal records carry it. */
    Map<String, JsonNode> keyAttributes(StoreKey key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put(def.hash.name, key.hash.toJson());
        if (def.range != null) {
            out.put(def.range.name, key.range.toJson());
        }
        return out;
    }
}

package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What every operation shares: the tables, the partition limits, and the small helpers they all use. */
final class OperationContext {
    static final int MAX_ITEM_BYTES = 400 * 1024;

    final Database db;
    final PartitionThroughput throughput;
    /** How long tables stay CREATING and DELETING, in nanoseconds; 0: no such phase. */
    final long tableStatusDelayNanos;

    OperationContext(Database db, PartitionThroughput throughput) {
        this(db, throughput, 0);
    }

    OperationContext(Database db, PartitionThroughput throughput, long tableStatusDelayNanos) {
        this.db = db;
        this.throughput = throughput;
        this.tableStatusDelayNanos = tableStatusDelayNanos;
    }

    /** The table, or ResourceNotFoundException as item operations answer it. */
    Table table(String name) {
        Table t = db.table(name);
        if (t == null || t.creating()) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND, "Requested resource not found");
        }
        return t;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static DynamoDbException conditionFailed(Map<String, JsonNode> old, boolean returnOld) {
        ObjectNode extra = null;
        if (returnOld && old != null) {
            extra = object();
            extra.set("Item", ItemJson.toNode(old));
        }
        return new DynamoDbException(DynamoDbException.CONDITIONAL_CHECK_FAILED, "The conditional request failed", extra);
    }

    static Map<String, JsonNode> only(Map<String, JsonNode> item, Set<String> attributes) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (item != null) {
            for (String a : attributes) {
                JsonNode v = item.get(a);
                if (v != null) {
                    out.put(a, v);
                }
            }
        }
        return out;
    }

    /**
     * The capacity a write of one item costs its table and each GSI it touches, and the partition charges for the
     * limits; {@code factor} is 2 inside a transaction.
     */
    final class WriteCost {
        final Table table;
        final double tableUnits;
        final Map<String, Double> indexUnits = new LinkedHashMap<>();
        final PartitionThroughput.Charges charges = throughput.charges();

        WriteCost(Table table, StoreKey key, Map<String, JsonNode> before, int beforeSize, Map<String, JsonNode> after,
                int afterSize, double factor) {
            this.table = table;
            this.tableUnits = Capacity.writeUnits(Math.max(beforeSize, afterSize)) * factor;
            charges.write(table.name(), null, key.hash, tableUnits);
            for (IndexDefinition index : table.def.indexes) {
                StoreKey was = Table.indexKey(index, before, key);
                StoreKey is = Table.indexKey(index, after, key);
                double units = 0;
                if (was != null) {
                    double u = Capacity.writeUnits(beforeSize) * factor;
                    units += u;
                    charges.write(table.name(), index.name, was.hash, u);
                }
                if (is != null && (was == null || !was.equals(is))) {
                    double u = Capacity.writeUnits(afterSize) * factor;
                    units += u;
                    charges.write(table.name(), index.name, is.hash, u);
                } else if (is != null && was != null && afterSize > beforeSize) {
                    units += Capacity.writeUnits(afterSize) * factor - Capacity.writeUnits(beforeSize) * factor;
                }
                if (units > 0) {
                    indexUnits.put(index.name, units);
                }
            }
        }

        void addTo(Capacity capacity) {
            capacity.table(table.name(), tableUnits);
            indexUnits.forEach((index, u) -> capacity.index(table.name(), table.def.index(index), u));
        }
    }

    WriteCost writeCost(Table table, StoreKey key, Map<String, JsonNode> before, int beforeSize,
            Map<String, JsonNode> after, int afterSize, double factor) {
        return new WriteCost(table, key, before, beforeSize, after, afterSize, factor);
    }
}

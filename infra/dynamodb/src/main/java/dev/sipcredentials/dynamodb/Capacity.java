package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Capacity units consumed by one request, as DynamoDB counts them: 1 WCU per KB written (rounded up; the larger of
 * the old and new item), 1 RCU per 4 KB read strongly consistent and half that eventually consistent, twice either
 * inside a transaction. Reported per ReturnConsumedCapacity (NONE, TOTAL, INDEXES).
 */
final class Capacity {
    private final String mode;
    private final Map<String, double[]> tableUnits = new LinkedHashMap<>(); // [0] table, [1] total of indexes
    private final Map<String, Map<String, Double>> indexUnits = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> localIndexUnits = new LinkedHashMap<>();

    private Capacity(String mode) {
        this.mode = mode;
    }

    static Capacity of(JsonNode request) {
        return new Capacity(Request.choice(request, "ReturnConsumedCapacity", "NONE", "INDEXES", "TOTAL", "NONE"));
    }

    static double writeUnits(int bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    static double readUnits(long bytes, boolean strong) {
        double units = Math.max(1, (bytes + 4095) / 4096);
        return strong ? units : units / 2;
    }

    boolean wanted() {
        return !mode.equals("NONE");
    }

    void table(String table, double units) {
        EngineUsage.charge(units);
        tableUnits.computeIfAbsent(table, t -> new double[2])[0] += units;
    }

    void index(String table, String index, double units) {
        EngineUsage.charge(units);
        tableUnits.computeIfAbsent(table, t -> new double[2])[1] += units;
        indexUnits.computeIfAbsent(table, t -> new LinkedHashMap<>()).merge(index, units, Double::sum);
    }

    /** As index(table, name, units), reported under LocalSecondaryIndexes for a local index. */
    void index(String table, IndexDefinition index, double units) {
        if (index == null) { // dropped by an UpdateTable meanwhile
            return;
        }
        if (!index.local) {
            index(table, index.name, units);
            return;
        }
        tableUnits.computeIfAbsent(table, t -> new double[2])[1] += units;
        localIndexUnits.computeIfAbsent(table, t -> new LinkedHashMap<>()).merge(index.name, units, Double::sum);
    }

    /** Adds the ConsumedCapacity of a single-table operation to the response (when asked for). */
    void addTo(ObjectNode response, String table) {
        if (wanted()) {
            tableUnits.computeIfAbsent(table, t -> new double[2]);
            response.set("ConsumedCapacity", json(table));
        }
    }

    /** Adds the ConsumedCapacity list of a multi-table operation (batches, transactions). */
    void addListTo(ObjectNode response) {
        if (wanted()) {
            ArrayNode list = response.putArray("ConsumedCapacity");
            tableUnits.keySet().forEach(t -> list.add(json(t)));
        }
    }

    private ObjectNode json(String table) {
        double[] units = tableUnits.get(table);
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("TableName", table);
        c.put("CapacityUnits", units[0] + units[1]);
        if (mode.equals("INDEXES")) {
            c.putObject("Table").put("CapacityUnits", units[0]);
            Map<String, Double> indexes = indexUnits.get(table);
            if (indexes != null) {
                ObjectNode gsis = c.putObject("GlobalSecondaryIndexes");
                indexes.forEach((name, u) -> gsis.putObject(name).put("CapacityUnits", u));
            }
            Map<String, Double> locals = localIndexUnits.get(table);
            if (locals != null) {
                ObjectNode lsis = c.putObject("LocalSecondaryIndexes");
                locals.forEach((name, u) -> lsis.putObject(name).put("CapacityUnits", u));
            }
        }
        return c;
    }
}

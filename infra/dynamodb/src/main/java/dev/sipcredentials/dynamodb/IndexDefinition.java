package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A secondary index: global (its own key and throughput) or local (the table's hash key, another range key; it
 * shares the table's throughput, allows strongly consistent reads and fetches unprojected attributes from the table).
 */
final class IndexDefinition {
    final String name;
    final KeyAttribute hash;
    final KeyAttribute range; // null when the index has no range key
    final String projectionType; // ALL, KEYS_ONLY or INCLUDE
    final Set<String> nonKeyAttributes; // INCLUDE only; empty otherwise
    final long readCapacity;
    final long writeCapacity;
    final boolean local;

    IndexDefinition(String name, KeyAttribute hash, KeyAttribute range, String projectionType,
            Set<String> nonKeyAttributes, long readCapacity, long writeCapacity) {
        this(name, hash, range, projectionType, nonKeyAttributes, readCapacity, writeCapacity, false);
    }

    IndexDefinition(String name, KeyAttribute hash, KeyAttribute range, String projectionType,
            Set<String> nonKeyAttributes, long readCapacity, long writeCapacity, boolean local) {
        this.name = name;
        this.hash = hash;
        this.range = range;
        this.projectionType = projectionType;
        this.nonKeyAttributes = nonKeyAttributes;
        this.readCapacity = readCapacity;
        this.writeCapacity = writeCapacity;
        this.local = local;
    }

    /** Whether the index projects every attribute (then queries may ask for any). */
    boolean projectsAll() {
        return "ALL".equals(projectionType);
    }

    /** The item as the index holds it: only the projected attributes (table and index keys always). */
    Map<String, JsonNode> project(Map<String, JsonNode> item, TableDefinition table) {
        if (projectsAll()) {
            return item;
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : item.entrySet()) {
            String a = e.getKey();
            if (table.isKeyAttribute(a) || a.equals(hash.name) || (range != null && a.equals(range.name))
                    || nonKeyAttributes.contains(a)) {
                out.put(a, e.getValue());
            }
        }
        return out;
    }

    static Set<String> nonKeyAttributes(JsonNode projection) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode list = projection == null ? null : projection.get("NonKeyAttributes");
        if (list != null && list.isArray()) {
            list.forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    List<KeyAttribute> keys() {
        return range == null ? List.of(hash) : List.of(hash, range);
    }
}

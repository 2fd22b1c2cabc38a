package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipcredentials.dynamodb.expr.Projection;
import dev.sipcredentials.dynamodb.expr.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem (at most 100 keys) and BatchWriteItem (at most 25 puts and deletes, no conditions, no two on one
 * item). Each item is read or written atomically on its own; what the partition limits refuse comes back in
 * UnprocessedKeys / UnprocessedItems, as on DynamoDB.
 */
final class BatchOperations {
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;

    private final OperationContext context;

    BatchOperations(OperationContext context) {
        this.context = context;
    }

    private static ObjectNode requestItems(JsonNode request) {
        ObjectNode items = Request.requiredObject(request, "RequestItems");
        if (items.size() == 0) {
            throw Request.constraint("{}", "requestItems", "Member must have length greater than or equal to 1");
        }
        items.fieldNames().forEachRemaining(name -> Request.checkTableName(name, "requestItems.tableName"));
        return items;
    }

    /**
     * What DynamoDB checks in every table's part of a BatchGetItem before it looks at any table: expressions,
     * AttributesToGet, the key values and their count.
     */
    private static void checkGetsWithoutTables(ObjectNode requestItems) {
        int total = 0;
        for (JsonNode spec : requestItems) {
            if (!spec.isObject()) {
                continue; // the shape check has refused this already
            }
            RequestExpressions expressions = RequestExpressions.of(spec);
            Projection projection = expressions.projection(spec);
            expressions.finish();
            JsonNode names = Request.field(spec, "AttributesToGet");
            ItemOperations.attributesToGet(spec, projection);
            if (names != null) {
                Set<String> seen = new HashSet<>();
                for (JsonNode n : names) {
                    if (!seen.add(n.asText())) {
                        throw DynamoDbException.validation("One or more parameter values were invalid: Duplicate value "
                                + "in attribute name: " + n.asText());
                    }
                }
            }
            JsonNode keys = spec.get("Keys");
            if (keys == null || !keys.isArray()) {
                continue;
            }
            for (JsonNode k : keys) {
                if (k.isObject()) {
                    Values.validateItem(ItemJson.toMap((ObjectNode) k));
                }
                if (++total > MAX_GET_KEYS) {
                    throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
                }
            }
        }
    }

    /** BatchWriteItem's checks of every request before any table is looked at: its form and its values. */
    private static void checkWritesWithoutTables(ObjectNode requestItems) {
        for (JsonNode list : requestItems) {
            if (!list.isArray()) {
                continue;
            }
            for (JsonNode entry : list) {
                JsonNode put = entry.get("PutRequest");
                JsonNode delete = entry.get("DeleteRequest");
                if ((put == null) == (delete == null) || entry.size() != 1) {
                    throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set, must "
                            + "contain exactly one of the supported datatypes");
                }
                if (put != null) {
                    Map<String, JsonNode> item = Request.requiredAttributes(put, "Item");
                    Values.validateItem(item);
                    if (Values.itemSize(item) > OperationContext.MAX_ITEM_BYTES) {
                        throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
                    }
                } else {
                    Values.validateItem(Request.requiredAttributes(delete, "Key"));
                }
            }
        }
    }

    ObjectNode batchGetItem(JsonNode request) {
        ObjectNode requestItems = requestItems(request);
        checkGetsWithoutTables(requestItems);
        Capacity capacity = Capacity.of(request);
        int total = 0;
        List<Runnable> reads = new ArrayList<>();
        ObjectNode response = OperationContext.object();
        ObjectNode responses = response.putObject("Responses");
        ObjectNode unprocessed = OperationContext.object();
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> entry = tables.next();
            JsonNode spec = entry.getValue();
            JsonNode keys = spec.get("Keys");
            if (keys == null || !keys.isArray()) {
                throw Request.constraint(null, "requestItems." + entry.getKey() + ".member.keys", "Member must not be null");
            }
            if (keys.size() == 0) {
                throw Request.constraint("[]", "requestItems." + entry.getKey() + ".member.keys",
                        "Member must have length greater than or equal to 1");
            }
            if (keys.size() > MAX_GET_KEYS) {
                throw Request.constraint(keys, "requestItems." + entry.getKey() + ".member.keys",
                        "Member must have length less than or equal to " + MAX_GET_KEYS);
            }
            total += keys.size();
            if (total > MAX_GET_KEYS) {
                throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
            }
            Table table = context.table(entry.getKey());
            RequestExpressions expressions = RequestExpressions.of(spec);
            Projection projection = expressions.projection(spec);
            expressions.finish();
            Set<String> attributesToGet = ItemOperations.attributesToGet(spec, projection);
            Boolean consistent = Request.bool(spec, "ConsistentRead");
            boolean strong = consistent != null && consistent;
            List<StoreKey> storeKeys = new ArrayList<>();
            Set<StoreKey> seen = new HashSet<>();
            for (JsonNode k : keys) {
                if (!k.isObject()) {
                    throw DynamoDbException.validation("The provided key element does not match the schema");
                }
                StoreKey key = table.keyOfKey(ItemJson.toMap((ObjectNode) k));
                if (!seen.add(key)) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                storeKeys.add(key);
            }
            ArrayNode out = responses.putArray(table.name());
            reads.add(() -> {
                ArrayNode notRead = null;
                for (int i = 0; i < storeKeys.size(); i++) {
                    StoreKey key = storeKeys.get(i);
                    StoredItem stored = table.get(key);
                    double units = Capacity.readUnits(stored == null ? 0 : stored.size, strong);
                    if (!context.throughput.charges().read(table.name(), null, key.hash, units).tryTake()) {
                        if (notRead == null) {
                            ObjectNode u = unprocessed.putObject(table.name());
                            u.setAll(((ObjectNode) spec).deepCopy());
                            notRead = u.putArray("Keys");
                        }
                        notRead.add(keys.get(i));
                        continue;
                    }
                    capacity.table(table.name(), units);
                    if (stored != null) {
                        Map<String, JsonNode> item = stored.attributes();
                        if (projection != null) {
                            item = projection.apply(item);
                        } else if (attributesToGet != null) {
                            item = OperationContext.only(item, attributesToGet);
                        }
                        out.add(ItemJson.toNode(item));
                    }
                }
            });
        }
        reads.forEach(Runnable::run);
        if (countKeys(unprocessed) == total) {
            throw PartitionThroughput.throttled();
        }
        response.set("UnprocessedKeys", unprocessed);
        capacity.addListTo(response);
        return response;
    }

    private static int countKeys(ObjectNode unprocessed) {
        int n = 0;
        for (JsonNode spec : unprocessed) {
            n += spec.path("Keys").size();
        }
        return n;
    }

    ObjectNode batchWriteItem(JsonNode request) {
        ObjectNode requestItems = requestItems(request);
        checkWritesWithoutTables(requestItems);
        Capacity capacity = Capacity.of(request);
        List<ItemWrite> writes = new ArrayList<>();
        List<String> tableOf = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        int total = 0;
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> e = tables.next();
            JsonNode list = e.getValue();
            if (!list.isArray() || list.size() == 0) {
                throw Request.constraint(list, "requestItems",
                        "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
                                + "Member must have length greater than or equal to 1]");
            }
            total += list.size();
            if (total > MAX_WRITES) {
                throw Request.constraint(requestItems, "requestItems",
                        "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
                                + "Member must have length greater than or equal to 1]");
            }
        }
        tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> e = tables.next();
            Table table = context.table(e.getKey());
            Set<StoreKey> seen = new HashSet<>();
            for (JsonNode entry : e.getValue()) {
                JsonNode put = entry.get("PutRequest");
                JsonNode delete = entry.get("DeleteRequest");
                if ((put == null) == (delete == null) || entry.size() != 1) {
                    throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set, must contain "
                            + "exactly one of the supported datatypes");
                }
                ItemWrite write;
                if (put != null) {
                    Map<String, JsonNode> item = Request.requiredAttributes(put, "Item");
                    Values.validateItem(item);
                    table.checkKeyTypesOfBatchPut(item);
                    write = ItemWrite.put(table, item, null, false, false);
                } else {
                    write = ItemWrite.delete(table, table.keyOfKey(Request.requiredAttributes(delete, "Key")), null, false,
                            false);
                }
                if (!seen.add(write.key)) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(write);
                tableOf.add(table.name());
                entries.add(entry);
            }
        }
        ObjectNode unprocessed = OperationContext.object();
        int refused = 0;
        for (int i = 0; i < writes.size(); i++) {
            ItemWrite write = writes.get(i);
            OperationContext.WriteCost cost;
            boolean taken;
            try (Database.WriteScope scope = context.db.lockItem(write.table, write.key)) {
                write.evaluate();
                cost = write.cost(context, 1);
                taken = cost.charges.tryTake();
                if (taken) {
                    scope.commit(write.mutation());
                }
            }
            if (taken) {
                cost.addTo(capacity);
            } else {
                refused++;
                JsonNode list = unprocessed.get(tableOf.get(i));
                (list == null ? unprocessed.putArray(tableOf.get(i)) : (ArrayNode) list).add(entries.get(i));
            }
        }
        if (refused == writes.size()) {
            throw PartitionThroughput.throttled();
        }
        ObjectNode response = OperationContext.object();
        response.set("UnprocessedItems", unprocessed);
        capacity.addListTo(response);
        return response;
    }
}

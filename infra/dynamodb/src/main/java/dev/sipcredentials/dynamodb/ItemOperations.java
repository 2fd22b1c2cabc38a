package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.sipcredentials.dynamodb.expr.Condition;
import dev.sipcredentials.dynamodb.expr.Projection;
import dev.sipcredentials.dynamodb.expr.Update;
import dev.sipcredentials.dynamodb.expr.Values;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PutItem, GetItem, DeleteItem and UpdateItem: each atomic on its one item. */
final class ItemOperations {
    private final OperationContext context;

    ItemOperations(OperationContext context) {
        this.context = context;
    }

    // Each operation checks everything that needs no table before it looks the table up: DynamoDB answers a bad
    // request with its ValidationException even when the table does not exist.

    ObjectNode putItem(JsonNode request) {
        String tableName = Request.tableName(request);
        LegacyParameters.refuseMixing(request, List.of("ConditionExpression"), List.of("Expected"));
        RequestExpressions.refuseWithoutExpressions(request, ": ConditionExpression is null", "ConditionExpression");
        Map<String, JsonNode> item = Request.requiredAttributes(request, "Item");
        Values.validateItem(item);
        if (Values.itemSize(item) > OperationContext.MAX_ITEM_BYTES) { // needs no table: DynamoDB checks it first
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
        RequestExpressions expressions = RequestExpressions.of(request);
        Condition condition = expressions.condition(request, "ConditionExpression");
        expressions.finish();
        if (condition == null) {
            condition = LegacyParameters.expected(request);
        }
        String returnValues = returnValues(request, "ALL_OLD");
        boolean returnOldOnFailure = returnOldOnFailure(request);
        Capacity capacity = Capacity.of(request);
        Table table = context.table(tableName);
        ItemWrite write = ItemWrite.put(table, item, condition, returnOldOnFailure, returnValues.equals("ALL_OLD"));
        run(write, capacity);
        ObjectNode response = OperationContext.object();
        if (returnValues.equals("ALL_OLD") && write.previousAttributes != null) {
            response.set("Attributes", ItemJson.toNode(write.previousAttributes));
        }
        capacity.addTo(response, table.name());
        return response;
    }

    ObjectNode deleteItem(JsonNode request) {
        String tableName = Request.tableName(request);
        LegacyParameters.refuseMixing(request, List.of("ConditionExpression"), List.of("Expected"));
        RequestExpressions.refuseWithoutExpressions(request, ": ConditionExpression is null", "ConditionExpression");
        Map<String, JsonNode> keyAttributes = key(request);
        RequestExpressions expressions = RequestExpressions.of(request);
        Condition condition = expressions.condition(request, "ConditionExpression");
        expressions.finish();
        if (condition == null) {
            condition = LegacyParameters.expected(request);
        }
        String returnValues = returnValues(request, "ALL_OLD");
        Capacity capacity = Capacity.of(request);
        Table table = context.table(tableName);
        StoreKey key = table.keyOfKey(keyAttributes);
        ItemWrite write = ItemWrite.delete(table, key, condition, returnOldOnFailure(request),
                returnValues.equals("ALL_OLD"));
        run(write, capacity);
        ObjectNode response = OperationContext.object();
        if (returnValues.equals("ALL_OLD") && write.previousAttributes != null) {
            response.set("Attributes", ItemJson.toNode(write.previousAttributes));
        }
        capacity.addTo(response, table.name());
        return response;
    }

    ObjectNode updateItem(JsonNode request) {
        String tableName = Request.tableName(request);
        LegacyParameters.refuseMixing(request, List.of("UpdateExpression", "ConditionExpression"),
                List.of("AttributeUpdates", "Expected"));
        RequestExpressions.refuseWithoutExpressions(request, ": UpdateExpression and ConditionExpression are null",
                "UpdateExpression", "ConditionExpression");
        Map<String, JsonNode> keyAttributes = key(request);
        RequestExpressions expressions = RequestExpressions.of(request);
        Update update = expressions.update(request);
        Condition condition = expressions.condition(request, "ConditionExpression");
        expressions.finish(update == null && condition == null ? ": UpdateExpression and ConditionExpression are null" : "");
        if (update == null) {
            update = LegacyParameters.attributeUpdates(request);
        }
        if (condition == null) {
            condition = LegacyParameters.expected(request);
        }
        String returnValues = returnValues(request, "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        Capacity capacity = Capacity.of(request);
        Table table = context.table(tableName);
        StoreKey key = table.keyOfKey(keyAttributes);
        ItemWrite write = ItemWrite.update(table, key, update, condition, returnOldOnFailure(request));
        run(write, capacity);
        ObjectNode response = OperationContext.object();
        Map<String, JsonNode> attributes = null;
        switch (returnValues) {
            case "ALL_OLD":
                attributes = write.previousAttributes;
                break;
            case "ALL_NEW":
                attributes = write.nextAttributes;
                break;
            case "UPDATED_OLD":
                attributes = update == null ? null : update.updatedPaths().apply(write.previousAttributes);
                break;
            case "UPDATED_NEW":
                attributes = update == null ? null : update.updatedPaths().apply(write.nextAttributes);
                break;
            default:
                break;
        }
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", ItemJson.toNode(attributes));
        }
        capacity.addTo(response, table.name());
        return response;
    }

    /** The request's Key, its attribute values valid (which needs no table). */
    private static Map<String, JsonNode> key(JsonNode request) {
        Map<String, JsonNode> key = Request.requiredAttributes(request, "Key");
        Values.validateItem(key);
        return key;
    }

    /** Locks the item, evaluates, charges the partition limits and commits. */
    private void run(ItemWrite write, Capacity capacity) {
        OperationContext.WriteCost cost;
        try (Database.WriteScope scope = context.db.lockItem(write.table, write.key)) {
            write.evaluate();
            cost = write.cost(context, 1);
            cost.charges.take();
            scope.commit(write.mutation());
        }
        cost.addTo(capacity);
    }

    ObjectNode getItem(JsonNode request) {
        String tableName = Request.tableName(request);
        LegacyParameters.refuseMixing(request, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        RequestExpressions.refuseWithoutExpressions(request, "", "ProjectionExpression");
        Map<String, JsonNode> keyAttributes = key(request);
        RequestExpressions expressions = RequestExpressions.of(request);
        Projection projection = expressions.projection(request);
        expressions.finish();
        Set<String> attributesToGet = attributesToGet(request, projection);
        Boolean consistent = Request.bool(request, "ConsistentRead");
        boolean strong = consistent != null && consistent;
        Capacity capacity = Capacity.of(request);
        Table table = context.table(tableName);
        StoreKey key = table.keyOfKey(keyAttributes);
        if (projection != null) {
            table.def.checkScalarKeyPaths(projection.nestedTopLevelAttributes());
        }
        StoredItem stored = table.get(key);
        double units = Capacity.readUnits(stored == null ? 0 : stored.size, strong);
        context.throughput.charges().read(table.name(), null, key.hash, units).take();
        capacity.table(table.name(), units);
        ObjectNode response = OperationContext.object();
        if (stored != null) {
            if (projection == null && attributesToGet == null) {
                // the stored bytes are the wire form: no decode and re-encode
                response.putRawValue("Item", new RawValue(new String(stored.json, StandardCharsets.UTF_8)));
            } else {
                Map<String, JsonNode> item = stored.attributes();
                item = projection != null ? projection.apply(item) : OperationContext.only(item, attributesToGet);
                response.set("Item", ItemJson.toNode(item));
            }
        }
        capacity.addTo(response, table.name());
        return response;
    }

    /** The legacy AttributesToGet (a plain list of top-level names), which costs nothing to support. */
    static Set<String> attributesToGet(JsonNode request, Projection projection) {
        JsonNode list = Request.field(request, "AttributesToGet");
        if (list == null) {
            return null;
        }
        if (projection != null) {
            throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        }
        Set<String> names = new HashSet<>();
        for (JsonNode n : list) {
            if (!names.add(n.asText())) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Duplicate value in attribute "
                        + "name: " + n.asText());
            }
        }
        return names;
    }

    static String returnValues(JsonNode request, String... allowedBesidesNone) {
        String value = Request.choice(request, "ReturnValues", "NONE", "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW",
                "UPDATED_NEW");
        if (value.equals("NONE")) {
            return value;
        }
        for (String a : allowedBesidesNone) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw DynamoDbException.validation("ReturnValues can only be ALL_OLD or NONE");
    }

    static boolean returnOldOnFailure(JsonNode request) {
        return Request.choice(request, "ReturnValuesOnConditionCheckFailure", "NONE", "ALL_OLD", "NONE").equals("ALL_OLD");
    }
}

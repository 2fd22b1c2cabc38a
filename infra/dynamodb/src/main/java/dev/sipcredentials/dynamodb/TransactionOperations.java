package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipcredentials.dynamodb.expr.Condition;
import dev.sipcredentials.dynamodb.expr.Projection;
import dev.sipcredentials.dynamodb.expr.Update;
import dev.sipcredentials.dynamodb.expr.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems: all or nothing, isolated from every other write to their items (all
 * their items' locks are held, taken in the global stripe order), at twice the capacity of the plain operations.
 */
final class TransactionOperations {
    static final int MAX_ACTIONS = 100;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final OperationContext context;
    private final ClientRequestTokens tokens = new ClientRequestTokens();

    TransactionOperations(OperationContext context) {
        this.context = context;
    }

    private static JsonNode actions(JsonNode request) {
        JsonNode items = Request.field(request, "TransactItems");
        if (items == null) {
            throw Request.constraint(null, "transactItems", "Member must not be null");
        }
        if (!items.isArray()) {
            throw DynamoDbException.validation("TransactItems must be a list");
        }
        if (items.size() < 1) {
            throw Request.constraint("[]", "transactItems", "Member must have length greater than or equal to 1");
        }
        if (items.size() > MAX_ACTIONS) {
            throw Request.constraint(items, "transactItems", "Member must have length less than or equal to 100");
        }
        return items;
    }

    ObjectNode transactWriteItems(JsonNode request) {
        JsonNode actions = actions(request);
        String token = Request.string(request, "ClientRequestToken");
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            throw Request.constraint(token, "clientRequestToken", "Member must have length less than or equal to 36");
        }
        Capacity capacity = Capacity.of(request);
        List<ItemWrite> writes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (JsonNode action : actions) {
            ItemWrite write = write(action);
            if (!seen.add(write.table.name() + '\u0000' + write.key)) {
                throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
            }
            writes.add(write);
        }
        if (token != null && tokens.begin(token, request) == ClientRequestTokens.Decision.ALREADY_DONE) {
            ObjectNode response = OperationContext.object();
            for (ItemWrite w : writes) {
                capacity.table(w.table.name(), 0);
            }
            capacity.addListTo(response);
            return response;
        }
        boolean succeeded = false;
        try {
            int[] stripes = new int[writes.size()];
            for (int i = 0; i < stripes.length; i++) {
                stripes[i] = KeyLocks.stripe(writes.get(i).table.name(), writes.get(i).key);
            }
            List<OperationContext.WriteCost> costs = new ArrayList<>();
            try (Database.WriteScope scope = context.db.lockItems(stripes)) {
                ArrayNode reasons = JsonNodeFactory.instance.arrayNode();
                boolean cancelled = false;
                for (ItemWrite w : writes) {
                    ObjectNode reason = reasons.addObject();
                    try {
                        w.evaluate();
                        reason.put("Code", "None");
                    } catch (DynamoDbException e) {
                        cancelled = true;
                        if (e.type().equals(DynamoDbException.CONDITIONAL_CHECK_FAILED)) {
                            reason.put("Code", "ConditionalCheckFailed");
                            reason.put("Message", e.getMessage());
                            if (e.extra() != null && e.extra().has("Item")) {
                                reason.set("Item", e.extra().get("Item"));
                            }
                        } else {
                            reason.put("Code", "ValidationError");
                            reason.put("Message", e.getMessage());
                        }
                    }
                }
                if (!cancelled) {
                    for (ItemWrite w : writes) {
                        bytes += w.next == null ? 0 : w.next.size;
                    }
                    if (bytes > MAX_BYTES) {
                        throw DynamoDbException.validation("Transaction request size exceeds the maximum allowed size of 4 MB");
                    }
                    for (int i = 0; i < writes.size(); i++) {
                        OperationContext.WriteCost cost = writes.get(i).cost(context, 2);
                        costs.add(cost);
                        if (!cost.charges.tryTake()) {
                            cancelled = true;
                            ObjectNode reason = (ObjectNode) reasons.get(i);
                            reason.put("Code", "ThrottlingError");
                            reason.put("Message", "Throughput exceeds the current capacity of your table or index.");
                        }
                    }
                }
                if (cancelled) {
                    throw cancellation(reasons);
                }
                List<Mutation> mutations = new ArrayList<>();
                for (ItemWrite w : writes) {
                    if (w.writes()) {
                        mutations.add(w.mutation());
                    }
                }
                scope.commit(mutations);
            }
            costs.forEach(c -> c.addTo(capacity));
            succeeded = true;
        } finally {
            if (token != null) {
                if (succeeded) {
                    tokens.succeeded(token);
                } else {
                    tokens.failed(token);
                }
            }
        }
        ObjectNode response = OperationContext.object();
        capacity.addListTo(response);
        return response;
    }

    static DynamoDbException cancellation(ArrayNode reasons) {
        List<String> codes = new ArrayList<>();
        reasons.forEach(r -> codes.add(r.get("Code").textValue()));
        ObjectNode extra = OperationContext.object();
        extra.set("CancellationReasons", reasons);
        return new DynamoDbException(DynamoDbException.TRANSACTION_CANCELED,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [" + String.join(", ", codes)
                        + "]", extra);
    }

    private ItemWrite write(JsonNode action) {
        if (!action.isObject() || action.size() != 1) {
            throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String kind = action.fieldNames().next();
        JsonNode spec = action.get(kind);
        if (!spec.isObject()) {
            throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        Table table = context.table(Request.tableName(spec));
        RequestExpressions expressions = RequestExpressions.of(spec);
        boolean returnOld = ItemOperations.returnOldOnFailure(spec);
        switch (kind) {
            case "Put": {
                Map<String, JsonNode> item = Request.requiredAttributes(spec, "Item");
                Values.validateItem(item);
                Condition condition = expressions.condition(spec, "ConditionExpression");
                expressions.finish();
                return ItemWrite.put(table, item, condition, returnOld, false);
            }
            case "Delete": {
                StoreKey key = table.keyOfKey(Request.requiredAttributes(spec, "Key"));
                Condition condition = expressions.condition(spec, "ConditionExpression");
                expressions.finish();
                return ItemWrite.delete(table, key, condition, returnOld, false);
            }
            case "Update": {
                StoreKey key = table.keyOfKey(Request.requiredAttributes(spec, "Key"));
                if (Request.string(spec, "UpdateExpression") == null) {
                    throw Request.constraint(null, "transactItems.member.update.updateExpression", "Member must not be null");
                }
                Update update = expressions.update(spec);
                Condition condition = expressions.condition(spec, "ConditionExpression");
                expressions.finish();
                return ItemWrite.update(table, key, update, condition, returnOld);
            }
            case "ConditionCheck": {
                StoreKey key = table.keyOfKey(Request.requiredAttributes(spec, "Key"));
                if (Request.string(spec, "ConditionExpression") == null) {
                    throw Request.constraint(null, "transactItems.member.conditionCheck.conditionExpression",
                            "Member must not be null");
                }
                Condition condition = expressions.condition(spec, "ConditionExpression");
                expressions.finish();
                return ItemWrite.check(table, key, condition, returnOld);
            }
            default:
                throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
    }

    ObjectNode transactGetItems(JsonNode request) {
        JsonNode actions = actions(request);
        Capacity capacity = Capacity.of(request);
        List<Table> tables = new ArrayList<>();
        List<StoreKey> keys = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode action : actions) {
            JsonNode spec = action.get("Get");
            if (spec == null || !spec.isObject() || action.size() != 1) {
                throw DynamoDbException.validation("TransactItems can only contain Get");
            }
            Table table = context.table(Request.tableName(spec));
            StoreKey key = table.keyOfKey(Request.requiredAttributes(spec, "Key"));
            RequestExpressions expressions = RequestExpressions.of(spec);
            Projection projection = expressions.projection(spec);
            expressions.finish();
            if (!seen.add(table.name() + '\u0000' + key)) {
                throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
            }
            tables.add(table);
            keys.add(key);
            projections.add(projection);
        }
        int[] stripes = new int[keys.size()];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = KeyLocks.stripe(tables.get(i).name(), keys.get(i));
        }
        StoredItem[] read = new StoredItem[keys.size()];
        try (Database.WriteScope scope = context.db.lockItems(stripes)) {
            for (int i = 0; i < read.length; i++) {
                read[i] = tables.get(i).get(keys.get(i));
            }
        }
        ObjectNode response = OperationContext.object();
        ArrayNode responses = response.putArray("Responses");
        for (int i = 0; i < read.length; i++) {
            ObjectNode r = responses.addObject();
            capacity.table(tables.get(i).name(), 2 * Capacity.readUnits(read[i] == null ? 0 : read[i].size, true));
            if (read[i] != null) {
                Map<String, JsonNode> item = read[i].attributes();
                if (projections.get(i) != null) {
                    item = projections.get(i).apply(item);
                }
                r.set("Item", ItemJson.toNode(item));
            }
        }
        capacity.addListTo(response);
        return response;
    }
}

package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.expr.Condition;
import dev.sipcredentials.dynamodb.expr.Update;
import dev.sipcredentials.dynamodb.expr.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item's write as PutItem, DeleteItem, UpdateItem, a batch entry or a transaction action asks it: validated
 * before any lock is taken, then {@link #evaluate}d under the item's lock (read, condition, new item).
 */
final class ItemWrite {
    enum Kind { PUT, DELETE, UPDATE, CHECK }

    final Kind kind;
    final Table table;
    final StoreKey key;
    private final Map<String, JsonNode> putItem;
    private final StoredItem putStored;
    private final Update update;
    private final Condition condition;
    private final boolean returnOldOnFailure;
    private final boolean needPrevious;

    StoredItem previous;
    Map<String, JsonNode> previousAttributes;
    StoredItem next;
    Map<String, JsonNode> nextAttributes;

    private ItemWrite(Kind kind, Table table, StoreKey key, Map<String, JsonNode> putItem, StoredItem putStored,
            Update update, Condition condition, boolean returnOldOnFailure, boolean needPrevious) {
        this.kind = kind;
        this.table = table;
        this.key = key;
        this.putItem = putItem;
        this.putStored = putStored;
        this.update = update;
        this.condition = condition;
        this.returnOldOnFailure = returnOldOnFailure;
        this.needPrevious = needPrevious;
    }

    /**
     * A put of a validated item (its key, index keys and size are checked here), stored as DynamoDB stores it:
     * numbers in canonical form, so "0001.500" reads back as "1.5".
     */
    static ItemWrite put(Table table, Map<String, JsonNode> validItem, Condition condition, boolean returnOldOnFailure,
            boolean needPrevious) {
        Map<String, JsonNode> item = Values.normalizeItem(validItem);
        StoreKey key = table.keyOfItem(item);
        table.checkIndexKeys(item);
        StoredItem stored = table.store(key, item);
        if (stored.size > OperationContext.MAX_ITEM_BYTES) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
        return new ItemWrite(Kind.PUT, table, key, item, stored, null, condition, returnOldOnFailure, needPrevious);
    }

    static ItemWrite delete(Table table, StoreKey key, Condition condition, boolean returnOldOnFailure,
            boolean needPrevious) {
        return new ItemWrite(Kind.DELETE, table, key, null, null, null, condition, returnOldOnFailure, needPrevious);
    }

    /** An update; a null expression only makes sure the item exists (as DynamoDB's UpdateItem without one does). */
    static ItemWrite update(Table table, StoreKey key, Update update, Condition condition,
            boolean returnOldOnFailure) {
        if (update != null) {
            for (String attribute : update.topLevelAttributes()) {
                if (table.def.isKeyAttribute(attribute)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute "
                            + attribute + ". This attribute is part of the key");
                }
            }
        }
        return new ItemWrite(Kind.UPDATE, table, key, null, null, update, condition, returnOldOnFailure, true);
    }

    static ItemWrite check(Table table, StoreKey key, Condition condition, boolean returnOldOnFailure) {
        return new ItemWrite(Kind.CHECK, table, key, null, null, null, condition, returnOldOnFailure, false);
    }

    /**
     * Under the item's lock: reads the current item, tests the condition (ConditionalCheckFailedException, with the
     * item when asked) and computes the item after the write.
     */
    void evaluate() {
        previous = table.get(key);
        boolean decode = needPrevious || condition != null || !table.def.indexes.isEmpty();
        previousAttributes = previous != null && decode ? previous.attributes() : null;
        if (condition != null && !condition.test(previousAttributes)) {
            throw OperationContext.conditionFailed(previousAttributes, returnOldOnFailure);
        }
        switch (kind) {
            case PUT:
                next = putStored;
                nextAttributes = putItem;
                break;
            case DELETE:
                break;
            case UPDATE:
                Map<String, JsonNode> base = previousAttributes != null
                        ? previousAttributes : new LinkedHashMap<>(table.keyAttributes(key));
                nextAttributes = update == null ? base : Values.normalizeItem(update.apply(base));
                table.checkIndexKeys(nextAttributes);
                next = table.store(key, nextAttributes);
                if (next.size > OperationContext.MAX_ITEM_BYTES) {
                    throw DynamoDbException.validation("Item size to update has exceeded the maximum allowed size");
                }
                break;
            default: // CHECK writes nothing
                break;
        }
    }

    boolean writes() {
        return kind != Kind.CHECK;
    }

    Mutation mutation() {
        return new Mutation(table, key, previous, previousAttributes, next, nextAttributes);
    }

    Update updateExpression() {
        return update;
    }

    OperationContext.WriteCost cost(OperationContext context, double factor) {
        return context.writeCost(table, key, previousAttributes, previous == null ? 0 : previous.size, nextAttributes,
                next == null ? 0 : next.size, factor);
    }
}

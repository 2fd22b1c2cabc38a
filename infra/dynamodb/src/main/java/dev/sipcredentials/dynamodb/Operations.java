package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The operations by their X-Amz-Target name. */
final class Operations {
    private final Map<String, Function<JsonNode, ObjectNode>> byName = new HashMap<>();

    Operations(OperationContext context) {
        TableOperations tables = new TableOperations(context);
        ItemOperations items = new ItemOperations(context);
        QueryScanOperations reads = new QueryScanOperations(context);
        BatchOperations batches = new BatchOperations(context);
        TransactionOperations transactions = new TransactionOperations(context);
        TableUpdates tableUpdates = new TableUpdates(context);
        Tags tags = new Tags(context);
        byName.put("CreateTable", tables::createTable);
        byName.put("DescribeTable", tables::describeTable);
        byName.put("DeleteTable", tables::deleteTable);
        byName.put("ListTables", tables::listTables);
        byName.put("UpdateTimeToLive", tables::updateTimeToLive);
        byName.put("DescribeTimeToLive", tables::describeTimeToLive);
        byName.put("PutItem", items::putItem);
        byName.put("GetItem", items::getItem);
        byName.put("DeleteItem", items::deleteItem);
        byName.put("UpdateItem", items::updateItem);
        byName.put("Query", reads::query);
        byName.put("Scan", reads::scan);
        byName.put("BatchGetItem", batches::batchGetItem);
        byName.put("BatchWriteItem", batches::batchWriteItem);
        byName.put("TransactWriteItems", transactions::transactWriteItems);
        byName.put("TransactGetItems", transactions::transactGetItems);
        byName.put("UpdateTable", tableUpdates::updateTable);
        byName.put("TagResource", tags::tagResource);
        byName.put("UntagResource", tags::untagResource);
        byName.put("ListTagsOfResource", tags::listTagsOfResource);
    }

    /** The operation, or null when this engine does not know it. */
    Function<JsonNode, ObjectNode> get(String name) {
        return byName.get(name);
    }
}

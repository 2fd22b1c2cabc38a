package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.Shape.bool;
import static dev.sipcredentials.dynamodb.Shape.fieldStruct;
import static dev.sipcredentials.dynamodb.Shape.integer;
import static dev.sipcredentials.dynamodb.Shape.list;
import static dev.sipcredentials.dynamodb.Shape.listOfMaps;
import static dev.sipcredentials.dynamodb.Shape.longNumber;
import static dev.sipcredentials.dynamodb.Shape.map;
import static dev.sipcredentials.dynamodb.Shape.string;
import static dev.sipcredentials.dynamodb.Shape.struct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Each operation's request members with their types and constraints, as DynamoDB's API model declares them, and
 * the order in which DynamoDB checks a request: JSON types (SerializationException), the constraints of the whole
 * request in one message (ValidationException), and only then the operation's own checks and its table
 * (ResourceNotFoundException). The legacy members (Expected, KeyConditions, ...) are declared too, so that a
 * mistyped one is refused as DynamoDB refuses it, whatever the engine then does with it.
 */
final class RequestShapes {
    private static final String TABLE_NAME_PATTERN = "[a-zA-Z0-9_.-]+";
    private static final String[] OPERATORS = {"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL",
        "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"};

    private static final Map<String, Shape> BY_OPERATION = new HashMap<>();
    /** Operations whose TableName DynamoDB checks before anything else, with texts of their own. */
    private static final java.util.Set<String> TABLE_NAME_FIRST =
            java.util.Set.of("CreateTable", "DescribeTable", "DeleteTable", "DescribeTimeToLive", "UpdateTable");

    private RequestShapes() {}

    /** An AttributeValue (recursive through L and M); {@code field}: Coral's wording for a scalar in its place. */
    private static Shape attributeValue(boolean field) {
        Shape nested = struct("AttributeValue");
        fill(nested, nested);
        Shape value = field ? fieldStruct("AttributeValue") : struct("AttributeValue");
        fill(value, nested);
        return value;
    }

    private static void fill(Shape s, Shape nested) {
        s.addMember("S", string()).addMember("N", string()).addMember("B", Shape.blob())
                .addMember("BOOL", bool()).addMember("NULL", bool())
                .addMember("SS", list(string())).addMember("NS", list(string())).addMember("BS", list(Shape.blob()))
                .addMember("L", list(nested)).addMember("M", map("AttributeValue", nested));
    }

    private static final Shape VALUE = attributeValue(false);
    private static final Shape FIELD_VALUE = attributeValue(true);

    private static Shape attributes() {
        return map("AttributeValue", VALUE);
    }

    private static Shape tableName() {
        return string().notNull().pattern(TABLE_NAME_PATTERN).length(3, 255);
    }

    private static Shape indexName() {
        return string().pattern(TABLE_NAME_PATTERN).length(3, 255);
    }

    private static Shape capacity() {
        return string().oneOf("INDEXES", "TOTAL", "NONE");
    }

    private static Shape metrics() {
        return string().oneOf("SIZE", "NONE");
    }

    private static Shape returnValues() {
        return string().oneOf("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW");
    }

    private static Shape onFailure() {
        return string().oneOf("ALL_OLD", "NONE");
    }

    private static Shape names() {
        return map("java.lang.String", string());
    }

    private static Shape attributesToGet() {
        return list(string()).length(1, 255);
    }

    private static Shape expected() {
        return map("ExpectedAttributeValue", struct("ExpectedAttributeValue",
                "AttributeValueList", list(VALUE),
                "ComparisonOperator", string().oneOf(OPERATORS),
                "Exists", bool(),
                "Value", FIELD_VALUE));
    }

    private static Shape conditions() {
        return map("Condition", struct("Condition",
                "AttributeValueList", list(VALUE),
                "ComparisonOperator", string().notNull().oneOf(OPERATORS)));
    }

    private static Shape keySchema() {
        return list(struct("KeySchemaElement",
                "AttributeName", string().notNull(),
                "KeyType", string().notNull().oneOf("HASH", "RANGE"))).notNull().length(1, 2);
    }

    private static Shape indexKeySchema() {
        return list(struct("KeySchemaElement",
                "AttributeName", string().notNull(),
                "KeyType", string().notNull())).notNull().length(1, 2);
    }

    private static Shape projection() {
        return fieldStruct("Projection",
                "ProjectionType", string().oneOf("ALL", "INCLUDE", "KEYS_ONLY"),
                "NonKeyAttributes", list(string()).length(1, null)).notNull();
    }

    private static Shape throughput() {
        return fieldStruct("ProvisionedThroughput",
                "WriteCapacityUnits", longNumber().notNull().range(1L, null),
                "ReadCapacityUnits", longNumber().notNull().range(1L, null));
    }

    static {
        BY_OPERATION.put("ListTables", struct("ListTablesInput",
                "Limit", integer().range(1L, 100L),
                "ExclusiveStartTableName", indexName()));
        for (String op : new String[] {"DescribeTable", "DeleteTable", "DescribeTimeToLive"}) {
            BY_OPERATION.put(op, struct(op + "Input", "TableName", string().pattern(TABLE_NAME_PATTERN)));
        }
        BY_OPERATION.put("UpdateTimeToLive", struct("UpdateTimeToLiveInput",
                "TableName", tableName(),
                "TimeToLiveSpecification", fieldStruct("TimeToLiveSpecification",
                        "Enabled", bool().notNull(),
                        "AttributeName", string().notNull().length(1, 255)).notNull()));
        BY_OPERATION.put("CreateTable", struct("CreateTableInput",
                "AttributeDefinitions", list(struct("AttributeDefinition",
                        "AttributeName", string().notNull(),
                        "AttributeType", string().notNull().oneOf("B", "N", "S"))).notNull(),
                "TableName", string().pattern(TABLE_NAME_PATTERN),
                "BillingMode", string().oneOf("PROVISIONED", "PAY_PER_REQUEST"),
                "ProvisionedThroughput", throughput(),
                "KeySchema", keySchema(),
                "LocalSecondaryIndexes", list(struct("LocalSecondaryIndex",
                        "IndexName", tableName(),
                        "KeySchema", indexKeySchema(),
                        "Projection", projection())),
                "GlobalSecondaryIndexes", list(struct("GlobalSecondaryIndex",
                        "IndexName", tableName(),
                        "KeySchema", indexKeySchema(),
                        "Projection", projection(),
                        "ProvisionedThroughput", throughput()))));
        BY_OPERATION.put("UpdateTable", struct("UpdateTableInput",
                "TableName", string().pattern(TABLE_NAME_PATTERN),
                "ProvisionedThroughput", throughput(),
                "GlobalSecondaryIndexUpdates", list(struct("GlobalSecondaryIndexUpdate",
                        "Update", fieldStruct("UpdateGlobalSecondaryIndexAction",
                                "IndexName", tableName(),
                                "ProvisionedThroughput", throughput().notNull()),
                        "Create", fieldStruct("CreateGlobalSecondaryIndexAction",
                                "IndexName", tableName(),
                                "KeySchema", indexKeySchema(),
                                "Projection", projection(),
                                "ProvisionedThroughput", throughput()),
                        "Delete", fieldStruct("DeleteGlobalSecondaryIndexAction",
                                "IndexName", tableName()))),
                "BillingMode", string().oneOf("PROVISIONED", "PAY_PER_REQUEST")));
        // Tags: only the JSON types here; a missing ResourceArn or Tags is refused by Tags with its own texts.
        BY_OPERATION.put("TagResource", struct("TagResourceInput",
                "ResourceArn", string(),
                "Tags", list(struct("Tag", "Key", string(), "Value", string()))));
        BY_OPERATION.put("UntagResource", struct("UntagResourceInput",
                "ResourceArn", string(),
                "TagKeys", list(string())));
        BY_OPERATION.put("ListTagsOfResource", struct("ListTagsOfResourceInput",
                "ResourceArn", string(),
                "NextToken", string()));
        BY_OPERATION.put("PutItem", struct("PutItemInput",
                "ReturnConsumedCapacity", capacity(),
                "TableName", tableName(),
                "Item", attributes().notNull(),
                "ConditionalOperator", string().oneOf("OR", "AND"),
                "Expected", expected(),
                "ReturnValues", returnValues(),
                "ReturnItemCollectionMetrics", metrics(),
                "ReturnValuesOnConditionCheckFailure", onFailure(),
                "ConditionExpression", string(),
                "ExpressionAttributeValues", attributes(),
                "ExpressionAttributeNames", names()));
        BY_OPERATION.put("GetItem", struct("GetItemInput",
                "ReturnConsumedCapacity", capacity(),
                "AttributesToGet", attributesToGet(),
                "TableName", tableName(),
                "Key", attributes().notNull(),
                "ConsistentRead", bool(),
                "ProjectionExpression", string(),
                "ExpressionAttributeNames", names()));
        BY_OPERATION.put("DeleteItem", struct("DeleteItemInput",
                "ReturnConsumedCapacity", capacity(),
                "TableName", tableName(),
                "ReturnValues", returnValues(),
                "ReturnItemCollectionMetrics", metrics(),
                "ReturnValuesOnConditionCheckFailure", onFailure(),
                "Key", attributes().notNull(),
                "ConditionalOperator", string().oneOf("OR", "AND"),
                "Expected", expected(),
                "ConditionExpression", string(),
                "ExpressionAttributeValues", attributes(),
                "ExpressionAttributeNames", names()));
        BY_OPERATION.put("UpdateItem", struct("UpdateItemInput",
                "ReturnConsumedCapacity", capacity(),
                "TableName", tableName(),
                "ReturnItemCollectionMetrics", metrics(),
                "ReturnValues", returnValues(),
                "ReturnValuesOnConditionCheckFailure", onFailure(),
                "Key", attributes().notNull(),
                "ConditionalOperator", string().oneOf("OR", "AND"),
                "Expected", expected(),
                "AttributeUpdates", map("AttributeValueUpdate", struct("AttributeValueUpdate",
                        "Action", string(),
                        "Value", FIELD_VALUE)),
                "ConditionExpression", string(),
                "UpdateExpression", string(),
                "ExpressionAttributeValues", attributes(),
                "ExpressionAttributeNames", names()));
        BY_OPERATION.put("Query", struct("QueryInput",
                "Select", string().oneOf("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
                "IndexName", indexName(),
                "ReturnConsumedCapacity", capacity(),
                "QueryFilter", conditions(),
                "TableName", tableName(),
                "ConditionalOperator", string().oneOf("OR", "AND"),
                "AttributesToGet", attributesToGet(),
                "Limit", integer().range(1L, null),
                "KeyConditions", conditions(),
                "ExclusiveStartKey", attributes(),
                "ConsistentRead", bool(),
                "ScanIndexForward", bool(),
                "KeyConditionExpression", string(),
                "FilterExpression", string(),
                "ProjectionExpression", string(),
                "ExpressionAttributeValues", attributes(),
                "ExpressionAttributeNames", names()));
        BY_OPERATION.put("Scan", struct("ScanInput",
                "Select", string().oneOf("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
                "IndexName", indexName(),
                "TotalSegments", integer().range(1L, 1000000L),
                "ReturnConsumedCapacity", capacity(),
                "TableName", tableName(),
                "ConditionalOperator", string().oneOf("OR", "AND"),
                "ScanFilter", conditions(),
                "Segment", integer().range(0L, 999999L),
                "Limit", integer().range(1L, null),
                "AttributesToGet", attributesToGet(),
                "ExclusiveStartKey", attributes(),
                "ConsistentRead", bool(),
                "FilterExpression", string(),
                "ProjectionExpression", string(),
                "ExpressionAttributeValues", attributes(),
                "ExpressionAttributeNames", names()));
        BY_OPERATION.put("BatchGetItem", struct("BatchGetItemInput",
                "ReturnConsumedCapacity", capacity(),
                "RequestItems", map("KeysAndAttributes", struct("KeysAndAttributes",
                        "Keys", listOfMaps(attributes()).notNull().length(1, 100),
                        "AttributesToGet", attributesToGet(),
                        "ConsistentRead", bool(),
                        "ProjectionExpression", string(),
                        "ExpressionAttributeNames", names()))
                        .notNull().length(1, null).keys(string().length(3, 255).pattern(TABLE_NAME_PATTERN))));
        BY_OPERATION.put("BatchWriteItem", struct("BatchWriteItemInput",
                "ReturnConsumedCapacity", capacity(),
                "ReturnItemCollectionMetrics", metrics(),
                "RequestItems", map("java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>",
                        listOfMaps(struct("WriteRequest",
                                "DeleteRequest", fieldStruct("DeleteRequest", "Key", attributes().notNull()),
                                "PutRequest", fieldStruct("PutRequest", "Item", attributes().notNull()))))
                        .notNull().length(1, null)
                        .keys(string().length(3, 255).pattern(TABLE_NAME_PATTERN))
                        .values(list(string()).length(1, 25))));
        Shape check = struct("ConditionCheck", "Key", attributes().notNull(), "TableName", tableName(),
                "ConditionExpression", string().notNull(), "ExpressionAttributeNames", names(),
                "ExpressionAttributeValues", attributes(), "ReturnValuesOnConditionCheckFailure", onFailure());
        Shape put = struct("Put", "Item", attributes().notNull(), "TableName", tableName(),
                "ConditionExpression", string(), "ExpressionAttributeNames", names(),
                "ExpressionAttributeValues", attributes(), "ReturnValuesOnConditionCheckFailure", onFailure());
        Shape delete = struct("Delete", "Key", attributes().notNull(), "TableName", tableName(),
                "ConditionExpression", string(), "ExpressionAttributeNames", names(),
                "ExpressionAttributeValues", attributes(), "ReturnValuesOnConditionCheckFailure", onFailure());
        Shape update = struct("Update", "Key", attributes().notNull(), "UpdateExpression", string().notNull(),
                "TableName", tableName(), "ConditionExpression", string(), "ExpressionAttributeNames", names(),
                "ExpressionAttributeValues", attributes(), "ReturnValuesOnConditionCheckFailure", onFailure());
        BY_OPERATION.put("TransactWriteItems", struct("TransactWriteItemsInput",
                "TransactItems", list(struct("TransactWriteItem", "ConditionCheck", check, "Put", put,
                        "Delete", delete, "Update", update)).notNull().length(1, 100),
                "ReturnConsumedCapacity", capacity(),
                "ReturnItemCollectionMetrics", metrics(),
                "ClientRequestToken", string().length(1, 36)));
        BY_OPERATION.put("TransactGetItems", struct("TransactGetItemsInput",
                "TransactItems", list(struct("TransactGetItem", "Get", struct("Get",
                        "Key", attributes().notNull(), "TableName", tableName(), "ProjectionExpression", string(),
                        "ExpressionAttributeNames", names()).notNull())).notNull().length(1, 100),
                "ReturnConsumedCapacity", capacity()));
    }

    /**
     * DynamoDB's checks of {@code request} that need no table, in its order; SerializationException or
     * ValidationException. An operation without a declared shape is not checked here.
     */
    static void check(String operation, ObjectNode request) {
        Shape shape = BY_OPERATION.get(operation);
        if (shape == null) {
            return;
        }
        shape.checkTypes(request);
        if (TABLE_NAME_FIRST.contains(operation)) {
            JsonNode name = request.get("TableName");
            if (name == null || name.isNull()) {
                throw DynamoDbException.validation("The parameter 'TableName' is required but was not present in the request");
            }
            int length = name.textValue().length();
            if (length < 3 || length > 255) {
                throw DynamoDbException.validation("TableName must be at least 3 characters long and at most 255 characters long");
            }
        }
        shape.checkConstraints(request);
    }
}

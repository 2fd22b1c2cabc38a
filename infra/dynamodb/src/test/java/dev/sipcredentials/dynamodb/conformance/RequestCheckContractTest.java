package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order and form in which DynamoDB refuses a bad request, before it looks at any table: JSON of the wrong type
 * is a SerializationException; every broken constraint of the request is listed in one ValidationException; a
 * request that is bad in itself is refused as such even when its table does not exist.
 */
class RequestCheckContractTest {

    private static final String MISSING_TABLE = "no-such-table-anywhere";

    private static void serialization(DynamoTarget t, String operation, String body, String message) {
        RawWire.Answer a = RawWire.post(t, operation, body);
        assertThat(a.status()).as(body).isEqualTo(400);
        assertThat(a.json().path("__type").asText()).as(body).isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(a.json().path("Message").asText()).as(body).isEqualTo(message);
    }

    @Contract
    void aMemberOfTheWrongJsonTypeIsASerializationException(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "looks the table up first: ResourceNotFoundException for a TableName of true");
        String table = t.table(DynamoTarget.HASH);
        serialization(t, "GetItem", "{\"TableName\":true,\"Key\":{\"pk\":{\"S\":\"a\"}}}",
                "TRUE_VALUE cannot be converted to String");
        serialization(t, "Scan", "{\"TableName\":\"" + table + "\",\"Limit\":\"5\"}",
                "STRING_VALUE cannot be converted to Integer");
        serialization(t, "GetItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ConsistentRead\":2.5}",
                "DECIMAL_VALUE cannot be converted to Boolean");
        serialization(t, "PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":5}}}",
                "NUMBER_VALUE cannot be converted to String");
        serialization(t, "PutItem", "{\"TableName\":\"" + table + "\",\"Item\":[]}",
                "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>");
        serialization(t, "PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"B\":\"abc\"}}}",
                "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
        assertThat(t.db().scan(r -> r.tableName(table).consistentRead(true)).items())
                .noneMatch(i -> i.get("pk").equals(s("a")));
    }

    @Contract
    void aBodyThatIsNotJsonIsABareSerializationException(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers 200 to a ListTables whose body is not JSON");
        RawWire.Answer a = RawWire.post(t, "ListTables", "hi");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().toString()).isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
    }

    @Contract
    void aValidationExceptionCarriesCoralsValidateNamespace(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers ResourceNotFoundException for the too-short table name 'ab'");
        RawWire.Answer a = RawWire.post(t, "GetItem", "{\"TableName\":\"ab\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(a.json().path("message").asText()).isEqualTo("1 validation error detected: Value 'ab' at 'tableName' "
                + "failed to satisfy constraint: Member must have length greater than or equal to 3");
    }

    @Contract
    void everyBrokenConstraintIsListedInOneMessage(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "checks no constraint first: ResourceNotFoundException");
        var e = Expect.validationStartingWith(() -> t.db().scan(r -> r.tableName("a!").limit(0).select("EVERYTHING")),
                "4 validation errors detected: ");
        String message = e.awsErrorDetails().errorMessage();
        assertThat(message.substring("4 validation errors detected: ".length()).split("; ")).containsExactlyInAnyOrder(
                "Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression "
                        + "pattern: [a-zA-Z0-9_.-]+",
                "Value 'a!' at 'tableName' failed to satisfy constraint: Member must have length greater than or "
                        + "equal to 3",
                "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
                "Value 'EVERYTHING' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
    }

    @Contract
    void aBadRequestToAMissingTableIsRefusedForWhatItIsNotForTheTable(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "looks the table up first: ResourceNotFoundException");
        Expect.validation(() -> t.db().putItem(r -> r.tableName(MISSING_TABLE).item(item("pk", s("a"), "n", n("x1")))),
                "The parameter cannot be converted to a numeric value: x1");
        Expect.validationStartingWith(() -> t.db().getItem(r -> r.tableName(MISSING_TABLE).key(item("pk", s("a")))
                .projectionExpression("a,,b")), "Invalid ProjectionExpression: Syntax error; token: \",\"");
        Expect.validation(() -> t.db().deleteItem(r -> r.tableName(MISSING_TABLE).key(item("pk", s("a")))
                .returnValues("ALL_NEW")), "ReturnValues can only be ALL_OLD or NONE");
        Expect.validation(() -> t.db().updateItem(r -> r.tableName(MISSING_TABLE).key(item("pk", s("a")))
                .updateExpression("SET v = :v")),
                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v");
        Map<String, AttributeValue> values = item(":v", s("a"), ":unused", s("b"));
        Expect.validationStartingWith(() -> t.db().query(r -> r.tableName(MISSING_TABLE)
                .keyConditionExpression("pk = :v").filterExpression("v = ")
                .expressionAttributeValues(values)), "Invalid FilterExpression: Syntax error; token: \"<EOF>\"");
        Expect.validation(() -> t.db().scan(r -> r.tableName(MISSING_TABLE).segment(1)),
                "The TotalSegments parameter is required but was not present in the request when Segment parameter "
                        + "is present");
    }

    @Contract
    void aBadBatchToAMissingTableIsRefusedForWhatItIsNotForTheTable(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "looks the table up first: ResourceNotFoundException");
        Expect.validation(() -> t.db().batchGetItem(r -> r.requestItems(Map.of(MISSING_TABLE,
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(item("pk", s("a"))).attributesToGet("v", "w", "v").build()))),
                "One or more parameter values were invalid: Duplicate value in attribute name: v");
        Expect.validation(() -> t.db().batchWriteItem(r -> r.requestItems(Map.of(MISSING_TABLE, java.util.List.of(
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(
                                item("pk", s("a"), "n", n("1e200")))).build())))),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Contract
    void tableUpdatesAndTagOperationsHaveDeclaredShapesToo(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "looks the table or ARN up first: no SerializationException");
        String table = t.table(DynamoTarget.HASH);
        serialization(t, "UpdateTable", "{\"TableName\":\"" + table + "\",\"BillingMode\":true}",
                "TRUE_VALUE cannot be converted to String");
        serialization(t, "TagResource", "{\"ResourceArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/" + table
                + "\",\"Tags\":[{\"Key\":\"k\",\"Value\":false}]}", "FALSE_VALUE cannot be converted to String");
        serialization(t, "UntagResource", "{\"ResourceArn\":\"x\",\"TagKeys\":[7]}",
                "NUMBER_VALUE cannot be converted to String");
        RawWire.Answer a = RawWire.post(t, "UpdateTable", "{\"TableName\":\"" + table
                + "\",\"GlobalSecondaryIndexUpdates\":[{\"Update\":{\"IndexName\":\"ix\"}}]}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(a.json().path("message").asText()).isEqualTo("2 validation errors detected: Value 'ix' at "
                + "'globalSecondaryIndexUpdates.1.member.update.indexName' failed to satisfy constraint: Member must have "
                + "length greater than or equal to 3; Value null at 'globalSecondaryIndexUpdates.1.member.update."
                + "provisionedThroughput' failed to satisfy constraint: Member must not be null");
    }

    @Contract
    void aTagOperationOnSomethingThatIsNoArnIsAccessDeniedInCoralsNamespace(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers a ValidationException for an ARN that is not one");
        RawWire.Answer a = RawWire.post(t, "ListTagsOfResource", "{\"ResourceArn\":\"not-an-arn\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.type()).isEqualTo("com.amazon.coral.service#AccessDeniedException");
        assertThat(a.json().path("Message").asText()).endsWith(" is not authorized to perform: "
                + "dynamodb:ListTagsOfResource on resource: not-an-arn");
    }

    @Contract
    void namesOrValuesWithoutAnyExpressionAreRefusedBeforeTheAttributeValues(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "checks the item's values first, or other texts");
        String table = t.table(DynamoTarget.HASH);
        String emptyValue = "{\"pk\":{\"S\":\"a\"},\"x\":{}}";
        RawWire.Answer names = RawWire.post(t, "PutItem", "{\"TableName\":\"" + table + "\",\"Item\":" + emptyValue
                + ",\"ExpressionAttributeNames\":{\"#x\":\"x\"}}");
        assertThat(names.json().path("message").asText())
                .isEqualTo("ExpressionAttributeNames can only be specified when using expressions");
        RawWire.Answer values = RawWire.post(t, "UpdateItem", "{\"TableName\":\"" + table + "\",\"Key\":"
                + "{\"pk\":{}},\"ExpressionAttributeValues\":{\":v\":{\"S\":\"v\"}}}");
        assertThat(values.json().path("message").asText()).isEqualTo("ExpressionAttributeValues can only be specified "
                + "when using expressions: UpdateExpression and ConditionExpression are null");
        RawWire.Answer scan = RawWire.post(t, "Scan", "{\"TableName\":\"" + table + "\",\"ExclusiveStartKey\":"
                + "{\"pk\":{}},\"ExpressionAttributeValues\":{\":v\":{\"S\":\"v\"}}}");
        assertThat(scan.json().path("message").asText()).isEqualTo("ExpressionAttributeValues can only be specified "
                + "when using expressions: FilterExpression is null");
        RawWire.Answer mixed = RawWire.post(t, "GetItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{}},"
                + "\"AttributesToGet\":[\"x\"],\"ProjectionExpression\":\"x\"}");
        assertThat(mixed.json().path("message").asText()).isEqualTo("Can not use both expression and non-expression "
                + "parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: "
                + "{ProjectionExpression}");
        assertThat(t.db().getItem(r -> r.tableName(table).key(Map.of("pk", s("a"))).consistentRead(true)).hasItem())
                .isFalse();
    }

    @Contract
    void scanAndQueryCheckTheirLegacyConditionsAndStartKeyBeforeTheTable(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "looks the table up first: ResourceNotFoundException");
        String missing = "{\"TableName\":\"" + MISSING_TABLE + "\",";
        RawWire.Answer duplicates = RawWire.post(t, "Scan", missing + "\"AttributesToGet\":[\"x\",\"x\"],"
                + "\"ScanFilter\":{\"x\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{}]}}}");
        assertThat(duplicates.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(duplicates.json().path("message").asText())
                .isEqualTo("One or more parameter values were invalid: Duplicate value in attribute name: x");
        RawWire.Answer startKey = RawWire.post(t, "Scan", missing + "\"Segment\":1,\"ExclusiveStartKey\":{\"pk\":{}}}");
        assertThat(startKey.json().path("message").asText()).isEqualTo("The provided starting key is invalid: "
                + "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        RawWire.Answer keyConditions = RawWire.post(t, "Query", missing
                + "\"KeyConditions\":{\"pk\":{\"ComparisonOperator\":\"EQ\"}}}");
        assertThat(keyConditions.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(keyConditions.json().path("message").asText()).isEqualTo("One or more parameter values were invalid: "
                + "Invalid number of argument(s) for the EQ ComparisonOperator");
        RawWire.Answer threeConditions = RawWire.post(t, "Query", missing + "\"KeyConditions\":{"
                + "\"a\":{\"ComparisonOperator\":\"NULL\"},\"b\":{\"ComparisonOperator\":\"NULL\"},"
                + "\"c\":{\"ComparisonOperator\":\"NULL\"}}}");
        assertThat(threeConditions.json().path("message").asText()).isEqualTo("Conditions can be of length 1 or 2 only");
    }

    @Contract
    void aMalformedKeyConditionIsRefusedBeforeTheTableAndAMistypedOneAfter(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "looks the table up first; does not compare the value's type with the key's");
        RawWire.Answer twice = RawWire.post(t, "Query", "{\"TableName\":\"" + MISSING_TABLE + "\","
                + "\"KeyConditionExpression\":\"a = :x AND a = :y\",\"ExpressionAttributeValues\":"
                + "{\":x\":{\"S\":\"1\"},\":y\":{\"S\":\"2\"}}}");
        assertThat(twice.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(twice.json().path("message").asText()).startsWith("Invalid KeyConditionExpression: ");
        String table = t.table(DynamoTarget.HASH);
        var e = Expect.validationStartingWith(() -> t.db().query(r -> r.tableName(table)
                .keyConditionExpression("pk = :n").expressionAttributeValues(Map.of(":n", n("1")))),
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Contract
    void anItemOverFourHundredKilobytesIsRefusedBeforeTheTableAndItsLegacyCondition(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "looks the table up first: ResourceNotFoundException");
        String big = "x".repeat(400 * 1024);
        RawWire.Answer a = RawWire.post(t, "PutItem", "{\"TableName\":\"" + MISSING_TABLE + "\",\"Item\":"
                + "{\"pk\":{\"S\":\"a\"},\"b\":{\"S\":\"" + big + "\"}},\"Expected\":{\"pk\":{}}}");
        assertThat(a.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(a.json().path("message").asText()).isEqualTo("Item size has exceeded the maximum allowed size");
    }

    @Contract
    void aQueryStartingKeyIsCheckedAgainstTheKeySchemaBeforeTheKeyCondition(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "checks the key condition first, other texts");
        String table = t.table(DynamoTarget.RANGE);
        // the key condition names no key attribute: its own error would come only after the starting key's
        String startKeyInvalid = "The provided starting key is invalid";
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditionExpression("nokey = :v")
                .expressionAttributeValues(Map.of(":v", s("a"))).exclusiveStartKey(Map.of("pk", s("a")))),
                startKeyInvalid);
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditionExpression("nokey = :v")
                .expressionAttributeValues(Map.of(":v", s("a"))).exclusiveStartKey(Map.of("pk", n("1"), "o", s("b")))),
                "The provided key element does not match the schema");
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditionExpression("nokey = :v")
                .expressionAttributeValues(Map.of(":v", s("a"))).exclusiveStartKey(Map.of("pk", s("a"), "o", s("b")))),
                startKeyInvalid);
    }
}

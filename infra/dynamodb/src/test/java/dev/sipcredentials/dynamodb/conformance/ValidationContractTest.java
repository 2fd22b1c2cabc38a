package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.ns;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static dev.sipcredentials.dynamodb.conformance.Av.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Request validation with DynamoDB's exact messages; nothing is stored by a rejected request. */
class ValidationContractTest {

    private static boolean stored(DynamoTarget t, String table, Map<String, AttributeValue> key) {
        return t.db().getItem(r -> r.tableName(table).key(key)).hasItem();
    }

    @Contract
    void aKeyMissingAnAttributeOfTheSchemaIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s("a")))),
                "The provided key element does not match the schema",
                t.deviates(DynamoTarget.Kind.MOTO, "GetItem without the sort key says \"Validation Exception\""));
        Expect.validation(() -> t.db().deleteItem(r -> r.tableName(table).key(item("pk", s("a")))),
                "The provided key element does not match the schema",
                t.deviates(DynamoTarget.Kind.MOTO, "DeleteItem without the sort key says \"Validation Exception\""));
        Expect.validation(() -> t.db().updateItem(r -> r.tableName(table).key(item("sk", s("a")))
                .updateExpression("SET v = :v").expressionAttributeValues(item(":v", n(1)))),
                "The provided key element does not match the schema",
                t.deviates(DynamoTarget.Kind.MOTO, "UpdateItem without the partition key says \"Validation Exception\""));
    }

    @Contract
    void aKeyOfTheWrongTypeIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "GetItem with a key of the wrong type answers no item, no error");
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", n(1)))),
                "The provided key element does not match the schema");
    }

    @Contract
    void aKeyWithAnAttributeBeyondTheSchemaIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s("a"), "extra", s("b")))),
                "The provided key element does not match the schema");
    }

    @Contract
    void anItemWithoutItsKeyIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1)))),
                "One or more parameter values were invalid: Missing the key sk in the item");
        assertThat(t.db().query(r -> r.tableName(table).keyConditionExpression("pk = :a")
                .expressionAttributeValues(item(":a", s("a")))).count()).isZero();
    }

    @Contract
    void anItemWithAKeyOfTheWrongTypeIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", n(1)))),
                "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
    }

    @Contract
    void anEmptyStringKeyIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String message = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                + "contain an empty string value. Key: pk";
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s("")))), message,
                t.deviates(DynamoTarget.Kind.MOTO, "PutItem says \"An AttributeValue may not contain an empty string\""));
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s("")))), message);
    }

    @Contract
    void anIndexKeyOfTheWrongTypeIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "stores an item whose GSI key attribute has the wrong type");
        String table = t.table(DynamoTarget.INDEXED);
        String pk = t.key();
        Expect.validationStartingWith(() -> t.db().putItem(r -> r.tableName(table)
                        .item(item("pk", s(pk), "sk", s("s"), "gpk", n(1)))),
                "One or more parameter values were invalid: Type mismatch for Index Key gpk Expected: S Actual: N "
                        + "IndexName: ");
        assertThat(stored(t, table, item("pk", s(pk), "sk", s("s")))).isFalse();
    }

    @Contract
    void emptySetsAreRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "ss", ss()))),
                "One or more parameter values were invalid: An string set  may not be empty");
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "ns", ns()))),
                "One or more parameter values were invalid: An number set  may not be empty");
        assertThat(stored(t, table, item("pk", s(pk)))).isFalse();
    }

    @Contract
    void duplicateSetElementsAreRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "stores a string set with duplicate elements");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "ss", ss("a", "a")))),
                "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        assertThat(stored(t, table, item("pk", s(pk)))).isFalse();
    }

    @Contract
    void invalidNumbersAreRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "stores the N value \"abc\"");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "n", n("abc")))),
                "The parameter cannot be converted to a numeric value: abc");
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table)
                        .item(item("pk", s(pk), "n", n("123456789012345678901234567890123456789")))),
                "Attempting to store more than 38 significant digits in a Number");
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "n", n("1e126")))),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThat(stored(t, table, item("pk", s(pk)))).isFalse();
    }

    @Contract
    void aMissingTableIsResourceNotFoundForItemOperations(DynamoTarget t) {
        String missing = t.newTableName("nope");
        Expect.error(() -> t.db().putItem(r -> r.tableName(missing).item(item("pk", s("a")))),
                ResourceNotFoundException.class, "Requested resource not found");
        Expect.error(() -> t.db().getItem(r -> r.tableName(missing).key(item("pk", s("a")))),
                ResourceNotFoundException.class, "Requested resource not found");
        Expect.error(() -> t.db().scan(r -> r.tableName(missing)),
                ResourceNotFoundException.class, "Requested resource not found");
    }

    @Contract
    void attributeNamesWithoutAnExpressionAreRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s("a")))
                        .expressionAttributeNames(Map.of("#a", "a"))),
                "ExpressionAttributeNames can only be specified when using expressions");
    }

    @Contract
    void attributeValuesWithoutAnExpressionAreRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "calls ExpressionAttributeValues without expressions \"unused\" instead");
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().updateItem(r -> r.tableName(table).key(item("pk", s(t.key())))
                        .expressionAttributeValues(item(":a", n(1)))),
                "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and "
                        + "ConditionExpression are null");
    }

    @Contract
    void aReservedWordInAProjectionIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s("a")))
                        .projectionExpression("pk, name")),
                "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name",
                t.deviates(DynamoTarget.Kind.MOTO, "drops the \"Invalid \" in front of ProjectionExpression"));
    }

    @Contract
    void anUnusedNameBesideAProjectionIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s("a")))
                        .projectionExpression("#p").expressionAttributeNames(Map.of("#p", "pk", "#q", "q"))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#q}");
    }

    @Contract
    void anEmptyExpressionIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().updateItem(r -> r.tableName(table).key(item("pk", s(t.key())))
                        .updateExpression("")),
                "Invalid UpdateExpression: The expression can not be empty;");
    }
}

package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.item;
import static dev.sipcredentials.dynamodb.EngineClients.key;
import static dev.sipcredentials.dynamodb.EngineClients.n;
import static dev.sipcredentials.dynamodb.EngineClients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** PutItem, GetItem, DeleteItem through the SDK: DynamoDB's results, texts and capacity. */
class ItemOperationsTest {
    static DynamoDbEngine engine;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.start(DynamoDbEngine.options());
        client = EngineClients.noRetries(engine.endpoint());
        EngineClients.createHashTable(client, "items");
    }

    @AfterAll
    static void stop() {
        client.close();
        engine.close();
    }

    @Test
    void putThenGetReturnsTheItemWithEveryType() {
        Map<String, AttributeValue> item = new java.util.HashMap<>(item("pk", "all-types", "s", "text"));
        item.put("n", AttributeValue.fromN("12.50"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromUtf8String("bin")));
        item.put("bool", AttributeValue.fromBool(true));
        item.put("nul", AttributeValue.fromNul(true));
        item.put("l", AttributeValue.fromL(java.util.List.of(s("x"), n(1))));
        item.put("m", AttributeValue.fromM(Map.of("inner", s("v"))));
        item.put("ss", AttributeValue.fromSs(java.util.List.of("a", "b")));
        client.putItem(r -> r.tableName("items").item(item));

        GetItemResponse got = client.getItem(r -> r.tableName("items").key(key("all-types")).consistentRead(true));
        Map<String, AttributeValue> expected = new java.util.HashMap<>(item);
        expected.put("n", AttributeValue.fromN("12.5")); // numbers come back in canonical form, as DynamoDB's do
        assertThat(got.item()).isEqualTo(expected);
    }

    @Test
    void getOfAMissingItemHasNoItem() {
        GetItemResponse got = client.getItem(r -> r.tableName("items").key(key("nothing-here")));
        assertThat(got.hasItem()).isFalse();
    }

    @Test
    void conditionalPutFailsWithTheOldItemWhenAsked() {
        client.putItem(r -> r.tableName("items").item(item("pk", "taken", "v", "first")));
        assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(item("pk", "taken", "v", "second"))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
                    assertThat(e.item()).isEqualTo(item("pk", "taken", "v", "first"));
                });
        assertThat(client.getItem(r -> r.tableName("items").key(key("taken"))).item().get("v").s()).isEqualTo("first");
    }

    @Test
    void putReturnsTheOldItemAndCapacity() {
        client.putItem(r -> r.tableName("items").item(item("pk", "replace", "v", "1")));
        PutItemResponse put = client.putItem(r -> r.tableName("items").item(item("pk", "replace", "v", "2"))
                .returnValues(ReturnValue.ALL_OLD).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(put.attributes()).isEqualTo(item("pk", "replace", "v", "1"));
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        assertThat(put.consumedCapacity().tableName()).isEqualTo("items");
    }

    @Test
    void capacityCountsKilobytesWrittenAndFourKilobytesRead() {
        String big = "x".repeat(5000);
        PutItemResponse put = client.putItem(r -> r.tableName("items").item(item("pk", "big", "v", big))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(5.0);
        GetItemResponse strong = client.getItem(r -> r.tableName("items").key(key("big")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(strong.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        GetItemResponse eventual = client.getItem(r -> r.tableName("items").key(key("big"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(eventual.consumedCapacity().capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void deleteRemovesAndReturnsTheOldItem() {
        client.putItem(r -> r.tableName("items").item(item("pk", "gone", "v", "x")));
        var deleted = client.deleteItem(r -> r.tableName("items").key(key("gone")).returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).isEqualTo(item("pk", "gone", "v", "x"));
        assertThat(client.getItem(r -> r.tableName("items").key(key("gone"))).hasItem()).isFalse();
    }

    @Test
    void conditionalDeleteOfAMissingItemFails() {
        assertThatThrownBy(() -> client.deleteItem(r -> r.tableName("items").key(key("never"))
                .conditionExpression("attribute_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void keyProblemsGetDynamoDbsTexts() {
        assertValidation(() -> client.putItem(r -> r.tableName("items").item(item("other", "x"))),
                "One or more parameter values were invalid: Missing the key pk in the item");
        assertValidation(() -> client.putItem(r -> r.tableName("items").item(Map.of("pk", n(1)))),
                "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
        assertValidation(() -> client.putItem(r -> r.tableName("items").item(item("pk", ""))),
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                        + "empty string value. Key: pk");
        assertValidation(() -> client.getItem(r -> r.tableName("items").key(item("pk", "a", "extra", "b"))),
                "The provided key element does not match the schema");
        assertValidation(() -> client.getItem(r -> r.tableName("items").key(Map.of("pk", n(1)))),
                "The provided key element does not match the schema");
        assertValidation(() -> client.putItem(r -> r.tableName("items").item(item("pk", "h".repeat(2049)))),
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
        assertValidation(() -> client.putItem(r -> r.tableName("items").item(item("pk", "huge", "v", "x".repeat(410_000)))),
                "Item size has exceeded the maximum allowed size");
        assertThat(client.getItem(r -> r.tableName("items").key(key("huge"))).hasItem()).isFalse();
    }

    @Test
    void unknownTableIsResourceNotFound() {
        assertThatThrownBy(() -> client.getItem(r -> r.tableName("no-such-table").key(key("a"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found"));
    }

    static void assertValidation(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}

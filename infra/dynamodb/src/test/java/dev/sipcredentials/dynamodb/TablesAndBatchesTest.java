package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.item;
import static dev.sipcredentials.dynamodb.EngineClients.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** CreateTable/DescribeTable/DeleteTable/ListTables and BatchGetItem/BatchWriteItem through the SDK. */
class TablesAndBatchesTest {
    static DynamoDbEngine engine;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.start(DynamoDbEngine.options());
        client = EngineClients.noRetries(engine.endpoint());
        EngineClients.createHashTable(client, "batches");
    }

    @AfterAll
    static void stop() {
        client.close();
        engine.close();
    }

    @Test
    void createDescribeDeleteAndTheirErrors() {
        EngineClients.createHashTable(client, "lifecycle");
        var table = client.describeTable(r -> r.tableName("lifecycle")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk");
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.tableArn()).endsWith(":table/lifecycle");
        assertThatThrownBy(() -> EngineClients.createHashTable(client, "lifecycle"))
                .isInstanceOf(ResourceInUseException.class);
        client.deleteTable(r -> r.tableName("lifecycle"));
        assertThatThrownBy(() -> client.describeTable(r -> r.tableName("lifecycle")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Requested resource not found: Table: lifecycle not found"));
    }

    @Test
    void createTableValidatesAttributeDefinitions() {
        ItemOperationsTest.assertValidation(() -> client.createTable(r -> r.tableName("badkeys")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("a").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("b").keyType(KeyType.HASH).build())),
                "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. "
                        + "Keys: [b], AttributeDefinitions: [a]");
        ItemOperationsTest.assertValidation(() -> client.createTable(r -> r.tableName("unused")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("a").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("x").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("a").keyType(KeyType.HASH).build())),
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number "
                        + "of attributes defined in AttributeDefinitions");
        ItemOperationsTest.assertValidation(() -> client.createTable(r -> r.tableName("provisioned")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("a").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("a").keyType(KeyType.HASH).build())),
                "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified "
                        + "when BillingMode is PROVISIONED");
        assertThat(client.listTables().tableNames()).doesNotContain("badkeys", "unused", "provisioned");
    }

    @Test
    void listTablesPages() {
        for (int i = 0; i < 5; i++) {
            EngineClients.createHashTable(client, "page" + i);
        }
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = client.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            assertThat(page.tableNames().size()).isLessThanOrEqualTo(2);
            names.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        assertThat(names).containsSubsequence("page0", "page1", "page2", "page3", "page4");
        assertThat(names).isSorted();
    }

    @Test
    void batchWriteThenBatchGet() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", "b" + i, "v", "x")).build())
                    .build());
        }
        var written = client.batchWriteItem(r -> r.requestItems(Map.of("batches", writes)));
        assertThat(written.unprocessedItems()).isEmpty();

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add(key("b" + i));
        }
        var got = client.batchGetItem(r -> r.requestItems(Map.of("batches", KeysAndAttributes.builder().keys(keys)
                .projectionExpression("pk").build())));
        assertThat(got.responses().get("batches")).hasSize(25).allSatisfy(i -> assertThat(i.keySet()).containsExactly("pk"));
        assertThat(got.unprocessedKeys()).isEmpty();

        client.batchWriteItem(r -> r.requestItems(Map.of("batches", List.of(WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(key("b0")).build()).build()))));
        assertThat(client.getItem(r -> r.tableName("batches").key(key("b0"))).hasItem()).isFalse();
    }

    @Test
    void batchLimitsAndDuplicatesAreRefusedWholly() {
        List<WriteRequest> tooMany = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            tooMany.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", "many" + i)).build()).build());
        }
        assertThatThrownBy(() -> client.batchWriteItem(r -> r.requestItems(Map.of("batches", tooMany))))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("Member must have length less than or equal to 25"));
        WriteRequest dup = WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", "dup")).build()).build();
        ItemOperationsTest.assertValidation(() -> client.batchWriteItem(r -> r.requestItems(Map.of("batches",
                List.of(dup, dup)))), "Provided list of item keys contains duplicates");
        assertThat(client.getItem(r -> r.tableName("batches").key(key("many0"))).hasItem()).isFalse();
        assertThat(client.getItem(r -> r.tableName("batches").key(key("dup"))).hasItem()).isFalse();

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(key("k" + i));
        }
        assertThatThrownBy(() -> client.batchGetItem(r -> r.requestItems(Map.of("batches",
                KeysAndAttributes.builder().keys(keys).build()))))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .startsWith("1 validation error detected: Value '[{\"pk\":{\"S\":\"k0\"}}")
                                .endsWith("at 'requestItems.batches.member.keys' failed to satisfy constraint: "
                                        + "Member must have length less than or equal to 100"));

        // Each table within its own limit, but more than 100 keys over the whole call.
        EngineClients.createHashTable(client, "batches-second");
        ItemOperationsTest.assertValidation(() -> client.batchGetItem(r -> r.requestItems(Map.of(
                "batches", KeysAndAttributes.builder().keys(keys.subList(0, 60)).build(),
                "batches-second", KeysAndAttributes.builder().keys(keys.subList(60, 101)).build()))),
                "Too many items requested for the BatchGetItem call");
    }
}

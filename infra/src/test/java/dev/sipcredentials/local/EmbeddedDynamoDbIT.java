package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EmbeddedDynamoDbIT {

    private static final SamTemplate.Table TABLE =
            SamTemplate.parse(TestTemplates.project()).table("SipCredentialsTable").orElseThrow();

    @Test
    void startsInMemoryOnLoopbackAndCreatesTheTemplatesTable() {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
                  DynamoDbClient client = db.newClient()) {
            assertThat(db.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(db.port()).isPositive();
            assertThat(db.dbPath()).isNull();

            assertThat(TableCreator.create(client, TABLE)).isTrue();
            assertThat(TableCreator.create(client, TABLE)).as("second create finds it there").isFalse();

            assertThat(client.listTables().tableNames()).containsExactly("SipCredentialsTable");
            assertThat(client.describeTable(r -> r.tableName("SipCredentialsTable")).table().keySchema())
                    .singleElement().satisfies(k -> {
                        assertThat(k.attributeName()).isEqualTo("pk");
                        assertThat(k.keyTypeAsString()).isEqualTo("HASH");
                    });
        }
    }

    @Test
    void createsGlobalSecondaryIndexes() {
        SamTemplate.Table withIndex =
                SamTemplate.parse(TestTemplates.withTestHandlers()).table("TestTable").orElseThrow();
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
                  DynamoDbClient client = db.newClient()) {
            TableCreator.create(client, withIndex);

            assertThat(client.describeTable(r -> r.tableName("local-stack-test-table")).table().globalSecondaryIndexes())
                    .singleElement().satisfies(index -> assertThat(index.indexName()).isEqualTo("byTenant"));
        }
    }

    @Test
    void dbPathKeepsTablesAndItemsAcrossRestarts(@TempDir Path dataDir) {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("acct#41|John@bw.com"));
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(dataDir);
                  DynamoDbClient client = db.newClient()) {
            TableCreator.create(client, TABLE);
            client.putItem(r -> r.tableName("SipCredentialsTable").item(item));
        }

        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(dataDir);
                  DynamoDbClient client = db.newClient()) {
            assertThat(db.dbPath()).isEqualTo(dataDir.toAbsolutePath().normalize());
            assertThat(client.listTables().tableNames()).containsExactly("SipCredentialsTable");
            assertThat(TableCreator.create(client, TABLE)).isFalse();
            assertThat(client.getItem(r -> r.tableName("SipCredentialsTable").key(item)).item()).isEqualTo(item);
        }
    }
}

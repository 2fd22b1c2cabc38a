package dev.sipcredentials.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The engine option that gives tables DynamoDB's CREATING and DELETING phases. No case depends on how long a phase
 * lasts on this machine: a phase of an hour never ends within a test, and the short one is only waited for.
 */
class TableStatusDelayTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("a"));

    @Test
    void aNewTableIsCreatingAndRefusesItemOperationsUntilItsPhaseEnds() {
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().tableStatusDelay(Duration.ofHours(1)));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            var created = client.createTable(EngineClients.hashTableRequest("slow")).tableDescription();
            assertThat(created.tableStatus()).isEqualTo(TableStatus.CREATING);
            assertThat(client.describeTable(r -> r.tableName("slow")).table().tableStatus()).isEqualTo(TableStatus.CREATING);
            assertThatThrownBy(() -> client.putItem(r -> r.tableName("slow").item(KEY)))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found"));
            assertThatThrownBy(() -> client.getItem(r -> r.tableName("slow").key(KEY)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.deleteTable(r -> r.tableName("slow")))
                    .isInstanceOfSatisfying(ResourceInUseException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Attempt to change a resource which is still in use: Table is being created: slow"));
        }
    }

    @Test
    void aShortPhaseEndsInActiveAndADeletedTableIsDeletingThenGone() {
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().tableStatusDelay(Duration.ofMillis(200)));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            client.createTable(EngineClients.hashTableRequest("brief"));
            client.waiter().waitUntilTableExists(r -> r.tableName("brief"));
            assertThat(client.describeTable(r -> r.tableName("brief")).table().tableStatus()).isEqualTo(TableStatus.ACTIVE);
            client.putItem(r -> r.tableName("brief").item(KEY));
            assertThat(client.deleteTable(r -> r.tableName("brief")).tableDescription().tableStatus())
                    .isEqualTo(TableStatus.DELETING);
            assertThatThrownBy(() -> client.getItem(r -> r.tableName("brief").key(KEY)))
                    .isInstanceOf(ResourceNotFoundException.class);
            client.waiter().waitUntilTableNotExists(r -> r.tableName("brief"));
            assertThatThrownBy(() -> client.describeTable(r -> r.tableName("brief")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void byDefaultATableIsActiveAtOnce() {
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options());
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            assertThat(client.createTable(EngineClients.hashTableRequest("quick")).tableDescription().tableStatus())
                    .isEqualTo(TableStatus.ACTIVE);
            client.putItem(r -> r.tableName("quick").item(KEY));
        }
    }
}

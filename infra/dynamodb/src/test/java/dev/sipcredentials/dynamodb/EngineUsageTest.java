package dev.sipcredentials.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The cloud profile's engine side: calls and capacity units counted per request, and a latency per read and write. */
class EngineUsageTest {

    private static Map<String, AttributeValue> item(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS("x".repeat(1500)));
    }

    @Test
    void countsCallsAndCapacityUnitsWhateverTheRequestAskedFor() {
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options());
             DynamoDbClient client = EngineClients.client(engine.endpoint())) {
            EngineClients.createHashTable(client, "usage");
            client.putItem(r -> r.tableName("usage").item(item("a"))); // 1.5 KB: 2 WCU
            client.getItem(r -> r.tableName("usage").key(Map.of("pk", AttributeValue.fromS("a")))); // eventual: 0.5 RCU
            client.getItem(r -> r.tableName("usage").consistentRead(true).key(Map.of("pk", AttributeValue.fromS("a"))));

            DynamoDbEngine.Usage usage = engine.usage();
            assertThat(usage.calls()).containsEntry("PutItem", 1L).containsEntry("GetItem", 2L)
                    .containsEntry("CreateTable", 1L);
            assertThat(usage.writeCapacityUnits()).isEqualTo(2.0);
            assertThat(usage.readCapacityUnits()).isEqualTo(1.5);

            engine.resetUsage();
            assertThat(engine.usage().calls()).isEmpty();
            assertThat(engine.usage().writeCapacityUnits()).isZero();
        }
    }

    @Test
    void everyReadAndWriteWaitsItsLatency() {
        Duration writes = Duration.ofMillis(120);
        Duration reads = Duration.ofMillis(80);
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().latency(reads, writes));
             DynamoDbClient client = EngineClients.client(engine.endpoint())) {
            EngineClients.createHashTable(client, "usage");
            // Lower bounds only: a sleep never ends early, whatever the machine's load.
            long start = System.nanoTime();
            client.putItem(r -> r.tableName("usage").item(item("a")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(writes);
            start = System.nanoTime();
            client.getItem(r -> r.tableName("usage").key(Map.of("pk", AttributeValue.fromS("a"))));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(reads);
        }
        assertThatThrownBy(() -> DynamoDbEngine.options().latency(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

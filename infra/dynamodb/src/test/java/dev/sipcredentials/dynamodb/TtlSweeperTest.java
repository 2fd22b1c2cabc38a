package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.key;
import static dev.sipcredentials.dynamodb.EngineClients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** TTL: expired items are returned until the sweeper deletes them; the sweep interval is configurable. */
class TtlSweeperTest {

    private static void enableTtl(DynamoDbClient client, String table) {
        client.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(
                TimeToLiveSpecification.builder().enabled(true).attributeName("expiresAt").build()));
    }

    private static void put(DynamoDbClient client, String table, String pk, AttributeValue expiresAt) {
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s(pk), "expiresAt", expiresAt)));
    }

    @Test
    void expiredItemsAreReturnedUntilSweptThenGone() {
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().ttlSweepInterval(Duration.ofHours(1)));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            EngineClients.createHashTable(client, "ttl");
            enableTtl(client, "ttl");
            long now = System.currentTimeMillis() / 1000;
            put(client, "ttl", "expired", AttributeValue.fromN(Long.toString(now - 10)));
            put(client, "ttl", "future", AttributeValue.fromN(Long.toString(now + 3600)));
            put(client, "ttl", "not-a-number", AttributeValue.fromS(Long.toString(now - 10)));
            client.putItem(r -> r.tableName("ttl").item(Map.of("pk", s("no-ttl"))));

            assertThat(client.getItem(r -> r.tableName("ttl").key(key("expired"))).hasItem())
                    .as("not swept yet: still returned, as on DynamoDB").isTrue();

            assertThat(((EngineServer) engine).sweepExpiredNow()).isEqualTo(1);
            assertThat(client.getItem(r -> r.tableName("ttl").key(key("expired"))).hasItem()).isFalse();
            for (String kept : new String[] {"future", "not-a-number", "no-ttl"}) {
                assertThat(client.getItem(r -> r.tableName("ttl").key(key(kept))).hasItem()).as(kept).isTrue();
            }
            assertThat(client.describeTable(r -> r.tableName("ttl")).table().itemCount()).isEqualTo(3);
        }
    }

    @Test
    void expiryGoesByTheEnginesClockNotTheRealOne() {
        // A test that runs its handlers on a fixed clock gives the engine the same clock: what it writes expires by
        // that clock, whatever today's date.
        java.time.Instant fixedNow = java.time.Instant.parse("2100-01-01T00:00:00Z");
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().ttlSweepInterval(Duration.ofHours(1))
                .clock(java.time.Clock.fixed(fixedNow, java.time.ZoneOffset.UTC)));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            EngineClients.createHashTable(client, "ttl");
            enableTtl(client, "ttl");
            long now = fixedNow.getEpochSecond();
            put(client, "ttl", "expired", AttributeValue.fromN(Long.toString(now - 10)));
            put(client, "ttl", "future", AttributeValue.fromN(Long.toString(now + 10)));

            assertThat(((EngineServer) engine).sweepExpiredNow()).isEqualTo(1);
            assertThat(client.getItem(r -> r.tableName("ttl").key(key("future"))).hasItem()).isTrue();
            assertThat(client.getItem(r -> r.tableName("ttl").key(key("expired"))).hasItem()).isFalse();
        }
    }

    @Test
    void theBackgroundSweeperRunsAtTheConfiguredInterval() throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.start(
                DynamoDbEngine.options().ttlSweepInterval(Duration.ofMillis(100)));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            EngineClients.createHashTable(client, "ttl");
            long now = System.currentTimeMillis() / 1000;
            // written before TTL is enabled: enabling it applies to the items already there
            put(client, "ttl", "old", AttributeValue.fromN(Long.toString(now - 100)));
            enableTtl(client, "ttl");
            assertThat(client.describeTimeToLive(r -> r.tableName("ttl")).timeToLiveDescription().timeToLiveStatus())
                    .isEqualTo(TimeToLiveStatus.ENABLED);
            put(client, "ttl", "soon", AttributeValue.fromN(Long.toString(now + 1)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline
                    && (client.getItem(r -> r.tableName("ttl").key(key("old"))).hasItem()
                    || client.getItem(r -> r.tableName("ttl").key(key("soon"))).hasItem())) {
                Thread.sleep(50);
            }
            assertThat(client.getItem(r -> r.tableName("ttl").key(key("old"))).hasItem()).isFalse();
            assertThat(client.getItem(r -> r.tableName("ttl").key(key("soon"))).hasItem()).isFalse();
        }
    }

    @Test
    void sweptItemsLeaveTheirIndexToo() {
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().ttlSweepInterval(Duration.ofHours(1)));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            EngineClients.createRangeTableWithIndex(client, "ttlgsi");
            enableTtl(client, "ttlgsi");
            long past = System.currentTimeMillis() / 1000 - 5;
            client.putItem(r -> r.tableName("ttlgsi").item(Map.of("pk", s("a"), "sk", s("1"), "owner", s("o"),
                    "created", AttributeValue.fromN("1"), "expiresAt", AttributeValue.fromN(Long.toString(past)))));
            assertThat(client.query(r -> r.tableName("ttlgsi").indexName("byOwner").keyConditionExpression("#o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s("o")))).count())
                    .isEqualTo(1);
            ((EngineServer) engine).sweepExpiredNow();
            assertThat(client.query(r -> r.tableName("ttlgsi").indexName("byOwner").keyConditionExpression("#o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s("o")))).count())
                    .isEqualTo(0);
        }
    }
}

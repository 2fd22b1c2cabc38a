package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.item;
import static dev.sipcredentials.dynamodb.EngineClients.key;
import static dev.sipcredentials.dynamodb.EngineClients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Per-partition-key throughput (1,000 WCU/s, 3,000 RCU/s, small burst): one hot key throttles, spread keys do not;
 * a hot GSI key throttles its base table's writes. Items of 390 KB cost 390 WCU, so a few dozen writes are enough
 * even on a slow machine.
 */
class PartitionLimitsTest {
    static final String BIG = "x".repeat(390 * 1024); // 390 WCU per write: a few writes exhaust a key
    static DynamoDbEngine engine;
    static DynamoDbClient client;
    static ExecutorService writers = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.start(DynamoDbEngine.options().partitionLimits(true));
        client = EngineClients.noRetries(engine.endpoint());
        EngineClients.createHashTable(client, "limits");
        EngineClients.createRangeTableWithIndex(client, "limitsgsi");
    }

    @AfterAll
    static void stop() {
        writers.shutdownNow();
        client.close();
        engine.close();
    }

    /** Runs {@code n} calls on 8 threads; returns how many were throttled. */
    static int throttled(int n, IntConsumer call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(writers.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        call.accept(i);
                    } catch (ProvisionedThroughputExceededException e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return refused.get();
    }

    @Test
    void aHotPartitionKeyThrottlesAndSpreadKeysDoNot() throws Exception {
        int hot = throttled(40, i -> client.putItem(r -> r.tableName("limits").item(item("pk", "hot", "v", BIG))));
        assertThat(hot).as("15,600 WCU into one key").isGreaterThan(0);

        int spread = throttled(40, i -> client.putItem(r -> r.tableName("limits")
                .item(item("pk", "spread-" + i, "v", BIG))));
        assertThat(spread).as("the same into 40 keys").isZero();
    }

    @Test
    void aHotIndexKeyHoldsBackItsTablesWrites() throws Exception {
        AtomicInteger stored = new AtomicInteger();
        int refused = throttled(40, i -> {
            client.putItem(r -> r.tableName("limitsgsi").item(Map.of("pk", s("p" + i), "sk", s("s"),
                    "owner", s("one-tenant"), "created", AttributeValue.fromN(Integer.toString(i)), "v", s(BIG))));
            stored.incrementAndGet();
        });
        assertThat(refused).as("distinct table keys, one index key").isGreaterThan(0);
        int inTable = client.scanPaginator(r -> r.tableName("limitsgsi").select("COUNT")).stream()
                .mapToInt(p -> p.count()).sum();
        assertThat(inTable).as("a refused write stores nothing").isEqualTo(stored.get());
    }

    @Test
    void aHotKeyThrottlesReadsAtThreeThousandUnits() throws Exception {
        client.putItem(r -> r.tableName("limits").item(item("pk", "read-hot", "v", "y".repeat(390 * 1024))));
        int refused = throttled(300, i -> client.getItem(r -> r.tableName("limits").key(key("read-hot"))
                .consistentRead(true).projectionExpression("pk"))); // a read costs the whole item, projected or not
        assertThat(refused).as("29,400 RCU (98 per read) from one key").isGreaterThan(0);
    }

    @Test
    void limitsCanBeSwitchedOffAtRunTime() throws Exception {
        engine.faults().partitionLimits(false);
        try {
            int refused = throttled(40, i -> client.putItem(r -> r.tableName("limits")
                    .item(item("pk", "hot-off", "v", BIG))));
            assertThat(refused).isZero();
        } finally {
            engine.faults().partitionLimits(true);
        }
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.local.EmbeddedDynamoDb;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table design under DynamoDB's per-partition limits (the engine's {@code partitionLimits}: 1,000 WCU/s per
 * partition-key value of the table and of each GSI, an index that throttles holds back its table): one account's
 * 5,000-entry batch spreads over the account's 16 listing shards and is never throttled, while the same 5,000
 * items under one index partition key are. Neither run lets the SDK retry a throttled write, so a throttle shows.
 */
class PartitionLimitsIT {
    private static EmbeddedDynamoDb database;
    private static DynamoDbClient noRetries;

    @BeforeAll
    static void engineWithPartitionLimits() {
        TestStack.client(); // the settings (local master key) the stores read
        database = EmbeddedDynamoDb.start(null);
        database.faults().partitionLimits(true);
        noRetries = DynamoDbClient.builder()
                .endpointOverride(database.endpoint())
                .region(EmbeddedDynamoDb.REGION)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        EmbeddedDynamoDb.ACCESS_KEY, EmbeddedDynamoDb.SECRET_KEY))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(
                        software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        noRetries.close();
        database.close();
    }

    private static String freshTable() {
        String name = "PartitionLimits-" + UUID.randomUUID();
        TemplateTables.create(noRetries, name);
        return name;
    }

    @Test
    void oneAccountsBatchOf5000IsNeverThrottledAndOneIndexPartitionKeyIs() throws Exception {
        String table = freshTable();
        DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(noRetries, table, Clock.systemUTC());
        // The writes a 5,000-entry batch makes (AccountBatchCreator: 32 concurrent conditional puts, each with its
        // sealed hashes and listing keys), without the route's 28 s answer budget: on a loaded machine the batch
        // may run out of time (19002), which is not what this test is about; a throttle is TRANSIENT_FAILURE here.
        Map<WriteOutcome, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<Void>> creates = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
            AccountCredential credential = new AccountCredential("user" + i, "example.com",
                    "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");
            creates.add(CompletableFuture.runAsync(() -> outcomes.computeIfAbsent(store.createAccountCredential("41",
                    credential, UUID.randomUUID().toString(), java.time.Duration.ofSeconds(30), "partition-test"),
                    k -> new AtomicInteger()).incrementAndGet(), TestStack.WRITERS));
        }
        CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("5,000 creates of one account, 16 listing shards, partition limits on: %.2f s (%.0f/s): %s%n",
                seconds, 5000 / seconds, outcomes);
        assertThat(outcomes.keySet()).containsExactly(WriteOutcome.CREATED);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        noRetries.scanPaginator(ScanRequest.builder().tableName(table).build()).items().stream()
                .filter(item -> !item.get("pk").s().startsWith("key#")) // the account's tenant key, head and version
                .forEach(items::add);
        assertThat(items).hasSize(5000);

        // The same 5,000 items again, as fast as BatchWriteItem takes them (the engine serves several times the
        // create route's rate this way): as stored, over 16 listing shards, nothing is left unprocessed; the
        // control, every item under ONE listing partition key, runs into that index partition's 1,000 WCU/s.
        int sharded = unprocessedWhenBatchWritten(freshTable(), items, null);
        int oneKey = unprocessedWhenBatchWritten(freshTable(), items, "bw#41#0");
        System.out.printf("BatchWriteItem of the 5,000 items: 16 shards %d unprocessed, one listing key %d unprocessed%n",
                sharded, oneKey);
        assertThat(sharded).as("16 listing shards").isZero();
        assertThat(oneKey).as("one index partition key takes at most ~1,000 WCU/s plus its burst").isPositive();
    }

    /** Writes the items in BatchWriteItems of 25, 8 at a time; how many entries came back unprocessed (throttled). */
    private static int unprocessedWhenBatchWritten(String table, List<Map<String, AttributeValue>> items,
                                                   String listPkOrNull) throws Exception {
        AtomicInteger unprocessed = new AtomicInteger();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int from = 0; from < items.size(); from += 25) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> requests = new ArrayList<>();
                for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + 25))) {
                    Map<String, AttributeValue> written = new HashMap<>(item);
                    if (listPkOrNull != null) {
                        written.put("listPk", AttributeValue.fromS(listPkOrNull));
                    }
                    requests.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(r -> r.item(written)).build());
                }
                writes.add(CompletableFuture.runAsync(() -> {
                    try {
                        var response = noRetries.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
                        unprocessed.addAndGet(response.unprocessedItems().getOrDefault(table, List.of()).size());
                    } catch (ProvisionedThroughputExceededException e) {
                        unprocessed.addAndGet(requests.size()); // every entry throttled
                    }
                }, writers));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
        } finally {
            writers.shutdown();
        }
        return unprocessed.get();
    }
}

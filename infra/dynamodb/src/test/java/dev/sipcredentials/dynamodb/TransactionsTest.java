package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.item;
import static dev.sipcredentials.dynamodb.EngineClients.key;
import static dev.sipcredentials.dynamodb.EngineClients.n;
import static dev.sipcredentials.dynamodb.EngineClients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** TransactWriteItems and TransactGetItems: all or nothing, isolated, ClientRequestToken, DynamoDB's reasons. */
class TransactionsTest {
    static DynamoDbEngine engine;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.start(DynamoDbEngine.options());
        client = EngineClients.noRetries(engine.endpoint());
        EngineClients.createHashTable(client, "txn");
    }

    @AfterAll
    static void stop() {
        client.close();
        engine.close();
    }

    static TransactWriteItem put(String pk, String condition) {
        return TransactWriteItem.builder().put(Put.builder().tableName("txn").item(item("pk", pk))
                .conditionExpression(condition).build()).build();
    }

    static TransactWriteItem add(String pk, long amount) {
        return TransactWriteItem.builder().update(Update.builder().tableName("txn").key(key(pk))
                .updateExpression("ADD balance :a").expressionAttributeValues(Map.of(":a", n(amount))).build()).build();
    }

    static long balance(String pk) {
        var got = client.getItem(r -> r.tableName("txn").key(key(pk)).consistentRead(true));
        return got.hasItem() && got.item().containsKey("balance") ? Long.parseLong(got.item().get("balance").n()) : 0;
    }

    @Test
    void aFailedConditionCancelsEverythingWithReasonsInItemOrder() {
        client.putItem(r -> r.tableName("txn").item(item("pk", "exists", "v", "old")));
        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(
                put("new-1", "attribute_not_exists(pk)"),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("txn").key(key("exists"))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                add("new-2", 5))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer cancellation "
                            + "reasons for specific reasons [None, ConditionalCheckFailed, None]");
                    List<CancellationReason> reasons = e.cancellationReasons();
                    assertThat(reasons).extracting(CancellationReason::code).containsExactly("None", "ConditionalCheckFailed", "None");
                    assertThat(reasons.get(1).item()).isEqualTo(item("pk", "exists", "v", "old"));
                    assertThat(reasons.get(1).message()).isEqualTo("The conditional request failed");
                });
        assertThat(client.getItem(r -> r.tableName("txn").key(key("new-1"))).hasItem()).isFalse();
        assertThat(client.getItem(r -> r.tableName("txn").key(key("new-2"))).hasItem()).isFalse();
    }

    @Test
    void allActionsApplyTogetherAtDoubleCapacity() {
        client.putItem(r -> r.tableName("txn").item(item("pk", "doomed")));
        var response = client.transactWriteItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                put("together-1", "attribute_not_exists(pk)"),
                add("together-2", 7),
                TransactWriteItem.builder().delete(Delete.builder().tableName("txn").key(key("doomed")).build()).build()));
        assertThat(client.getItem(r -> r.tableName("txn").key(key("together-1"))).hasItem()).isTrue();
        assertThat(balance("together-2")).isEqualTo(7);
        assertThat(client.getItem(r -> r.tableName("txn").key(key("doomed"))).hasItem()).isFalse();
        assertThat(response.consumedCapacity()).hasSize(1);
        assertThat(response.consumedCapacity().get(0).capacityUnits()).isEqualTo(6.0);
    }

    @Test
    void twoActionsOnOneItemAreRefused() {
        ItemOperationsTest.assertValidation(() -> client.transactWriteItems(r -> r.transactItems(
                put("twice", "attribute_not_exists(pk)"), add("twice", 1))),
                "Transaction request cannot include multiple operations on one item");
    }

    @Test
    void moreThanOneHundredActionsAreRefused() {
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(put("many-" + i, "attribute_not_exists(pk)"));
        }
        assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(items)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Member must have length less than or equal to 100");
                });
        assertThat(client.getItem(r -> r.tableName("txn").key(key("many-0"))).hasItem()).isFalse();
    }

    @Test
    void anIdenticalRetryWithTheSameTokenSucceedsWithoutWritingAgain() {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().clientRequestToken("token-1")
                .transactItems(add("counter", 1)).build();
        client.transactWriteItems(request);
        client.transactWriteItems(request);
        assertThat(balance("counter")).isEqualTo(1);

        assertThatThrownBy(() -> client.transactWriteItems(r -> r.clientRequestToken("token-1")
                .transactItems(add("counter", 2))))
                .isInstanceOf(IdempotentParameterMismatchException.class);
        assertThat(balance("counter")).isEqualTo(1);
    }

    @Test
    void aTokenOfACancelledTransactionMayBeRetried() {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().clientRequestToken("token-2")
                .transactItems(TransactWriteItem.builder().update(Update.builder().tableName("txn").key(key("gate"))
                        .updateExpression("SET opened = :t").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":t", s("yes"))).build()).build()).build();
        assertThatThrownBy(() -> client.transactWriteItems(request)).isInstanceOf(TransactionCanceledException.class);
        client.putItem(r -> r.tableName("txn").item(item("pk", "gate")));
        client.transactWriteItems(request);
        assertThat(client.getItem(r -> r.tableName("txn").key(key("gate"))).item().get("opened").s()).isEqualTo("yes");
    }

    /**
     * Transfers between accounts in transactions, concurrently, while transactional reads check the total: a
     * transaction that were not isolated or not atomic would let a read see money created or lost.
     */
    @Test
    void concurrentTransfersAreIsolatedAndKeepTheTotal() throws Exception {
        int accounts = 6;
        for (int a = 0; a < accounts; a++) {
            int account = a;
            client.putItem(r -> r.tableName("txn").item(Map.of("pk", s("acct-" + account), "balance", n(100))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger transfers = new AtomicInteger();
        AtomicInteger badTotals = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    int from = ThreadLocalRandom.current().nextInt(accounts);
                    int to = (from + 1 + ThreadLocalRandom.current().nextInt(accounts - 1)) % accounts;
                    long amount = 1 + ThreadLocalRandom.current().nextInt(20);
                    try {
                        client.transactWriteItems(r -> r.transactItems(
                                TransactWriteItem.builder().update(Update.builder().tableName("txn").key(key("acct-" + from))
                                        .updateExpression("SET balance = balance - :a").conditionExpression("balance >= :a")
                                        .expressionAttributeValues(Map.of(":a", n(amount))).build()).build(),
                                TransactWriteItem.builder().update(Update.builder().tableName("txn").key(key("acct-" + to))
                                        .updateExpression("SET balance = balance + :a")
                                        .expressionAttributeValues(Map.of(":a", n(amount))).build()).build()));
                        transfers.incrementAndGet();
                    } catch (TransactionCanceledException e) {
                        // not enough money: nothing moved
                    }
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            done.add(pool.submit(() -> {
                while (!stop.get()) {
                    List<TransactGetItem> gets = new ArrayList<>();
                    for (int a = 0; a < accounts; a++) {
                        gets.add(TransactGetItem.builder().get(Get.builder().tableName("txn").key(key("acct-" + a)).build()).build());
                    }
                    long total = client.transactGetItems(b -> b.transactItems(gets)).responses().stream()
                            .mapToLong(x -> Long.parseLong(x.item().get("balance").n())).sum();
                    if (total != 100L * accounts) {
                        badTotals.incrementAndGet();
                    }
                }
            }));
        }
        for (int i = 0; i < 8; i++) {
            done.get(i).get();
        }
        stop.set(true);
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long total = 0;
        for (int a = 0; a < accounts; a++) {
            long b = balance("acct-" + a);
            assertThat(b).isGreaterThanOrEqualTo(0);
            total += b;
        }
        assertThat(total).isEqualTo(100L * accounts);
        assertThat(badTotals.get()).as("transactional reads that saw a half-done transfer").isZero();
        assertThat(transfers.get()).isGreaterThan(0);
    }
}

package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem and BatchGetItem. */
class BatchContractTest {

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
    }

    @Contract
    void batchWritePutsAndDeletesAcrossTablesAndBatchGetReadsThemBack(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        String range = t.table(DynamoTarget.RANGE);
        String a = t.key();
        String b = t.key();
        String gone = t.key();
        t.db().putItem(r -> r.tableName(hash).item(item("pk", s(gone))));

        BatchWriteItemResponse written = t.db().batchWriteItem(r -> r.requestItems(Map.of(
                hash, List.of(put(item("pk", s(a), "v", n(1))), put(item("pk", s(b), "v", n(2))), delete(item("pk", s(gone)))),
                range, List.of(put(item("pk", s(a), "sk", s("x"), "v", n(3)))))));
        assertThat(written.unprocessedItems()).isEmpty();

        BatchGetItemResponse read = t.db().batchGetItem(r -> r.requestItems(Map.of(
                hash, KeysAndAttributes.builder().consistentRead(true)
                        .keys(item("pk", s(a)), item("pk", s(b)), item("pk", s(gone)), item("pk", s(t.key()))).build(),
                range, KeysAndAttributes.builder().keys(item("pk", s(a), "sk", s("x")))
                        .projectionExpression("#v").expressionAttributeNames(Map.of("#v", "v")).build())));
        assertThat(read.unprocessedKeys()).isEmpty();
        assertThat(read.responses().get(hash))
                .containsExactlyInAnyOrder(item("pk", s(a), "v", n(1)), item("pk", s(b), "v", n(2)));
        assertThat(read.responses().get(range)).containsExactly(item("v", n(3)));
    }

    @Contract
    void batchGetOfOnlyMissingItemsAnswersAnEmptyListForTheTable(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        BatchGetItemResponse read = t.db().batchGetItem(r -> r.requestItems(Map.of(
                hash, KeysAndAttributes.builder().keys(item("pk", s(t.key()))).build())));
        assertThat(read.responses()).containsOnlyKeys(hash);
        assertThat(read.responses().get(hash)).isEmpty();
    }

    @Contract
    void batchWriteOfMoreThan25RequestsIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts 26 requests in one BatchWriteItem");
        String hash = t.table(DynamoTarget.HASH);
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            requests.add(put(item("pk", s(t.key()))));
        }
        Expect.validationContaining(() -> t.db().batchWriteItem(r -> r.requestItems(Map.of(hash, requests))),
                "Member must have length less than or equal to 25");
        assertThat(t.db().getItem(r -> r.tableName(hash).key(requests.get(0).putRequest().item())).hasItem()).isFalse();
    }

    @Contract
    void batchWriteOfExactly25RequestsIsAccepted(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            requests.add(put(item("pk", s(t.key()))));
        }
        assertThat(t.db().batchWriteItem(r -> r.requestItems(Map.of(hash, requests))).unprocessedItems()).isEmpty();
        assertThat(t.db().getItem(r -> r.tableName(hash).key(requests.get(24).putRequest().item())).hasItem()).isTrue();
    }

    @Contract
    void batchWriteWithTheSameKeyTwiceIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts two requests for one key in one BatchWriteItem");
        String hash = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().batchWriteItem(r -> r.requestItems(Map.of(hash,
                        List.of(put(item("pk", s(pk), "v", n(1))), delete(item("pk", s(pk))))))),
                "Provided list of item keys contains duplicates");
        assertThat(t.db().getItem(r -> r.tableName(hash).key(item("pk", s(pk)))).hasItem()).isFalse();
    }

    @Contract
    void batchGetWithTheSameKeyTwiceIsRejected(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().batchGetItem(r -> r.requestItems(Map.of(hash,
                        KeysAndAttributes.builder().keys(item("pk", s(pk)), item("pk", s(pk))).build()))),
                "Provided list of item keys contains duplicates");
    }

    @Contract
    void batchGetOfMoreThan100KeysIsRejected(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(item("pk", s(t.key())));
        }
        Expect.validationContaining(() -> t.db().batchGetItem(r -> r.requestItems(Map.of(hash,
                        KeysAndAttributes.builder().keys(keys).build()))),
                "at 'requestItems." + hash + ".member.keys' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
    }

    @Contract
    void batchGetOfMoreThan100KeysOverTwoTablesIsRejected(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        String range = t.table(DynamoTarget.RANGE);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(item("pk", s(t.key())));
        }
        Expect.validation(() -> t.db().batchGetItem(r -> r.requestItems(Map.of(
                        hash, KeysAndAttributes.builder().keys(keys).build(),
                        range, KeysAndAttributes.builder().keys(item("pk", s("a"), "sk", s("b"))).build()))),
                "Too many items requested for the BatchGetItem call");
    }

    @Contract
    void batchWriteToAMissingTableIsResourceNotFound(DynamoTarget t) {
        String missing = t.newTableName("nope");
        Expect.error(() -> t.db().batchWriteItem(r -> r.requestItems(Map.of(missing,
                        List.of(put(item("pk", s("a"))))))),
                ResourceNotFoundException.class, "Requested resource not found");
    }

    @Contract
    void batchWriteWithAKeyOfTheWrongShapeIsRejectedAndWritesNothing(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        String good = t.key();
        Expect.validation(() -> t.db().batchWriteItem(r -> r.requestItems(Map.of(hash,
                        List.of(put(item("pk", s(good))), put(item("pk", n(1))))))),
                "The provided key element does not match the schema",
                t.deviates(DynamoTarget.Kind.MOTO, "words it as PutItem's type mismatch"));
        if (!t.deviates(DynamoTarget.Kind.MOTO, "a rejected BatchWriteItem has already written the requests before")) {
            assertThat(t.db().getItem(r -> r.tableName(hash).key(item("pk", s(good)))).hasItem()).isFalse();
        }
    }

    @Contract
    void batchWriteOfAnItemWithoutItsSortKeyIsAKeySchemaMismatch(DynamoTarget t) {
        String range = t.table(DynamoTarget.RANGE);
        String pk = t.key();
        // PutItem says "Missing the key sk in the item"; BatchWriteItem words it as a key not matching the schema
        Expect.validation(() -> t.db().batchWriteItem(r -> r.requestItems(Map.of(range,
                        List.of(put(item("pk", s(pk), "v", n(1))))))),
                "The provided key element does not match the schema",
                t.deviates(DynamoTarget.Kind.MOTO, "words it as PutItem's missing key"));
    }
}

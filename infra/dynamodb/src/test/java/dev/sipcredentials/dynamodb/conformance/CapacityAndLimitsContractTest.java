package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * ReturnConsumedCapacity figures as the Developer Guide defines them (a write unit per started 1 KB, a strongly
 * consistent read unit per started 4 KB, half for eventually consistent reads, twice for transactions) and the
 * documented size limits. Item sizes here are names plus UTF-8 string lengths, so every figure is exact.
 */
class CapacityAndLimitsContractTest {

    private static final int KB = 1024;

    /** An item of exactly {@code size} bytes: "pk" + key + "d" + padding. */
    private static Map<String, AttributeValue> itemOfSize(String pk, int size) {
        int padding = size - "pk".length() - pk.length() - "d".length();
        return item("pk", s(pk), "d", s("x".repeat(padding)));
    }

    private static void assertCapacity(DynamoTarget t, ConsumedCapacity consumed, String table, double units) {
        assertThat(consumed).as("ConsumedCapacity").isNotNull();
        assertThat(consumed.tableName()).isEqualTo(table);
        assertThat(consumed.capacityUnits()).as("CapacityUnits").isEqualTo(units);
    }

    @Contract
    void putConsumesOneWriteUnitPerStartedKilobyte(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "reports PutItem capacity by another rule (1 unit for 1025 bytes)");
        String table = t.table(DynamoTarget.HASH);
        for (int[] sizeAndUnits : new int[][] {{100, 1}, {KB, 1}, {KB + 1, 2}, {3 * KB, 3}}) {
            String pk = t.key();
            var response = t.db().putItem(r -> r.tableName(table).item(itemOfSize(pk, sizeAndUnits[0]))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            assertCapacity(t, response.consumedCapacity(), table, sizeAndUnits[1]);
        }
    }

    @Contract
    void withoutReturnConsumedCapacityNoneIsReported(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        assertThat(t.db().putItem(r -> r.tableName(table).item(item("pk", s(t.key())))).consumedCapacity()).isNull();
    }

    @Contract
    void getConsumesOneReadUnitPerStarted4KilobytesAndHalfWhenEventuallyConsistent(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "reports 0.5 read units for every GetItem, whatever its size or consistency");
        String table = t.table(DynamoTarget.HASH);
        String small = t.key();
        String large = t.key();
        t.db().putItem(r -> r.tableName(table).item(itemOfSize(small, 100)));
        t.db().putItem(r -> r.tableName(table).item(itemOfSize(large, 5 * KB)));
        assertCapacity(t, t.db().getItem(r -> r.tableName(table).key(item("pk", s(small))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 1.0);
        assertCapacity(t, t.db().getItem(r -> r.tableName(table).key(item("pk", s(small)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 0.5);
        assertCapacity(t, t.db().getItem(r -> r.tableName(table).key(item("pk", s(large))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 2.0);
        assertCapacity(t, t.db().getItem(r -> r.tableName(table).key(item("pk", s(large)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 1.0);
        assertCapacity(t, t.db().getItem(r -> r.tableName(table).key(item("pk", s(t.key()))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 1.0);
    }

    @Contract
    void updateConsumesWritesForTheLargerOfTheOldAndNewItem(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "reports 0.5 units for every UpdateItem, whatever the item sizes");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(itemOfSize(pk, 2 * KB + 10)));
        var response = t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk))).updateExpression("REMOVE d")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertCapacity(t, response.consumedCapacity(), table, 3.0);
    }

    @Contract
    void deleteConsumesWritesForTheDeletedItem(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "reports 1 write unit for every DeleteItem, whatever the item size");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(itemOfSize(pk, 2 * KB + 10)));
        assertCapacity(t, t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 3.0);
        assertCapacity(t, t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 1.0);
    }

    @Contract
    void queryConsumesReadsForTheSummedSizeOfTheItemsItRead(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "reports Query capacity by another rule (1 unit for 4,500 bytes read strongly)");
        String table = t.table(DynamoTarget.RANGE);
        String pk = t.key();
        for (String sk : List.of("a", "b", "c")) {
            int padding = 1500 - "pk".length() - pk.length() - "sk".length() - 1 - "d".length();
            t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "sk", s(sk), "d", s("x".repeat(padding)))));
        }
        // 3 x 1500 bytes = 4500 bytes: two 4 KB units strongly consistent, one eventually.
        assertCapacity(t, t.db().query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(item(":p", s(pk))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 2.0);
        assertCapacity(t, t.db().query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(item(":p", s(pk)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity(), table, 1.0);
    }

    @Contract
    void batchWriteReportsCapacityPerTable(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "reports 1 write unit per table for BatchWriteItem, whatever the items");
        String table = t.table(DynamoTarget.HASH);
        var response = t.db().batchWriteItem(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of(table, List.of(
                        WriteRequest.builder().putRequest(p -> p.item(itemOfSize(t.key(), 100))).build(),
                        WriteRequest.builder().putRequest(p -> p.item(itemOfSize(t.key(), 1500))).build()))));
        assertThat(response.consumedCapacity()).hasSize(1);
        assertCapacity(t, response.consumedCapacity().get(0), table, 3.0);
    }

    @Contract
    void transactionsConsumeTwiceTheUnits(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "reports no ConsumedCapacity for TransactWriteItems");
        String table = t.table(DynamoTarget.HASH);
        String a = t.key();
        String b = t.key();
        var written = t.db().transactWriteItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(itemOfSize(a, 100))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(itemOfSize(b, 1500))).build()));
        assertThat(written.consumedCapacity()).hasSize(1);
        assertCapacity(t, written.consumedCapacity().get(0), table, 6.0);

        var read = t.db().transactGetItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(
                        TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s(a)))).build(),
                        TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s(b)))).build()));
        assertThat(read.consumedCapacity()).hasSize(1);
        assertCapacity(t, read.consumedCapacity().get(0), table, 4.0);
    }

    // --- limits -------------------------------------------------------------------------------------------------

    @Contract
    void anItemOfExactly400KilobytesIsStoredAndOneByteMoreIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String fits = t.key();
        if (!t.deviates(DynamoTarget.Kind.MOTO, "rejects an item of exactly 400 KB (409,600 bytes of names and values)")) {
            t.db().putItem(r -> r.tableName(table).item(itemOfSize(fits, 400 * KB)));
            assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(fits)))).item().get("d").s())
                    .hasSize(400 * KB - 3 - fits.length());
        }

        String tooBig = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(itemOfSize(tooBig, 400 * KB + 1))),
                "Item size has exceeded the maximum allowed size");
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(tooBig)))).hasItem()).isFalse();
    }

    @Contract
    void anUpdateThatGrowsAnItemPast400KilobytesIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(itemOfSize(pk, 300 * KB)));
        Expect.validation(() -> t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                        .updateExpression("SET e = :big").expressionAttributeValues(item(":big", s("y".repeat(200 * KB))))),
                "Item size to update has exceeded the maximum allowed size");
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk)))).item()).doesNotContainKey("e");
    }

    @Contract
    void aPartitionKeyOf2048BytesIsAcceptedAnd2049Rejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String prefix = t.key();
        String fits = prefix + "a".repeat(2048 - prefix.length());
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(fits))));
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(fits)))).hasItem()).isTrue();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(fits + "a")))),
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
        if (!t.deviates(DynamoTarget.Kind.MOTO, "GetItem with a 2049-byte partition key answers no item, no error")) {
            Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s(fits + "a")))),
                    "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 "
                            + "bytes");
        }
    }

    @Contract
    void aSortKeyOf1024BytesIsAcceptedAnd1025Rejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        String pk = t.key();
        String fits = "b".repeat(1024);
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "sk", s(fits))));
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "sk", s(fits + "b")))),
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of "
                        + "1024 bytes");
    }

    @Contract
    void keySizesCountUtf8Bytes(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String twoByteChars = "é".repeat(1025); // 2050 bytes in UTF-8, 1025 chars
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(twoByteChars)))),
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
    }
}

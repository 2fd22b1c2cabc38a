package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query (key operators, filters, Limit, paging, order, COUNT, GSIs of each projection) and Scan. */
class QueryScanContractTest {

    /** Five items a..e under one fresh partition key of the range table; returns that key. */
    private static String fiveItems(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        String pk = t.key();
        for (String sk : List.of("c", "a", "e", "b", "d")) {
            t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "sk", s(sk), "v", s("v-" + sk),
                    "odd", AttributeValue.fromBool("ace".contains(sk)))));
        }
        return pk;
    }

    private static QueryResponse query(DynamoTarget t, String pk, String range, Map<String, AttributeValue> values,
            Consumer<QueryRequest.Builder> more) {
        String table = t.table(DynamoTarget.RANGE);
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":pk", s(pk));
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk" + (range.isEmpty() ? "" : " AND " + range))
                .expressionAttributeValues(all);
        more.accept(request);
        return t.db().query(request.build());
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").s()).toList();
    }

    @Contract
    void queryReturnsThePartitionInSortKeyOrderEitherWay(DynamoTarget t) {
        String pk = fiveItems(t);
        QueryResponse forward = query(t, pk, "", Map.of(), r -> {});
        assertThat(sortKeys(forward.items())).containsExactly("a", "b", "c", "d", "e");
        assertThat(forward.count()).isEqualTo(5);
        assertThat(forward.scannedCount()).isEqualTo(5);
        assertThat(forward.hasLastEvaluatedKey()).isFalse();
        assertThat(forward.items().get(0)).isEqualTo(item("pk", s(pk), "sk", s("a"), "v", s("v-a"),
                "odd", AttributeValue.fromBool(true)));

        QueryResponse backward = query(t, pk, "", Map.of(), r -> r.scanIndexForward(false));
        assertThat(sortKeys(backward.items())).containsExactly("e", "d", "c", "b", "a");
    }

    @Contract
    void everySortKeyOperator(DynamoTarget t) {
        String pk = fiveItems(t);
        Map<String, AttributeValue> v = item(":b", s("b"), ":d", s("d"));
        assertThat(sortKeys(query(t, pk, "sk = :b", item(":b", s("b")), r -> {}).items())).containsExactly("b");
        assertThat(sortKeys(query(t, pk, "sk < :b", item(":b", s("b")), r -> {}).items())).containsExactly("a");
        assertThat(sortKeys(query(t, pk, "sk <= :b", item(":b", s("b")), r -> {}).items())).containsExactly("a", "b");
        assertThat(sortKeys(query(t, pk, "sk > :d", item(":d", s("d")), r -> {}).items())).containsExactly("e");
        assertThat(sortKeys(query(t, pk, "sk >= :d", item(":d", s("d")), r -> {}).items())).containsExactly("d", "e");
        assertThat(sortKeys(query(t, pk, "sk BETWEEN :b AND :d", v, r -> {}).items())).containsExactly("b", "c", "d");
        assertThat(sortKeys(query(t, pk, "begins_with(sk, :c)", item(":c", s("c")), r -> {}).items()))
                .containsExactly("c");
        assertThat(sortKeys(query(t, pk, "sk > :z", item(":z", s("z")), r -> {}).items())).isEmpty();
    }

    @Contract
    void keyConditionsMayNameKeysThroughPlaceholdersAndInEitherOrder(DynamoTarget t) {
        String pk = fiveItems(t);
        String table = t.table(DynamoTarget.RANGE);
        QueryResponse response = t.db().query(r -> r.tableName(table)
                .keyConditionExpression("#s >= :c AND #p = :pk")
                .expressionAttributeNames(Map.of("#s", "sk", "#p", "pk"))
                .expressionAttributeValues(item(":pk", s(pk), ":c", s("c"))));
        assertThat(sortKeys(response.items())).containsExactly("c", "d", "e");
    }

    @Contract
    void numericSortKeysSortAsNumbers(DynamoTarget t) {
        String table = t.table(DynamoTarget.NUMERIC_RANGE);
        String pk = t.key();
        for (String sk : List.of("10", "9", "-1", "2.5", "100")) {
            t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "sk", n(sk))));
        }
        QueryResponse response = t.db().query(r -> r.tableName(table).keyConditionExpression("pk = :pk AND sk > :zero")
                .expressionAttributeValues(item(":pk", s(pk), ":zero", n(0))));
        assertThat(response.items()).extracting(i -> i.get("sk").n()).containsExactly("2.5", "9", "10", "100");
    }

    @Contract
    void filterExpressionCountsMatchesAndScannedItemsApart(DynamoTarget t) {
        String pk = fiveItems(t);
        QueryResponse response = query(t, pk, "", item(":t", AttributeValue.fromBool(true)),
                r -> r.filterExpression("odd = :t"));
        assertThat(sortKeys(response.items())).containsExactly("a", "c", "e");
        assertThat(response.count()).isEqualTo(3);
        assertThat(response.scannedCount()).isEqualTo(5);
    }

    @Contract
    void aStartingKeyOutsideTheSortKeyConditionIsRejectedNotA500(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts a starting key outside the sort key condition");
        String pk = fiveItems(t);
        Expect.validation(() -> query(t, pk, "sk > :c", item(":c", s("c")),
                        r -> r.exclusiveStartKey(item("pk", s(pk), "sk", s("a")))),
                "The provided starting key does not match the range key predicate");
        Expect.validation(() -> query(t, pk, "sk BETWEEN :b AND :c", item(":b", s("b"), ":c", s("c")),
                        r -> r.exclusiveStartKey(item("pk", s(pk), "sk", s("e"))).scanIndexForward(false)),
                "The provided starting key does not match the range key predicate");
    }

    @Contract
    void limitPagesWithLastEvaluatedKey(DynamoTarget t) {
        String pk = fiveItems(t);
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = query(t, pk, "", Map.of(), r -> r.limit(2).exclusiveStartKey(from));
            seen.addAll(sortKeys(page.items()));
            pageSizes.add(page.count());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                Map<String, AttributeValue> last = page.items().get(page.items().size() - 1);
                assertThat(start).isEqualTo(item("pk", last.get("pk"), "sk", last.get("sk")));
            }
        } while (start != null && pageSizes.size() < 10);
        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Contract
    void aFullLastPageStillCarriesALastEvaluatedKey(DynamoTarget t) {
        String pk = fiveItems(t);
        QueryResponse firstFour = query(t, pk, "sk < :e", item(":e", s("e")), r -> r.limit(4));
        assertThat(firstFour.count()).isEqualTo(4);
        assertThat(firstFour.lastEvaluatedKey()).isEqualTo(item("pk", s(pk), "sk", s("d")));
        QueryResponse rest = query(t, pk, "sk < :e", item(":e", s("e")),
                r -> r.limit(4).exclusiveStartKey(firstFour.lastEvaluatedKey()));
        assertThat(rest.count()).isZero();
        assertThat(rest.hasLastEvaluatedKey()).isFalse();
    }

    @Contract
    void limitCountsItemsEvaluatedBeforeTheFilter(DynamoTarget t) {
        String pk = fiveItems(t);
        QueryResponse page = query(t, pk, "", item(":d", s("v-d")), r -> r.limit(2).filterExpression("v = :d"));
        assertThat(page.count()).isZero();
        assertThat(page.scannedCount()).isEqualTo(2);
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", s(pk), "sk", s("b")));
    }

    @Contract
    void descendingPagesContinueFromTheLastKey(DynamoTarget t) {
        String pk = fiveItems(t);
        QueryResponse first = query(t, pk, "", Map.of(), r -> r.limit(3).scanIndexForward(false));
        assertThat(sortKeys(first.items())).containsExactly("e", "d", "c");
        QueryResponse second = query(t, pk, "", Map.of(),
                r -> r.limit(3).scanIndexForward(false).exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(sortKeys(second.items())).containsExactly("b", "a");
    }

    @Contract
    void selectCountReturnsOnlyTheCount(DynamoTarget t) {
        String pk = fiveItems(t);
        QueryResponse response = query(t, pk, "sk >= :b", item(":b", s("b")), r -> r.select(Select.COUNT));
        assertThat(response.count()).isEqualTo(4);
        assertThat(response.scannedCount()).isEqualTo(4);
        assertThat(response.hasItems()).isFalse();
    }

    @Contract
    void projectionExpressionLimitsTheAttributes(DynamoTarget t) {
        String pk = fiveItems(t);
        QueryResponse response = query(t, pk, "sk = :a", item(":a", s("a")), r -> r.projectionExpression("v"));
        assertThat(response.items()).containsExactly(item("v", s("v-a")));
    }

    @Contract
    void aKeyConditionWithoutThePartitionKeyIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditionExpression("sk = :s")
                        .expressionAttributeValues(item(":s", s("a")))),
                "Query condition missed key schema element: pk");
    }

    @Contract
    void aKeyConditionOnANonKeyAttributeIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditionExpression("pk = :p AND v = :v")
                        .expressionAttributeValues(item(":p", s("a"), ":v", s("b")))),
                "Query condition missed key schema element: sk");
    }

    @Contract
    void aPartitionKeyConditionOtherThanEqualityIsRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditionExpression("pk > :p")
                        .expressionAttributeValues(item(":p", s("a")))),
                "Query key condition not supported");
    }

    @Contract
    void betweenWithTheBoundsReversedIsRejectedInAKeyCondition(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "returns no items for BETWEEN with lower > upper instead of rejecting it");
        String pk = t.key();
        Expect.validation(() -> query(t, pk, "sk BETWEEN :d AND :b", item(":b", s("b"), ":d", s("d")), r -> {}),
                "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
                        + "lower bound; lower bound operand: AttributeValue: {S:d}, upper bound operand: AttributeValue: {S:b}");
    }

    @Contract
    void queryOfAMissingTableIsResourceNotFound(DynamoTarget t) {
        String table = t.newTableName("nope");
        Expect.error(() -> t.db().query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(item(":p", s("a")))), ResourceNotFoundException.class,
                "Requested resource not found");
    }

    @Contract
    void limitBelowOneIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts Limit 0");
        String pk = t.key();
        Expect.validation(() -> query(t, pk, "", Map.of(), r -> r.limit(0)),
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    // --- global secondary indexes ------------------------------------------------------------------------------

    /** Three items in one fresh index partition (gsk 3, 1, 2), plus one without index keys; returns the gpk. */
    private static String indexedItems(DynamoTarget t) {
        String table = t.table(DynamoTarget.INDEXED);
        String gpk = t.key();
        for (int i : new int[] {3, 1, 2}) {
            t.db().putItem(r -> r.tableName(table).item(item("pk", s(gpk + "-" + i), "sk", s("s"), "gpk", s(gpk),
                    "gsk", n(i), "inc", s("inc-" + i), "other", s("other-" + i))));
        }
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(gpk + "-sparse"), "sk", s("s"), "gpk", s(gpk))));
        return gpk;
    }

    private static QueryResponse queryIndex(DynamoTarget t, String index, String gpk,
            Consumer<QueryRequest.Builder> more) {
        String table = t.table(DynamoTarget.INDEXED);
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("gpk = :g").expressionAttributeValues(item(":g", s(gpk)));
        more.accept(request);
        return t.db().query(request.build());
    }

    @Contract
    void anAllProjectionIndexReturnsWholeItemsInIndexOrderAndSkipsItemsWithoutItsKeys(DynamoTarget t) {
        String gpk = indexedItems(t);
        QueryResponse response = queryIndex(t, DynamoTarget.GSI_ALL, gpk, r -> {});
        assertThat(response.items()).containsExactly(
                item("pk", s(gpk + "-1"), "sk", s("s"), "gpk", s(gpk), "gsk", n(1), "inc", s("inc-1"), "other", s("other-1")),
                item("pk", s(gpk + "-2"), "sk", s("s"), "gpk", s(gpk), "gsk", n(2), "inc", s("inc-2"), "other", s("other-2")),
                item("pk", s(gpk + "-3"), "sk", s("s"), "gpk", s(gpk), "gsk", n(3), "inc", s("inc-3"), "other", s("other-3")));
    }

    @Contract
    void aKeysOnlyIndexReturnsTableAndIndexKeys(DynamoTarget t) {
        String gpk = indexedItems(t);
        QueryResponse response = queryIndex(t, DynamoTarget.GSI_KEYS, gpk, r -> r.scanIndexForward(false));
        assertThat(response.items()).containsExactly(
                item("pk", s(gpk + "-3"), "sk", s("s"), "gpk", s(gpk), "gsk", n(3)),
                item("pk", s(gpk + "-2"), "sk", s("s"), "gpk", s(gpk), "gsk", n(2)),
                item("pk", s(gpk + "-1"), "sk", s("s"), "gpk", s(gpk), "gsk", n(1)));
    }

    @Contract
    void anIncludeIndexReturnsKeysAndTheIncludedAttributes(DynamoTarget t) {
        String gpk = indexedItems(t);
        QueryResponse response = queryIndex(t, DynamoTarget.GSI_INCLUDE, gpk, r -> r.limit(1));
        assertThat(response.items()).containsExactly(
                item("pk", s(gpk + "-1"), "sk", s("s"), "gpk", s(gpk), "gsk", n(1), "inc", s("inc-1")));
        assertThat(response.lastEvaluatedKey())
                .isEqualTo(item("pk", s(gpk + "-1"), "sk", s("s"), "gpk", s(gpk), "gsk", n(1)));
        QueryResponse next = queryIndex(t, DynamoTarget.GSI_INCLUDE, gpk,
                r -> r.limit(5).exclusiveStartKey(response.lastEvaluatedKey()));
        assertThat(next.items()).extracting(i -> i.get("gsk").n()).containsExactly("2", "3");
    }

    @Contract
    void anIndexFollowsUpdatesAndDeletesOfTheBaseItem(DynamoTarget t) {
        String gpk = indexedItems(t);
        String table = t.table(DynamoTarget.INDEXED);
        t.db().updateItem(r -> r.tableName(table).key(item("pk", s(gpk + "-1"), "sk", s("s")))
                .updateExpression("SET gsk = :ten").expressionAttributeValues(item(":ten", n(10))));
        t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(gpk + "-2"), "sk", s("s"))));
        t.db().updateItem(r -> r.tableName(table).key(item("pk", s(gpk + "-3"), "sk", s("s")))
                .updateExpression("REMOVE gsk"));
        // DynamoDB's GSIs are eventually consistent: on a real table, give them a moment.
        long deadline = System.currentTimeMillis() + (t.is(DynamoTarget.Kind.AWS) ? 10_000 : 0);
        List<String> keys;
        do {
            keys = queryIndex(t, DynamoTarget.GSI_KEYS, gpk, r -> {}).items().stream().map(i -> i.get("pk").s()).toList();
        } while (!keys.equals(List.of(gpk + "-1")) && System.currentTimeMillis() < deadline);
        assertThat(keys).containsExactly(gpk + "-1");
    }

    @Contract
    void selectAllAttributesOnANonAllIndexIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts Select ALL_ATTRIBUTES on a KEYS_ONLY index");
        Expect.validation(() -> queryIndex(t, DynamoTarget.GSI_KEYS, t.key(), r -> r.select(Select.ALL_ATTRIBUTES)),
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index gsiKeys because its projection type is not ALL");
    }

    @Contract
    void aFilterOnTheQueriedKeyIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts a FilterExpression on the queried key");
        String pk = fiveItems(t);
        for (String filter : List.of("pk = :x", "attribute_exists(v) AND pk = :x", "pk[1] = :x")) {
            Expect.validation(() -> query(t, pk, "", item(":x", s("x")), r -> r.filterExpression(filter)),
                    "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk");
        }
        Expect.validation(() -> query(t, pk, "", item(":x", s("x")), r -> r.filterExpression("sk = :x")),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Contract
    void aProjectionOrFilterReachingIntoAKeyAttributeIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers 200: an empty item, or every item, for pk.x and pk[0]");
        String pk = fiveItems(t);
        String table = t.table(DynamoTarget.RANGE);
        String scalars = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ";
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk), "sk", s("a")))
                .projectionExpression("pk.x")), scalars + "Key: pk");
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk), "sk", s("a")))
                .projectionExpression("v, #s[0]").expressionAttributeNames(Map.of("#s", "sk"))), scalars + "Key: sk");
        Expect.validation(() -> t.db().scan(r -> r.tableName(table).filterExpression("attribute_exists(pk.x)")),
                scalars + "Key: pk");
        Expect.validation(() -> t.db().scan(r -> r.tableName(table).projectionExpression("sk[2]")), scalars + "Key: sk");
        Expect.validation(() -> query(t, pk, "", Map.of(), r -> r.projectionExpression("sk.y")), scalars + "Key: sk");
        String indexed = t.table(DynamoTarget.INDEXED);
        Expect.validation(() -> t.db().scan(r -> r.tableName(indexed).filterExpression("attribute_exists(gpk.x)")),
                scalars + "IndexKey: gpk");
    }

    @Contract
    void consistentReadOnAnIndexIsRejected(DynamoTarget t) {
        Expect.validation(() -> queryIndex(t, DynamoTarget.GSI_ALL, t.key(), r -> r.consistentRead(true)),
                "Consistent reads are not supported on global secondary indexes");
    }

    @Contract
    void anUnknownIndexIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers ResourceNotFoundException \"Invalid index: ...\" for an unknown index");
        Expect.validation(() -> queryIndex(t, "nope", t.key(), r -> {}),
                "The table does not have the specified index: nope");
    }

    @Contract
    void selectCountOnAnIndex(DynamoTarget t) {
        String gpk = indexedItems(t);
        QueryResponse response = queryIndex(t, DynamoTarget.GSI_INCLUDE, gpk, r -> r.select(Select.COUNT));
        assertThat(response.count()).isEqualTo(3);
        assertThat(response.hasItems()).isFalse();
    }

    // --- Scan ------------------------------------------------------------------------------------------------

    @Contract
    void scanPagesThroughEveryItemExactlyOnce(DynamoTarget t) {
        String table = t.createTable(DynamoTarget.hashTableRequest(t.newTableName("scan")).build());
        for (int i = 0; i < 7; i++) {
            int index = i;
            t.db().putItem(r -> r.tableName(table).item(item("pk", s("item-" + index), "i", n(index))));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = t.db().scan(r -> r.tableName(table).limit(3).exclusiveStartKey(from));
            assertThat(page.count()).isLessThanOrEqualTo(3);
            page.items().forEach(i -> seen.add(i.get("pk").s()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start).isEqualTo(item("pk", page.items().get(page.items().size() - 1).get("pk")));
            }
            pages++;
        } while (start != null && pages < 20);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(pages).isBetween(3, 4);

        ScanResponse filtered = t.db().scan(r -> r.tableName(table).filterExpression("i >= :five")
                .expressionAttributeValues(item(":five", n(5))));
        assertThat(filtered.count()).isEqualTo(2);
        assertThat(filtered.scannedCount()).isEqualTo(7);
        ScanResponse counted = t.db().scan(r -> r.tableName(table).select(Select.COUNT));
        assertThat(counted.count()).isEqualTo(7);
        if (!t.deviates(DynamoTarget.Kind.MOTO, "Scan with Select COUNT still sends an Items list")) {
            assertThat(counted.hasItems()).isFalse();
        }
    }

    @Contract
    void scanOfAnIndexSeesOnlyItemsWithItsKeys(DynamoTarget t) {
        String table = t.createTable(DynamoTarget.hashTableRequest(t.newTableName("scan-gsi"))
                .attributeDefinitions(DynamoTarget.attribute("pk", software.amazon.awssdk.services.dynamodb.model
                        .ScalarAttributeType.S), DynamoTarget.attribute("g", software.amazon.awssdk.services.dynamodb.model
                        .ScalarAttributeType.S))
                .globalSecondaryIndexes(gsi -> gsi.indexName("byG")
                        .keySchema(DynamoTarget.key("g", software.amazon.awssdk.services.dynamodb.model.KeyType.HASH))
                        .projection(p -> p.projectionType(software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL)))
                .build());
        t.db().putItem(r -> r.tableName(table).item(item("pk", s("1"), "g", s("x"))));
        t.db().putItem(r -> r.tableName(table).item(item("pk", s("2"))));
        ScanResponse scan = t.db().scan(r -> r.tableName(table).indexName("byG"));
        assertThat(scan.items()).containsExactly(item("pk", s("1"), "g", s("x")));
    }
}

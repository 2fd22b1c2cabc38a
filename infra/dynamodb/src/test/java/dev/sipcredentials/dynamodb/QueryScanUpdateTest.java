package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.n;
import static dev.sipcredentials.dynamodb.EngineClients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query (table and GSI), Scan and UpdateItem through the SDK. */
class QueryScanUpdateTest {
    static DynamoDbEngine engine;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.start(DynamoDbEngine.options());
        client = EngineClients.noRetries(engine.endpoint());
        EngineClients.createRangeTableWithIndex(client, "ranges");
        for (int i = 0; i < 10; i++) {
            int c = i;
            // sk a..j; created 1..10 under owner o1 (even) or o2 (odd): numbers order numerically (10 after 9)
            client.putItem(r -> r.tableName("ranges").item(Map.of("pk", s("u1"), "sk", s(String.valueOf((char) ('a' + c))),
                    "owner", s(c % 2 == 0 ? "o1" : "o2"), "created", n(c + 1), "size", n(c))));
        }
        client.putItem(r -> r.tableName("ranges").item(Map.of("pk", s("u2"), "sk", s("a"), "note", s("no owner"))));
    }

    @AfterAll
    static void stop() {
        client.close();
        engine.close();
    }

    static QueryRequest.Builder onU1() {
        return QueryRequest.builder().tableName("ranges").keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":p", s("u1"), ":a", s("b"), ":b", s("d")));
    }

    static List<String> sks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").s()).collect(Collectors.toList());
    }

    @Test
    void rangeConditionsAndOrder() {
        assertThat(sks(client.query(onU1().build()).items())).containsExactly("b", "c", "d");
        assertThat(sks(client.query(onU1().scanIndexForward(false).build()).items())).containsExactly("d", "c", "b");
        QueryResponse prefix = client.query(r -> r.tableName("ranges").keyConditionExpression("pk = :p AND begins_with(sk, :x)")
                .expressionAttributeValues(Map.of(":p", s("u1"), ":x", s("c"))));
        assertThat(sks(prefix.items())).containsExactly("c");
        QueryResponse greater = client.query(r -> r.tableName("ranges").keyConditionExpression("pk = :p AND sk > :x")
                .expressionAttributeValues(Map.of(":p", s("u1"), ":x", s("h"))));
        assertThat(sks(greater.items())).containsExactly("i", "j");
    }

    @Test
    void limitPagesWithLastEvaluatedKeyUntilTheEnd() {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(r -> r.tableName("ranges").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("u1"))).limit(3).exclusiveStartKey(from));
            seen.addAll(sks(page.items()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void countFilterAndProjection() {
        QueryResponse count = client.query(r -> r.tableName("ranges").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("u1"))).select(Select.COUNT));
        assertThat(count.count()).isEqualTo(10);
        assertThat(count.hasItems()).isFalse();

        QueryResponse filtered = client.query(r -> r.tableName("ranges").keyConditionExpression("pk = :p")
                .filterExpression("#s >= :five").expressionAttributeNames(Map.of("#s", "size"))
                .expressionAttributeValues(Map.of(":p", s("u1"), ":five", n(5))).projectionExpression("sk"));
        assertThat(filtered.count()).isEqualTo(5);
        assertThat(filtered.scannedCount()).isEqualTo(10);
        assertThat(filtered.items()).allSatisfy(i -> assertThat(i.keySet()).containsExactly("sk"));
    }

    @Test
    void gsiQueryOrdersByTheIndexRangeKeyAndPages() {
        List<String> created = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(r -> r.tableName("ranges").indexName("byOwner")
                    .keyConditionExpression("#o = :o AND created >= :c").expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", s("o2"), ":c", n(4))).limit(2).exclusiveStartKey(from));
            page.items().forEach(i -> created.add(i.get("created").n()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start.keySet()).containsExactlyInAnyOrder("pk", "sk", "owner", "created");
            }
        } while (start != null);
        assertThat(created).containsExactly("4", "6", "8", "10");
    }

    @Test
    void theIndexFollowsUpdatesAndIsSparse() {
        client.putItem(r -> r.tableName("ranges").item(Map.of("pk", s("mover"), "sk", s("x"), "owner", s("before"),
                "created", n(1))));
        client.updateItem(r -> r.tableName("ranges").key(Map.of("pk", s("mover"), "sk", s("x")))
                .updateExpression("SET #o = :o").expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s("after"))));
        assertThat(ownerCount("before")).isZero();
        assertThat(ownerCount("after")).isEqualTo(1);
        client.updateItem(r -> r.tableName("ranges").key(Map.of("pk", s("mover"), "sk", s("x")))
                .updateExpression("REMOVE created"));
        assertThat(ownerCount("after")).as("without the index range key, the item leaves the index").isZero();
    }

    static int ownerCount(String owner) {
        return client.query(r -> r.tableName("ranges").indexName("byOwner").keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":o", s(owner)))).count();
    }

    @Test
    void scanPagesReturnEveryItemOnce() {
        Set<String> seen = new HashSet<>();
        int total = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = client.scan(r -> r.tableName("ranges").limit(4).exclusiveStartKey(from));
            for (Map<String, AttributeValue> i : page.items()) {
                seen.add(i.get("pk").s() + "/" + i.get("sk").s());
                total++;
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(total).isEqualTo(seen.size());
        assertThat(seen).contains("u1/a", "u1/j", "u2/a");
    }

    @Test
    void aPageStopsAtOneMegabyte() {
        String big = "z".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            int c = i;
            client.putItem(r -> r.tableName("ranges").item(Map.of("pk", s("big"), "sk", s(String.format("%02d", c)),
                    "v", s(big))));
        }
        QueryResponse first = client.query(r -> r.tableName("ranges").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("big"))));
        assertThat(first.count()).isBetween(9, 10);
        assertThat(first.hasLastEvaluatedKey()).isTrue();
        QueryResponse rest = client.query(r -> r.tableName("ranges").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("big"))).exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(first.count() + rest.count()).isEqualTo(15);
        assertThat(rest.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void updateItemCreatesSetsAddsRemovesAndReturnsValues() {
        Map<String, AttributeValue> key = Map.of("pk", s("upd"), "sk", s("1"));
        var created = client.updateItem(r -> r.tableName("ranges").key(key)
                .updateExpression("SET a = :a, hits = if_not_exists(hits, :zero) + :one")
                .expressionAttributeValues(Map.of(":a", s("x"), ":zero", n(0), ":one", n(1)))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).containsEntry("hits", n(1)).containsEntry("a", s("x")).containsEntry("pk", s("upd"));
        var updated = client.updateItem(r -> r.tableName("ranges").key(key)
                .updateExpression("ADD hits :one REMOVE a").expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(updated.attributes()).isEqualTo(Map.of("hits", n(1), "a", s("x")));
        assertThat(client.getItem(r -> r.tableName("ranges").key(key)).item())
                .isEqualTo(Map.of("pk", s("upd"), "sk", s("1"), "hits", n(2)));
    }

    @Test
    void updatingAKeyAttributeIsRefused() {
        ItemOperationsTest.assertValidation(() -> client.updateItem(r -> r.tableName("ranges")
                .key(Map.of("pk", s("upd2"), "sk", s("1"))).updateExpression("SET sk = :v")
                .expressionAttributeValues(Map.of(":v", s("2")))),
                "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key");
        ItemOperationsTest.assertValidation(() -> client.putItem(r -> r.tableName("ranges")
                .item(Map.of("pk", s("bad-index"), "sk", s("1"), "owner", n(5)))),
                "One or more parameter values were invalid: Type mismatch for Index Key owner Expected: S Actual: N "
                        + "IndexName: byOwner");
    }

    @Test
    void keysOnlyAndIncludeIndexesProjectTheirAttributes() {
        client.createTable(r -> r.tableName("projections").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("keys").keySchema(
                                KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build(),
                        GlobalSecondaryIndex.builder().indexName("include").keySchema(
                                KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("kept")
                                        .build()).build()));
        client.putItem(r -> r.tableName("projections").item(Map.of("pk", s("p"), "g", s("G"), "kept", s("k"),
                "dropped", s("d"))));
        var keys = client.query(r -> r.tableName("projections").indexName("keys").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("G"))));
        assertThat(keys.items()).containsExactly(Map.of("pk", s("p"), "g", s("G")));
        var include = client.query(r -> r.tableName("projections").indexName("include").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("G"))));
        assertThat(include.items()).containsExactly(Map.of("pk", s("p"), "g", s("G"), "kept", s("k")));
        var describe = client.describeTable(r -> r.tableName("projections")).table();
        assertThat(describe.globalSecondaryIndexes()).extracting(i -> i.itemCount()).containsExactly(1L, 1L);
    }
}

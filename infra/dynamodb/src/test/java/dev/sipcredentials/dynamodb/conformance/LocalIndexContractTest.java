package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static dev.sipcredentials.dynamodb.conformance.DynamoTarget.attribute;
import static dev.sipcredentials.dynamodb.conformance.DynamoTarget.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** LocalSecondaryIndexes: creation rules, DescribeTable, Query on an LSI (order, projections, consistent reads). */
class LocalIndexContractTest {

    private static LocalSecondaryIndex lsi(String name, String rangeKey, Projection projection) {
        return LocalSecondaryIndex.builder().indexName(name)
                .keySchema(key("pk", KeyType.HASH), key(rangeKey, KeyType.RANGE)).projection(projection).build();
    }

    /** pk/sk table with byAll (range lsk, ALL) and byInclude (range lsk2, INCLUDE inc). */
    private static CreateTableRequest.Builder tableWithLocalIndexes(String name) {
        return DynamoTarget.hashTableRequest(name)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("lsk", ScalarAttributeType.S), attribute("lsk2", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(
                        lsi("byAll", "lsk", Projection.builder().projectionType(ProjectionType.ALL).build()),
                        lsi("byInclude", "lsk2", Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("inc").build()));
    }

    @Contract
    void describeTableListsEachLocalIndex(DynamoTarget t) {
        String name = t.createTable(tableWithLocalIndexes(t.newTableName("lsi")).build());
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("p"), "sk", s("1"), "lsk", s("x"))));
        List<LocalSecondaryIndexDescription> lsis = t.db().describeTable(r -> r.tableName(name)).table()
                .localSecondaryIndexes();
        assertThat(lsis).extracting(LocalSecondaryIndexDescription::indexName).containsExactly("byAll", "byInclude");
        LocalSecondaryIndexDescription byAll = lsis.get(0);
        assertThat(byAll.keySchema()).containsExactly(key("pk", KeyType.HASH), key("lsk", KeyType.RANGE));
        assertThat(byAll.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        if (!t.deviates(DynamoTarget.Kind.MOTO, "no IndexArn")) {
            assertThat(byAll.indexArn()).endsWith(":table/" + name + "/index/byAll");
        }
        // DynamoDB refreshes the counts every few hours
        if (!t.is(DynamoTarget.Kind.AWS) && !t.deviates(DynamoTarget.Kind.MOTO, "no ItemCount on a local index")) {
            assertThat(byAll.itemCount()).isEqualTo(1);
            assertThat(lsis.get(1).itemCount()).isZero();
        }
    }

    @Contract
    void queryOnALocalIndexOrdersByItsRangeKeyAndSkipsItemsWithoutIt(DynamoTarget t) {
        String name = t.createTable(tableWithLocalIndexes(t.newTableName("lsi")).build());
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("p"), "sk", s("1"), "lsk", s("c"), "v", s("one"))));
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("p"), "sk", s("2"), "lsk", s("a"))));
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("p"), "sk", s("3"))));
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("p"), "sk", s("4"), "lsk", s("b"))));
        QueryResponse all = t.db().query(r -> r.tableName(name).indexName("byAll").consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(item(":p", s("p"))));
        assertThat(all.items()).extracting(i -> i.get("sk").s()).containsExactly("2", "4", "1");
        assertThat(all.items().get(2)).isEqualTo(item("pk", s("p"), "sk", s("1"), "lsk", s("c"), "v", s("one")));

        QueryResponse range = t.db().query(r -> r.tableName(name).indexName("byAll")
                .keyConditionExpression("pk = :p AND lsk > :a")
                .expressionAttributeValues(item(":p", s("p"), ":a", s("a"))).scanIndexForward(false));
        assertThat(range.items()).extracting(i -> i.get("sk").s()).containsExactly("1", "4");
    }

    @Contract
    void aLocalIndexReturnsItsProjectionByDefaultAndTheWholeItemWhenAsked(DynamoTarget t) {
        String name = t.createTable(tableWithLocalIndexes(t.newTableName("lsi")).build());
        Map<String, AttributeValue> full = item("pk", s("p"), "sk", s("1"), "lsk2", s("x"), "inc", s("i"), "extra", s("o"));
        t.db().putItem(r -> r.tableName(name).item(full));
        QueryResponse projected = t.db().query(r -> r.tableName(name).indexName("byInclude")
                .keyConditionExpression("pk = :p").expressionAttributeValues(item(":p", s("p"))));
        assertThat(projected.items()).containsExactly(item("pk", s("p"), "sk", s("1"), "lsk2", s("x"), "inc", s("i")));

        t.skipWhere(DynamoTarget.Kind.MOTO, "Select ALL_ATTRIBUTES on an LSI returns the projection only");
        QueryResponse whole = t.db().query(r -> r.tableName(name).indexName("byInclude").select(Select.ALL_ATTRIBUTES)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .keyConditionExpression("pk = :p").expressionAttributeValues(item(":p", s("p"))));
        assertThat(whole.items()).containsExactly(full);
        // the index read, and the fetch of the unprojected attributes from the table, each cost half a unit
        assertThat(whole.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        assertThat(whole.consumedCapacity().table().capacityUnits()).isEqualTo(0.5);
        assertThat(whole.consumedCapacity().localSecondaryIndexes().get("byInclude").capacityUnits()).isEqualTo(0.5);

        QueryResponse named = t.db().query(r -> r.tableName(name).indexName("byInclude")
                .projectionExpression("extra").returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .keyConditionExpression("pk = :p").expressionAttributeValues(item(":p", s("p"))));
        assertThat(named.items()).containsExactly(item("extra", s("o")));
        if (!t.deviates(DynamoTarget.Kind.MOTO, "no LocalSecondaryIndexes in ConsumedCapacity")) {
            assertThat(named.consumedCapacity().localSecondaryIndexes()).containsKey("byInclude");
        }
    }

    @Contract
    void localIndexesNeedARangeKeyOnTheTableAndTheTablesHashKey(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts a local index on a table without range key, or with another hash key");
        Projection all = Projection.builder().projectionType(ProjectionType.ALL).build();
        String hashOnly = t.newTableName("lsi");
        Expect.validation(() -> t.db().createTable(DynamoTarget.hashTableRequest(hashOnly)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("lsk", ScalarAttributeType.S))
                .localSecondaryIndexes(lsi("byLsk", "lsk", all)).build()),
                "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required "
                        + "when specifying a LocalSecondaryIndex");
        String otherHash = t.newTableName("lsi");
        Expect.validation(() -> t.db().createTable(tableWithLocalIndexes(otherHash)
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byLsk")
                        .keySchema(key("lsk", KeyType.HASH), key("sk", KeyType.RANGE)).projection(all).build())
                .build()),
                "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as "
                        + "table KeySchema for index: byLsk. index hash key: lsk, table hash key: pk");
        String noRange = t.newTableName("lsi");
        Expect.validation(() -> t.db().createTable(tableWithLocalIndexes(noRange)
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byLsk")
                        .keySchema(key("pk", KeyType.HASH)).projection(all).build())
                .build()),
                "One or more parameter values were invalid: Index KeySchema does not have a range key for index: byLsk");
    }
}

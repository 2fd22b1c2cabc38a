package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.DynamoTarget.attribute;
import static dev.sipcredentials.dynamodb.conformance.DynamoTarget.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** CreateTable, DescribeTable, DeleteTable, ListTables, UpdateTimeToLive, DescribeTimeToLive. */
class TableContractTest {

    @Contract
    void createTableDescribesTheTableAsRequested(DynamoTarget t) {
        String name = t.newTableName("create");
        CreateTableResponse created = t.db().createTable(DynamoTarget.hashTableRequest(name)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .build());

        TableDescription description = created.tableDescription();
        assertThat(description.tableName()).isEqualTo(name);
        assertThat(description.tableStatus()).isIn(TableStatus.CREATING, TableStatus.ACTIVE);
        assertThat(description.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(description.attributeDefinitions())
                .containsExactlyInAnyOrder(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N));
        assertThat(description.tableArn()).endsWith(":table/" + name);
        assertThat(description.creationDateTime()).isNotNull();

        t.awaitActive(name);
        TableDescription described = t.db().describeTable(r -> r.tableName(name)).table();
        assertThat(described.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(described.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(described.itemCount()).isZero();
        assertThat(described.tableSizeBytes()).isZero();
        assertThat(described.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Contract
    void createTableDescribesEachGlobalSecondaryIndexWithItsProjection(DynamoTarget t) {
        String name = t.table(DynamoTarget.INDEXED);
        List<GlobalSecondaryIndexDescription> indexes = t.db().describeTable(r -> r.tableName(name)).table()
                .globalSecondaryIndexes();
        assertThat(indexes).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder(DynamoTarget.GSI_ALL, DynamoTarget.GSI_KEYS, DynamoTarget.GSI_INCLUDE);
        for (GlobalSecondaryIndexDescription index : indexes) {
            assertThat(index.keySchema()).containsExactly(key("gpk", KeyType.HASH), key("gsk", KeyType.RANGE));
            if (!t.deviates(DynamoTarget.Kind.MOTO, "GlobalSecondaryIndexDescription has no IndexArn")) {
                assertThat(index.indexArn()).endsWith(":table/" + name + "/index/" + index.indexName());
            }
            switch (index.indexName()) {
                case DynamoTarget.GSI_ALL -> assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
                case DynamoTarget.GSI_KEYS ->
                        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
                default -> {
                    assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
                    assertThat(index.projection().nonKeyAttributes()).containsExactly("inc");
                }
            }
        }
    }

    @Contract
    void createTableOfAnExistingNameIsResourceInUse(DynamoTarget t) {
        String name = t.table(DynamoTarget.HASH);
        Expect.error(() -> t.db().createTable(DynamoTarget.hashTableRequest(name).build()),
                ResourceInUseException.class, "Table already exists: " + name);
    }

    @Contract
    void createTableWithAnUnusedAttributeDefinitionIsRejected(DynamoTarget t) {
        String name = t.newTableName("unused-def");
        Expect.validation(() -> t.db().createTable(DynamoTarget.hashTableRequest(name)
                        .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("other", ScalarAttributeType.S))
                        .build()),
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
                        + "number of attributes defined in AttributeDefinitions");
        Expect.error(() -> t.db().describeTable(r -> r.tableName(name)), "ResourceNotFoundException");
    }

    @Contract
    void createTableWithAnUndefinedKeyAttributeIsRejected(DynamoTarget t) {
        String name = t.newTableName("undefined-key");
        Expect.validationStartingWith(() -> t.db().createTable(DynamoTarget.hashTableRequest(name)
                        .attributeDefinitions(attribute("other", ScalarAttributeType.S))
                        .build()),
                "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions");
    }

    @Contract
    void createTableWithAnIndexOfAnUnknownProjectionTypeIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts an index ProjectionType outside ALL, KEYS_ONLY, INCLUDE");
        String name = t.newTableName("bad-gsi");
        Expect.error(() -> t.db().createTable(DynamoTarget.hashTableRequest(name)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("g")
                        .keySchema(key("g", KeyType.HASH))
                        .projection(Projection.builder().projectionType("EVERYTHING").build())
                        .build())
                .build()), "ValidationException");
    }

    @Contract
    void describeTableOfAMissingTableIsResourceNotFound(DynamoTarget t) {
        String name = t.newTableName("missing");
        Expect.error(() -> t.db().describeTable(r -> r.tableName(name)), ResourceNotFoundException.class,
                "Requested resource not found: Table: " + name + " not found");
    }

    @Contract
    void deleteTableRemovesTheTableAndASecondDeleteIsResourceNotFound(DynamoTarget t) {
        String name = t.createTable(DynamoTarget.hashTableRequest(t.newTableName("delete")).build());
        TableDescription deleting = t.db().deleteTable(r -> r.tableName(name)).tableDescription();
        assertThat(deleting.tableName()).isEqualTo(name);
        assertThat(deleting.tableStatus()).isIn(TableStatus.DELETING, TableStatus.ACTIVE);
        t.awaitDeleted(name);
        Expect.error(() -> t.db().deleteTable(r -> r.tableName(name)), ResourceNotFoundException.class,
                t.deviates(DynamoTarget.Kind.MOTO, "DeleteTable's ResourceNotFoundException lacks \": Table: NAME not found\"")
                        ? "Requested resource not found"
                        : "Requested resource not found: Table: " + name + " not found");
        Expect.error(() -> t.db().getItem(r -> r.tableName(name).key(Av.item("pk", Av.s("a")))),
                ResourceNotFoundException.class, "Requested resource not found");
    }

    @Contract
    void listTablesPagesThroughEveryTableInNameOrder(DynamoTarget t) {
        String first = t.table(DynamoTarget.HASH);
        String second = t.table(DynamoTarget.RANGE);
        List<String> all = new ArrayList<>();
        String start = null;
        int pages = 0;
        do {
            String from = start;
            ListTablesResponse page = t.db().listTables(r -> r.limit(1).exclusiveStartTableName(from));
            assertThat(page.tableNames()).hasSizeLessThanOrEqualTo(1);
            all.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
            if (start != null) {
                assertThat(start).isEqualTo(page.tableNames().get(0));
            }
            pages++;
        } while (start != null && pages < 1000);
        assertThat(all).contains(first, second).doesNotHaveDuplicates();
        assertThat(t.db().listTables().tableNames()).contains(first, second);
        if (!t.deviates(DynamoTarget.Kind.MOTO, "ListTables returns names in creation order, not name order")) {
            assertThat(all).isSorted();
        }
    }

    @Contract
    void timeToLiveIsDisabledUntilEnabledOnAnAttribute(DynamoTarget t) {
        String name = t.createTable(DynamoTarget.hashTableRequest(t.newTableName("ttl")).build());
        TimeToLiveDescription before = t.db().describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
        assertThat(before.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(before.attributeName()).isNull();

        var updated = t.db().updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))).timeToLiveSpecification();
        assertThat(updated.enabled()).isTrue();
        assertThat(updated.attributeName()).isEqualTo("expiresAt");

        TimeToLiveDescription after = t.db().describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
        assertThat(after.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLING, TimeToLiveStatus.ENABLED);
        assertThat(after.attributeName()).isEqualTo("expiresAt");
    }

    @Contract
    void anExpiredItemIsStillReturnedUntilTheSweepDeletesIt(DynamoTarget t) {
        // DynamoDB deletes expired items within days, not at once; until then reads return them.
        String name = t.createTable(DynamoTarget.hashTableRequest(t.newTableName("ttl-expired")).build());
        t.db().updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));
        long past = java.time.Instant.now().getEpochSecond() - 3600;
        var item = Av.item("pk", Av.s("expired"), "expiresAt", Av.n(past));
        t.db().putItem(r -> r.tableName(name).item(item));
        assertThat(t.db().getItem(r -> r.tableName(name).key(Av.item("pk", Av.s("expired"))).consistentRead(true))
                .item()).isEqualTo(item);
    }

    @Contract
    void timeToLiveOfAMissingTableIsResourceNotFound(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "TTL operations on a missing table answer __type ResourceNotFound");
        String name = t.newTableName("ttl-missing");
        Expect.error(() -> t.db().describeTimeToLive(r -> r.tableName(name)), "ResourceNotFoundException");
        Expect.error(() -> t.db().updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("ttl"))), "ResourceNotFoundException");
    }
}

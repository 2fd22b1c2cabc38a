package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static dev.sipcredentials.dynamodb.conformance.DynamoTarget.attribute;
import static dev.sipcredentials.dynamodb.conformance.DynamoTarget.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** UpdateTable (throughput, billing mode, GSI create and delete) and TagResource, UntagResource, ListTagsOfResource. */
class UpdateTableAndTagsContractTest {

    private static String provisionedTable(DynamoTarget t) {
        String name = t.newTableName("update");
        return t.createTable(DynamoTarget.hashTableRequest(name).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)).build());
    }

    @Contract
    void updateTableChangesThroughputAndBillingMode(DynamoTarget t) {
        String name = provisionedTable(t);
        t.db().updateTable(r -> r.tableName(name).provisionedThroughput(p -> p.readCapacityUnits(6L).writeCapacityUnits(7L)));
        t.awaitActive(name);
        TableDescription described = t.db().describeTable(r -> r.tableName(name)).table();
        assertThat(described.provisionedThroughput().readCapacityUnits()).isEqualTo(6L);
        assertThat(described.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);

        t.db().updateTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST));
        t.awaitActive(name);
        assertThat(t.db().describeTable(r -> r.tableName(name)).table().billingModeSummary().billingMode())
                .isEqualTo(BillingMode.PAY_PER_REQUEST);
        if (t.deviates(DynamoTarget.Kind.MOTO, "accepts ProvisionedThroughput on a PAY_PER_REQUEST table")) {
            return;
        }
        Expect.validation(() -> t.db().updateTable(r -> r.tableName(name)
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))),
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
    }

    @Contract
    void anUnchangedThroughputOrAnEmptyUpdateIsRefused(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts an UpdateTable that changes nothing");
        String name = provisionedTable(t);
        Expect.validationStartingWith(() -> t.db().updateTable(r -> r.tableName(name)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))),
                "The provisioned throughput for the table will not change. The requested value equals the current value.");
        Expect.validationStartingWith(() -> t.db().updateTable(r -> r.tableName(name)),
                "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates");
    }

    @Contract
    void aCreatedGlobalIndexHoldsTheItemsWrittenBeforeItAndIsDeletedAgain(DynamoTarget t) {
        String name = t.newTableName("update");
        t.createTable(DynamoTarget.hashTableRequest(name).build());
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("a"), "colour", s("red"))));
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("b"), "colour", s("blue"))));
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("c"))));
        t.db().updateTable(r -> r.tableName(name).attributeDefinitions(attribute("colour", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byColour")
                        .keySchema(key("colour", KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL))).build()));
        awaitIndexActive(t, name);
        t.db().putItem(r -> r.tableName(name).item(item("pk", s("d"), "colour", s("red"))));
        List<String> red = t.db().query(r -> r.tableName(name).indexName("byColour").keyConditionExpression("colour = :c")
                .expressionAttributeValues(item(":c", s("red")))).items().stream().map(i -> i.get("pk").s()).sorted().toList();
        assertThat(red).containsExactly("a", "d");

        if (!t.deviates(DynamoTarget.Kind.MOTO, "HTTP 500 for creating an index that exists")) {
            Expect.validation(() -> t.db().updateTable(r -> r.tableName(name).attributeDefinitions(
                attribute("colour", ScalarAttributeType.S)).globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .create(c -> c.indexName("byColour").keySchema(key("colour", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL))).build())),
                    "Attempting to create an index which already exists");
        }

        t.db().updateTable(r -> r.tableName(name).globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("byColour")).build()));
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (t.db().describeTable(r -> r.tableName(name)).table().hasGlobalSecondaryIndexes()
                && !t.db().describeTable(r -> r.tableName(name)).table().globalSecondaryIndexes().isEmpty()) {
            assertThat(System.nanoTime()).as("index deleted").isLessThan(deadline);
            DynamoTarget.sleep(t.is(DynamoTarget.Kind.AWS) ? 5000 : 20);
        }
    }

    private static void awaitIndexActive(DynamoTarget t, String name) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!t.db().describeTable(r -> r.tableName(name)).table().globalSecondaryIndexes().stream()
                .allMatch(g -> "ACTIVE".equals(g.indexStatusAsString()))) {
            assertThat(System.nanoTime()).as("index active").isLessThan(deadline);
            DynamoTarget.sleep(t.is(DynamoTarget.Kind.AWS) ? 5000 : 20);
        }
    }

    @Contract
    void tagsAreAddedReplacedListedAndRemoved(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "TagResource adds a second tag of an existing key instead of replacing it");
        String name = t.newTableName("tags");
        t.createTable(DynamoTarget.hashTableRequest(name).tags(Tag.builder().key("env").value("dev").build()).build());
        String arn = t.db().describeTable(r -> r.tableName(name)).table().tableArn();
        t.db().tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("a").build(),
                Tag.builder().key("env").value("prod").build()));
        assertThat(t.db().listTagsOfResource(r -> r.resourceArn(arn)).tags()).containsExactlyInAnyOrder(
                Tag.builder().key("env").value("prod").build(), Tag.builder().key("team").value("a").build());
        t.db().untagResource(r -> r.resourceArn(arn).tagKeys("env", "absent"));
        assertThat(t.db().listTagsOfResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("a").build());
    }

    @Contract
    void tagsOfAMissingTableOrAMalformedArnAreRefused(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "other texts for a missing table's ARN and an ARN that names no table");
        String name = provisionedTable(t);
        String arn = t.db().describeTable(r -> r.tableName(name)).table().tableArn();
        String missing = arn.substring(0, arn.indexOf(":table/") + 7) + "missing-" + t.key();
        Expect.error(() -> t.db().tagResource(r -> r.resourceArn(missing).tags(Tag.builder().key("k").value("v").build())),
                ResourceNotFoundException.class, "Requested resource not found: ResourcArn: " + missing + " not found");
        String notATable = "arn:aws:dynamodb:us-east-1:000000000000:thing/" + name;
        Expect.validation(() -> t.db().listTagsOfResource(r -> r.resourceArn(notATable)),
                "Invalid TableArn: Invalid ResourceArn provided as input " + notATable);
        Expect.validation(() -> t.db().tagResource(r -> r.resourceArn(arn).tags(List.of())),
                "Atleast one Tag needs to be provided as Input.");
    }
}

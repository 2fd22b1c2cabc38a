package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.item;
import static dev.sipcredentials.dynamodb.EngineClients.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/** With a db path, every acknowledged write survives kill -9 of the engine's process and a restart. */
class DurabilityTest {

    @Test
    void acknowledgedWritesSurviveKillMinusNine(@TempDir Path dir) throws Exception {
        Process child = startChild(dir);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> deletedAcknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + readPort(child));
            try (DynamoDbClient client = EngineClients.noRetries(endpoint)) {
                EngineClients.createHashTable(client, "durable");
                client.updateTimeToLive(r -> r.tableName("durable").timeToLiveSpecification(
                        TimeToLiveSpecification.builder().enabled(true).attributeName("expiresAt").build()));
                client.putItem(r -> r.tableName("durable").item(item("pk", "to-delete")));
                client.deleteItem(r -> r.tableName("durable").key(key("to-delete")));
                deletedAcknowledged.add("to-delete");
                ExecutorService writers = Executors.newFixedThreadPool(8);
                for (int w = 0; w < 8; w++) {
                    writers.submit(() -> {
                        while (!stop.get()) {
                            String pk = "item-" + next.incrementAndGet();
                            try {
                                client.putItem(r -> r.tableName("durable").item(item("pk", pk, "v", "x".repeat(200)))
                                        .conditionExpression("attribute_not_exists(pk)"));
                                acknowledged.add(pk);
                            } catch (RuntimeException e) {
                                return; // the engine died under us: this write was not acknowledged
                            }
                        }
                    });
                }
                while (acknowledged.size() < 500) {
                    Thread.sleep(5);
                }
                child.destroyForcibly(); // SIGKILL while writes are in flight
                child.waitFor(10, TimeUnit.SECONDS);
                stop.set(true);
                writers.shutdown();
                writers.awaitTermination(30, TimeUnit.SECONDS);
            }
        } finally {
            child.destroyForcibly();
        }

        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            List<String> missing = new ArrayList<>();
            for (String pk : acknowledged) {
                if (!client.getItem(r -> r.tableName("durable").key(key(pk))).hasItem()) {
                    missing.add(pk);
                }
            }
            assertThat(missing).as("acknowledged writes lost (of %d)", acknowledged.size()).isEmpty();
            assertThat(client.getItem(r -> r.tableName("durable").key(key("to-delete"))).hasItem()).isFalse();
            assertThat(client.describeTimeToLive(r -> r.tableName("durable")).timeToLiveDescription().attributeName())
                    .isEqualTo("expiresAt");
            // a fresh write after recovery lands in the log and survives a clean restart too
            client.putItem(r -> r.tableName("durable").item(item("pk", "after-restart")));
        }
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            assertThat(client.getItem(r -> r.tableName("durable").key(key("after-restart"))).hasItem()).isTrue();
            int count = client.scanPaginator(r -> r.tableName("durable").select("COUNT")).stream()
                    .mapToInt(p -> p.count()).sum();
            assertThat(count).isGreaterThanOrEqualTo(acknowledged.size() + 1);
        }
    }

    @Test
    void aTornTailIsCutOffAndLaterWritesStillReplay(@TempDir Path dir) throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            EngineClients.createHashTable(client, "torn");
            client.putItem(r -> r.tableName("torn").item(item("pk", "kept")));
        }
        // a clean close compacts into a snapshot; simulate a crash mid-append on the fresh journal
        Path journal;
        try (var files = Files.list(dir)) {
            journal = files.filter(f -> f.getFileName().toString().startsWith("journal-")).findFirst().orElseThrow();
        }
        Files.write(journal, new byte[] {0, 0, 0, 50, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            assertThat(client.getItem(r -> r.tableName("torn").key(key("kept"))).hasItem()).isTrue();
            client.putItem(r -> r.tableName("torn").item(item("pk", "after-torn")));
        }
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            assertThat(client.getItem(r -> r.tableName("torn").key(key("after-torn"))).item())
                    .containsEntry("pk", AttributeValue.fromS("after-torn"));
        }
    }

    @Test
    void tableDefinitionChangesSurviveJournalReplayAndSnapshot(@TempDir Path dir) throws Exception {
        Process child = startChild(dir);
        try (DynamoDbClient client = EngineClients.noRetries(URI.create("http://127.0.0.1:" + readPort(child)))) {
            client.createTable(r -> r.tableName("defs")
                    .attributeDefinitions(attr("pk"), attr("sk"), attr("l"))
                    .keySchema(keyElement("pk", KeyType.HASH), keyElement("sk", KeyType.RANGE))
                    .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                    .localSecondaryIndexes(l -> l.indexName("byL").projection(p -> p.projectionType(ProjectionType.ALL))
                            .keySchema(keyElement("pk", KeyType.HASH), keyElement("l", KeyType.RANGE)))
                    .tags(Tag.builder().key("env").value("dev").build()));
            client.putItem(r -> r.tableName("defs").item(item("pk", "a", "sk", "1", "l", "x", "g", "y")));
            client.updateTable(r -> r.tableName("defs").attributeDefinitions(attr("g"))
                    .provisionedThroughput(p -> p.readCapacityUnits(7L).writeCapacityUnits(8L))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byG")
                            .keySchema(keyElement("g", KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))).build()));
            String arn = client.describeTable(r -> r.tableName("defs")).table().tableArn();
            client.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("t").build()));
            client.untagResource(r -> r.resourceArn(arn).tagKeys("env"));
            child.destroyForcibly(); // no snapshot: the restart replays the journal
            child.waitFor(10, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            assertDefinitionsChanged(client);
        } // a clean close writes a snapshot
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            assertDefinitionsChanged(client);
            client.updateTable(r -> r.tableName("defs").globalSecondaryIndexUpdates(
                    GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("byG")).build()));
        }
        try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(dir));
                DynamoDbClient client = EngineClients.noRetries(engine.endpoint())) {
            assertThat(client.describeTable(r -> r.tableName("defs")).table().hasGlobalSecondaryIndexes()).isFalse();
            assertThat(client.describeTable(r -> r.tableName("defs")).table().localSecondaryIndexes()).hasSize(1);
        }
    }

    private static void assertDefinitionsChanged(DynamoDbClient client) {
        TableDescription table = client.describeTable(r -> r.tableName("defs")).table();
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(7L);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(8L);
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(g -> {
            assertThat(g.indexName()).isEqualTo("byG");
            assertThat(g.itemCount()).isEqualTo(1L);
        });
        assertThat(table.localSecondaryIndexes()).singleElement().satisfies(l -> assertThat(l.indexName()).isEqualTo("byL"));
        assertThat(client.query(r -> r.tableName("defs").indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(java.util.Map.of(":g", AttributeValue.fromS("y")))).count()).isEqualTo(1);
        assertThat(client.query(r -> r.tableName("defs").indexName("byL").keyConditionExpression("pk = :p AND l = :l")
                .expressionAttributeValues(java.util.Map.of(":p", AttributeValue.fromS("a"), ":l", AttributeValue.fromS("x"))))
                .count()).isEqualTo(1);
        assertThat(client.listTagsOfResource(r -> r.resourceArn(table.tableArn())).tags())
                .containsExactly(Tag.builder().key("team").value("t").build());
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement keyElement(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static Process startChild(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DurabilityChild.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static int readPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("the child engine did not start");
    }
}

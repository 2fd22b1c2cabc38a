package dev.sipcredentials.bench;

import dev.sipcredentials.local.EmbeddedDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM (started with -Xmx256m): the engine in memory in this JVM, N credential items as the store writes
 * them, through the SDK; prints the heap used after a full collection. An OutOfMemoryError fails the run.
 */
public final class EngineHeapChild {
    private EngineHeapChild() {
    }

    public static void main(String[] args) throws Exception {
        int entries = Integer.parseInt(args[0]);
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.start(null);
             DynamoDbClient client = engine.newClient()) {
            client.createTable(b -> b.tableName("heap")
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            ExecutorService writers = Executors.newFixedThreadPool(8);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                done.add(writers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < entries; i = next.getAndIncrement()) {
                        client.putItem(BatchOverhead.floorRequest("heap", "a" + (i % 100), i, "heap#" + i));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            writers.shutdown();
            int count = client.scanPaginator(b -> b.tableName("heap").select("COUNT")).stream()
                    .mapToInt(page -> page.count()).sum();
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "%sstored=%d heapUsedMiB=%.1f maxHeapMiB=%.0f%n", ChildJvm.RESULT_PREFIX,
                    count, used / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        }
        System.exit(0);
    }
}

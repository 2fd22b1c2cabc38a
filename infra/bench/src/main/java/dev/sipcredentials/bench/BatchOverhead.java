package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.Context;
import dev.sipcredentials.testkit.LambdaContexts;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The XML handler in-process against our DynamoDB engine, beside the floor: the same conditional PutItems (same item
 * shape, condition and ReturnValuesOnConditionCheckFailure) sent straight through the same SDK client by
 * {@link DynamoDbClients#WRITE_CONCURRENCY} threads, with no parsing, no futures and no response. Each run gets a
 * fresh table; each repetition runs a size four times in ABBA order (handler, floor, floor, handler, reversed on
 * odd repetitions), so drift of a shared machine hits both sides alike. The ratio is median(handler) /
 * median(floor) over all runs; the median of the per-repetition ABBA ratios is printed beside it, but on a loaded
 * machine a ratio of few noisy runs is noisier than either median, so the target is judged on the ratio of
 * medians.
 */
public final class BatchOverhead {
    private static final String NOT_EXISTS = "attribute_not_exists(pk)";

    private final LocalDatabase database;
    private final DynamoDbClient client;
    private final ExecutorService handlerWriters;
    private final ExecutorService floorWriters;
    private final Context context = LambdaContexts.quiet();
    private final AtomicInteger runs = new AtomicInteger();

    /** One size's figures: microseconds per entry (medians), their ratio, and the median of paired ratios. */
    public record Row(int entries, double handlerMicrosPerEntry, double floorMicrosPerEntry, double ratio,
                      double pairedRatio) {
    }

    public BatchOverhead(LocalDatabase database) {
        this.database = database;
        useEngine(database);
        this.client = DynamoDbClients.fromSettings();
        this.handlerWriters = Executors.newFixedThreadPool(DynamoDbClients.WRITE_CONCURRENCY, daemon("handler"));
        this.floorWriters = Executors.newFixedThreadPool(DynamoDbClients.WRITE_CONCURRENCY, daemon("floor"));
    }

    /** The settings the Lambda's clients read (DynamoDbClients.fromSettings, the sealers), pointed at the engine. */
    static void useEngine(LocalDatabase database) {
        System.setProperty("DYNAMODB_ENDPOINT", database.endpoint());
        System.setProperty("AWS_REGION", "us-east-1");
        try {
            // The store seals Hash1/Hash1b; locally with a master key file, as the local stack provides one.
            System.setProperty("LOCAL_MASTER_KEY_FILE", ColdStart.localMasterKey().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public List<Row> measure(int[] sizes, int warmups, int repetitions, PrintStream log) {
        for (int w = 0; w < warmups; w++) {
            for (int size : sizes) {
                handlerRun(size);
                floorRun(size);
            }
        }
        Map<Integer, List<Double>> handler = new LinkedHashMap<>();
        Map<Integer, List<Double>> floor = new LinkedHashMap<>();
        Map<Integer, List<Double>> ratios = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            for (int size : sizes) {
                // ABBA (BAAB on odd repetitions): a load that rises or falls steadily over the four runs costs
                // handler and floor the same.
                boolean handlerFirst = rep % 2 == 0;
                double[] h = new double[2];
                double[] f = new double[2];
                if (handlerFirst) {
                    h[0] = handlerRun(size);
                    f[0] = floorRun(size);
                    f[1] = floorRun(size);
                    h[1] = handlerRun(size);
                } else {
                    f[0] = floorRun(size);
                    h[0] = handlerRun(size);
                    h[1] = handlerRun(size);
                    f[1] = floorRun(size);
                }
                for (int i = 0; i < 2; i++) {
                    handler.computeIfAbsent(size, k -> new ArrayList<>()).add(h[i] / size);
                    floor.computeIfAbsent(size, k -> new ArrayList<>()).add(f[i] / size);
                }
                ratios.computeIfAbsent(size, k -> new ArrayList<>()).add((h[0] + h[1]) / (f[0] + f[1]));
            }
            log.printf(Locale.ROOT, "  batch repetition %d/%d done%n", rep + 1, repetitions);
        }
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            double handlerMedian = Stats.median(handler.get(size));
            double floorMedian = Stats.median(floor.get(size));
            rows.add(new Row(size, handlerMedian, floorMedian, handlerMedian / floorMedian,
                    Stats.median(ratios.get(size))));
        }
        return rows;
    }

    /** Microseconds for one handler invocation of {@code size} entries into a fresh table. */
    double handlerRun(int size) {
        String table = database.freshTable("handler");
        try {
            CreateSipCredentials handler = TestHandlers.bandwidth(
                    new DynamoDbSipCredentialStore(client, table, Clock.systemUTC()), handlerWriters);
            String account = "h" + runs.incrementAndGet();
            APIGatewayV2HTTPEvent event = Workloads.bandwidthEvent(account, Workloads.bandwidthXml(size), false,
                    "bench-" + account);
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            long elapsed = System.nanoTime() - start;
            int created = Workloads.count(response.getBody(), "<SipCredential>");
            if (response.getStatusCode() != 201 || created != size || response.getBody().contains("<Errors>")) {
                throw new IllegalStateException("handler run of " + size + " did not create every entry: status "
                        + response.getStatusCode() + ", " + created + " created");
            }
            return elapsed / 1e3;
        } finally {
            database.drop(table);
        }
    }

    /** Microseconds for the floor's {@code size} conditional PutItems into a fresh table. */
    double floorRun(int size) {
        String table = database.freshTable("floor");
        try {
            String account = "f" + runs.incrementAndGet();
            long start = System.nanoTime();
            int created = floorWrites(table, account, size);
            long elapsed = System.nanoTime() - start;
            if (created != size) {
                throw new IllegalStateException("floor run of " + size + " created " + created);
            }
            return elapsed / 1e3;
        } finally {
            database.drop(table);
        }
    }

    private int floorWrites(String table, String account, int size) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        String writeTokenId = "bench-" + account;
        int writers = Math.min(size, DynamoDbClients.WRITE_CONCURRENCY);
        List<Future<?>> done = new ArrayList<>(writers);
        for (int w = 0; w < writers; w++) {
            done.add(floorWriters.submit(() -> {
                for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
                    client.putItem(floorRequest(table, account, i, writeTokenId + "#" + i));
                    created.incrementAndGet();
                }
            }));
        }
        for (Future<?> writer : done) {
            try {
                writer.get();
            } catch (Exception e) {
                throw new IllegalStateException("floor write failed", e);
            }
        }
        return created.get();
    }

    /** The request DynamoDbSipCredentialStore sends for entry {@code i}, built by hand. */
    static PutItemRequest floorRequest(String table, String account, int i, String writeToken) {
        String userName = Workloads.userName(i);
        String name = userName + "@" + Workloads.DOMAIN;
        Map<String, AttributeValue> item = new HashMap<>(12);
        item.put("pk", AttributeValue.fromS("bw#" + account + "#" + name.toLowerCase(Locale.ROOT)));
        item.put("kind", AttributeValue.fromS("bandwidth-sip-credential"));
        item.put("accountId", AttributeValue.fromS(account));
        // The listing keys every create writes (tenantListing index), computed as the store computes them.
        dev.sipcredentials.store.ListingKeys.Keys listing = dev.sipcredentials.store.ListingKeys.of(item);
        item.put("listPk", AttributeValue.fromS(listing.listPk()));
        item.put("listSk", AttributeValue.fromS(listing.listSk()));
        item.put("name", AttributeValue.fromS(name));
        item.put("userName", AttributeValue.fromS(userName));
        item.put("domain", AttributeValue.fromS(Workloads.DOMAIN));
        // The sealed hashes' attributes, of their sizes (AES-256-GCM: 12-byte nonces, hash + 16-byte tag; a wrapped
        // local data key of 60 bytes), without the sealing: the floor is DynamoDB's cost alone.
        item.put("hashAlgorithm", AttributeValue.fromS("AES-256-GCM"));
        item.put("hashKeyId", AttributeValue.fromS("local:floor"));
        item.put("hashAadVersion", AttributeValue.fromS("1"));
        item.put("hashDataKey", bytes(60));
        item.put("hash1Nonce", bytes(12));
        item.put("hash1Ciphertext", bytes(Workloads.hash1(i).length() + 16));
        item.put("hash1bNonce", bytes(12));
        item.put("hash1bCiphertext", bytes(Workloads.hash1b(i).length() + 16));
        String now = Instant.now().toString();
        item.put("createdAt", AttributeValue.fromS(now));
        item.put("updatedAt", AttributeValue.fromS(now));
        item.put("createdBy", AttributeValue.fromS("unknown"));
        item.put("updatedBy", AttributeValue.fromS("unknown"));
        item.put("writeToken", AttributeValue.fromS(writeToken));
        return PutItemRequest.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(NOT_EXISTS)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private static AttributeValue bytes(int length) {
        byte[] value = new byte[length];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(value);
        return AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(value));
    }

    /**
     * Writes one entry each way and compares the stored items, so the floor cannot drift from what the store
     * writes: same attribute names, same values except those that name the request (key, account, token, time).
     */
    public String checkSameItemShape() {
        String table = database.freshTable("shape");
        try {
            CreateSipCredentials handler = TestHandlers.bandwidth(
                    new DynamoDbSipCredentialStore(client, table, Clock.systemUTC()), handlerWriters);
            handler.handleRequest(Workloads.bandwidthEvent("shapeh", Workloads.bandwidthXml(1), false, "shape-h"),
                    context);
            client.putItem(floorRequest(table, "shapef", 0, "shape-f#0"));
            Map<String, AttributeValue> viaHandler = get(table, "bw#shapeh#" + key0());
            Map<String, AttributeValue> viaFloor = get(table, "bw#shapef#" + key0());
            if (!viaHandler.keySet().equals(viaFloor.keySet())) {
                throw new IllegalStateException("floor item attributes " + viaFloor.keySet() + " differ from the store's "
                        + viaHandler.keySet());
            }
            for (String attribute : viaHandler.keySet()) {
                if (!List.of("pk", "listPk", "accountId", "writeToken", "createdAt", "updatedAt", "createdBy", "updatedBy",
                        "hashKeyId", "hashDataKey", "hash1Nonce", "hash1Ciphertext", "hash1bNonce", "hash1bCiphertext")
                        .contains(attribute)
                        && !viaHandler.get(attribute).equals(viaFloor.get(attribute))) {
                    throw new IllegalStateException("floor item differs from the store's in " + attribute);
                }
            }
            return "same attributes " + viaHandler.keySet();
        } finally {
            database.drop(table);
        }
    }

    private static String key0() {
        return (Workloads.userName(0) + "@" + Workloads.DOMAIN).toLowerCase(Locale.ROOT);
    }

    private Map<String, AttributeValue> get(String table, String pk) {
        Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("no item " + pk);
        }
        return item;
    }

    public void close() {
        handlerWriters.shutdownNow();
        floorWriters.shutdownNow();
        client.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.testkit.LambdaContexts;
import dev.sipcredentials.testkit.TestHandlers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * GET of one credential: the handler in-process against our DynamoDB engine beside its floor, the GetItem alone
 * (same key, consistent read, same projection) through the same SDK client. One request at a time, as a Lambda
 * serves them; rounds in ABBA order (handler, floor, floor, handler, reversed on odd rounds) so drift of a shared
 * machine hits both alike. Target: median(handler) / median(floor) at most 1.15.
 */
final class ReadOverhead {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the store's GET asks for (store/OrganizationCredentialItem.READ_PROJECTION): the floor must fetch the same. */
    private static final String PROJECTION = "#id, #hostname, #port, #username, #maxAgentTasks";
    private static final Map<String, String> PROJECTION_NAMES = Map.of("#id", "id", "#hostname", "hostname",
            "#port", "port", "#username", "username", "#maxAgentTasks", "maxAgentTasks");

    private final LocalDatabase database;
    private final DynamoDbClient client;
    private final Context context = LambdaContexts.quiet();

    ReadOverhead(LocalDatabase database) {
        this.database = database;
        BatchOverhead.useEngine(database);
        this.client = DynamoDbClients.fromSettings();
    }

    /** Prints the deepslate GET's figures: {@code credentials} items, each read once per round and side. */
    void deepslateGet(PrintStream out, int credentials, int rounds) {
        String table = database.freshTable("get");
        try {
            String vendor = UUID.randomUUID().toString();
            String organization = UUID.randomUUID().toString();
            DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(client, table, Clock.systemUTC());
            CreateSipCredential create = TestHandlers.deepslate(store, Clock.systemUTC(), UUID::randomUUID);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < credentials; i++) {
                APIGatewayV2HTTPResponse created = create.handleRequest(
                        Workloads.deepslateEvent(vendor, organization, Workloads.userName(i), "seed-" + i), context);
                ids.add(JSON.readTree(created.getBody()).path("data").path("id").asText());
            }
            dev.sipcredentials.deepslate.GetSipCredential handler = new dev.sipcredentials.deepslate.GetSipCredential(store, Clock.systemUTC());
            compare(out, "deepslate", ids,
                    id -> handler.handleRequest(Workloads.deepslateGetEvent(vendor, organization, id, "get-" + id),
                            context).getStatusCode(),
                    id -> GetItemRequest.builder().tableName(table)
                            .key(Map.of("pk", AttributeValue.fromS("ds#" + vendor + "#" + organization + "#cred#" + id)))
                            .consistentRead(true).projectionExpression(PROJECTION)
                            .expressionAttributeNames(PROJECTION_NAMES).build(),
                    rounds);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            database.drop(table);
        }
    }

    /**
     * The same for the XML GET: the handler opens the sealed Hash1/Hash1b (a data-key unwrap and two AES-GCM
     * decryptions, with the local master key), the floor reads the whole item as the handler's GetItem does.
     */
    void bandwidthGet(PrintStream out, int credentials, int rounds) {
        String table = database.freshTable("get");
        try {
            String account = "get" + UUID.randomUUID().toString().substring(0, 8);
            DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(client, table, Clock.systemUTC());
            APIGatewayV2HTTPResponse created = TestHandlers.bandwidth(store, Runnable::run).handleRequest(
                    Workloads.bandwidthEvent(account, Workloads.bandwidthXml(credentials), false, "seed"), context);
            if (created.getStatusCode() != 201) {
                throw new IllegalStateException("seed batch answered " + created.getStatusCode());
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < credentials; i++) {
                names.add(Workloads.userName(i) + "@" + Workloads.DOMAIN);
            }
            dev.sipcredentials.bandwidth.GetSipCredential handler = new dev.sipcredentials.bandwidth.GetSipCredential(store);
            compare(out, "Bandwidth", names,
                    name -> handler.handleRequest(Workloads.bandwidthGetEvent(account, name, "get-" + name), context)
                            .getStatusCode(),
                    name -> GetItemRequest.builder().tableName(table)
                            .key(Map.of("pk", AttributeValue.fromS("bw#" + account + "#" + name.toLowerCase(Locale.ROOT))))
                            .consistentRead(true).build(),
                    rounds);
        } finally {
            database.drop(table);
        }
    }

    private void compare(PrintStream out, String api, List<String> keys, Function<String, Integer> handler,
                         Function<String, GetItemRequest> floor, int rounds) {
        List<Double> handlerMicros = new ArrayList<>();
        List<Double> floorMicros = new ArrayList<>();
        // One warm-up round of each: the JIT, the connection pool.
        handlerRound(handler, keys, new ArrayList<>());
        floorRound(floor, keys, new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                handlerRound(handler, keys, handlerMicros);
                floorRound(floor, keys, floorMicros);
                floorRound(floor, keys, floorMicros);
                handlerRound(handler, keys, handlerMicros);
            } else {
                floorRound(floor, keys, floorMicros);
                handlerRound(handler, keys, handlerMicros);
                handlerRound(handler, keys, handlerMicros);
                floorRound(floor, keys, floorMicros);
            }
        }
        double handlerMedian = Stats.median(handlerMicros);
        double floorMedian = Stats.median(floorMicros);
        out.printf(Locale.ROOT, "== GET one credential (%s): %d requests per side, one at a time, in memory; now %s%n",
                api, handlerMicros.size(), Machine.load());
        out.printf(Locale.ROOT, "  handler %8.1f us   floor (GetItem alone) %8.1f us   handler/floor %.3f"
                + " (target <= 1.15: %s)%n", handlerMedian, floorMedian, handlerMedian / floorMedian,
                handlerMedian / floorMedian <= 1.15 ? "met" : "MISSED");
    }

    private static void handlerRound(Function<String, Integer> handler, List<String> keys, List<Double> micros) {
        for (String key : keys) {
            long start = System.nanoTime();
            int status = handler.apply(key);
            micros.add((System.nanoTime() - start) / 1e3);
            if (status != 200) {
                throw new IllegalStateException("GET " + key + " answered " + status);
            }
        }
    }

    private void floorRound(Function<String, GetItemRequest> floor, List<String> keys, List<Double> micros) {
        for (String key : keys) {
            GetItemRequest request = floor.apply(key);
            long start = System.nanoTime();
            Map<String, AttributeValue> item = client.getItem(request).item();
            micros.add((System.nanoTime() - start) / 1e3);
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("floor GetItem found no " + key);
            }
        }
    }
}

package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.deepslate.DeepslateSipCredentialsHandler;
import dev.sipcredentials.deepslate.GetSipCredentialHandler;
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

/**
 * GET of one credential: the handler in-process against our DynamoDB engine beside its floor, the GetItem alone
 * (same key, consistent read, same projection) through the same SDK client. One request at a time, as a Lambda
 * serves them; rounds in ABBA order (handler, floor, floor, handler, reversed on odd rounds) so drift of a shared
 * machine hits both alike. Target: median(handler) / median(floor) at most 1.15.
 */
final class ReadOverhead {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the store's GET asks for (store/CredentialItems.READ_PROJECTION): the floor must fetch the same. */
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
            DeepslateSipCredentialsHandler create = TestHandlers.deepslate(store, Clock.systemUTC(), UUID::randomUUID);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < credentials; i++) {
                APIGatewayV2HTTPResponse created = create.handleRequest(
                        Workloads.deepslateEvent(vendor, organization, Workloads.userName(i), "seed-" + i), context);
                ids.add(JSON.readTree(created.getBody()).path("data").path("id").asText());
            }
            GetSipCredentialHandler handler = new GetSipCredentialHandler(store, Clock.systemUTC());
            List<Double> handlerMicros = new ArrayList<>();
            List<Double> floorMicros = new ArrayList<>();
            // One warm-up round of each: the JIT, the connection pool.
            handlerRound(handler, vendor, organization, ids, new ArrayList<>());
            floorRound(table, vendor, organization, ids, new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    handlerRound(handler, vendor, organization, ids, handlerMicros);
                    floorRound(table, vendor, organization, ids, floorMicros);
                    floorRound(table, vendor, organization, ids, floorMicros);
                    handlerRound(handler, vendor, organization, ids, handlerMicros);
                } else {
                    floorRound(table, vendor, organization, ids, floorMicros);
                    handlerRound(handler, vendor, organization, ids, handlerMicros);
                    handlerRound(handler, vendor, organization, ids, handlerMicros);
                    floorRound(table, vendor, organization, ids, floorMicros);
                }
            }
            double handlerMedian = Stats.median(handlerMicros);
            double floorMedian = Stats.median(floorMicros);
            out.printf(Locale.ROOT, "== GET one credential (deepslate): %d requests per side, one at a time, in memory;"
                    + " now %s%n", handlerMicros.size(), Machine.load());
            out.printf(Locale.ROOT, "  handler %8.1f us   floor (GetItem alone) %8.1f us   handler/floor %.3f"
                    + " (target <= 1.15: %s)%n", handlerMedian, floorMedian, handlerMedian / floorMedian,
                    handlerMedian / floorMedian <= 1.15 ? "met" : "MISSED");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            database.drop(table);
        }
    }

    private void handlerRound(GetSipCredentialHandler handler, String vendor, String organization, List<String> ids,
                              List<Double> micros) {
        for (String id : ids) {
            APIGatewayV2HTTPEvent event = Workloads.deepslateGetEvent(vendor, organization, id, "get-" + id);
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            micros.add((System.nanoTime() - start) / 1e3);
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("GET " + id + " answered " + response.getStatusCode());
            }
        }
    }

    private void floorRound(String table, String vendor, String organization, List<String> ids, List<Double> micros) {
        for (String id : ids) {
            GetItemRequest request = GetItemRequest.builder().tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("ds#" + vendor + "#" + organization + "#cred#" + id)))
                    .consistentRead(true).projectionExpression(PROJECTION).expressionAttributeNames(PROJECTION_NAMES)
                    .build();
            long start = System.nanoTime();
            Map<String, AttributeValue> item = client.getItem(request).item();
            micros.add((System.nanoTime() - start) / 1e3);
            if (item == null || item.isEmpty()) {
                throw new IllegalStateException("floor GetItem found no " + id);
            }
        }
    }
}

package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.deepslate.DeleteSipCredential;
import dev.sipcredentials.deepslate.GetSipCredential;
import dev.sipcredentials.deepslate.UpdateSipCredential;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import dev.sipcredentials.sealing.PasswordSealer;
import dev.sipcredentials.store.StoredPasswords;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deepslate's PUT of one credential through its handler, against our DynamoDB engine and the contract: the answers,
 * and what the table holds after each (records and guards), alone and racing creates, changes and deletes.
 */
class DeepslateUpdateIT {
    static final String PUT =
            "PUT /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vendor = UUID.randomUUID().toString();
    private final String organization = UUID.randomUUID().toString();
    private String table;
    private CreateSipCredential create;
    private UpdateSipCredential update;
    private DeleteSipCredential delete;
    private GetSipCredential get;

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        DynamoDbSipCredentialStore store = TestStack.store(table);
        create = TestHandlers.deepslate(store, Clock.systemUTC(), UUID::randomUUID);
        update = new UpdateSipCredential(store, Clock.systemUTC(), TestHandlers.idempotencyOf(store,
                Clock.systemUTC()));
        delete = new DeleteSipCredential(store, Clock.systemUTC(), TestHandlers.idempotencyOf(store,
                Clock.systemUTC()));
        get = new GetSipCredential(store, Clock.systemUTC());
    }

    private static String body(String hostname, int port, String username, String password, int maxAgentTasks) {
        return "{\"hostname\": \"" + hostname + "\", \"port\": " + port + ", \"username\": \"" + username
                + "\", \"password\": \"" + password + "\", \"maxAgentTasks\": " + maxAgentTasks + "}";
    }

    private APIGatewayV2HTTPResponse created(String username) {
        return createdIn(organization, username);
    }

    private APIGatewayV2HTTPResponse createdIn(String org, String username) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + org + "/sip/credentials";
        return ContractValidator.invoke(create, TestStack.event(DeepslateApiIT.ROUTE, path,
                Map.of("vendorId", vendor, "organizationId", org), "application/json",
                body("sip.example.com", 5060, username, "first-password", 10), false, "trace-" + UUID.randomUUID()),
                null);
    }

    private String createdId(String username) throws Exception {
        APIGatewayV2HTTPResponse response = created(username);
        assertThat(response.getStatusCode()).isEqualTo(201);
        return JSON.readTree(response.getBody()).path("data").path("id").asText();
    }

    private APIGatewayV2HTTPEvent event(String routeKey, String id, String contentType, String body,
                                        String idempotencyKey) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials/" + id;
        APIGatewayV2HTTPEvent event = TestStack.event(routeKey, path,
                Map.of("vendorId", vendor, "organizationId", organization, "sipCredentialsId", id), contentType, body,
                false, "trace-" + UUID.randomUUID());
        if (idempotencyKey != null) {
            Map<String, String> headers = new HashMap<>(event.getHeaders());
            headers.put("idempotency-key", idempotencyKey);
            event.setHeaders(headers);
        }
        return event;
    }

    private APIGatewayV2HTTPResponse put(String id, String body, String idempotencyKey) {
        return ContractValidator.invoke(update, event(PUT, id, "application/json", body, idempotencyKey), null);
    }

    private APIGatewayV2HTTPResponse deleted(String id) {
        return ContractValidator.invoke(delete, event(DeepslateDeleteIT.DELETE, id, null, null, null), null);
    }

    private JsonNode read(String id) throws Exception {
        APIGatewayV2HTTPResponse response = ContractValidator.invoke(get, event(DeepslateGetIT.GET, id, null, null,
                null), null);
        return response.getStatusCode() == 200 ? JSON.readTree(response.getBody()).path("data") : null;
    }

    /** Every deepslate item of the table by its key. */
    private Map<String, Map<String, AttributeValue>> deepslateItems() {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        TestStack.items(table).forEach(item -> {
            if (item.get("pk").s().startsWith("ds#")) {
                items.put(item.get("pk").s(), item);
            }
        });
        return items;
    }

    private Map<String, AttributeValue> record(String id) {
        return deepslateItems().values().stream().filter(i -> i.get("pk").s().endsWith("#cred#" + id)).findFirst()
                .orElse(null);
    }

    /** The guards' keys (their SIP logins) by the credential each names. */
    private Map<String, List<String>> guardsByCredential() {
        Map<String, List<String>> guards = new TreeMap<>();
        deepslateItems().values().stream().filter(i -> "deepslate-sip-account-guard".equals(i.get("kind").s()))
                .forEach(g -> guards.computeIfAbsent(g.get("credentialId").s(), k -> new ArrayList<>())
                        .add(g.get("pk").s()));
        return guards;
    }

    private String guardKey(String hostname, int port, String username) {
        return "ds#" + vendor + "#" + organization + "#sip#" + hostname + "#" + port + "#" + username;
    }

    @Test
    void aNewLoginMovesTheGuardInTheSameWriteAndKeepsWhatTheCreateSet() throws Exception {
        String id = createdId("agent001");
        Map<String, AttributeValue> before = record(id);

        APIGatewayV2HTTPResponse response = put(id, body("SIP2.Example.com", 5061, "agent002", "second-password", 12),
                null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.getBody());
        assertThat(answer.path("message").asText()).isEqualTo("Successfully updated sip credentials");
        assertThat(answer.path("data").toString()).isEqualTo("{\"id\":\"" + id + "\",\"hostname\":\"SIP2.Example.com\","
                + "\"port\":5061,\"username\":\"agent002\",\"maxAgentTasks\":12}");
        assertThat(response.getBody()).doesNotContain("second-password");
        assertThat(read(id)).isEqualTo(answer.path("data"));
        assertThat(guardsByCredential()).isEqualTo(Map.of(id, List.of(guardKey("sip2.example.com", 5061, "agent002"))));
        Map<String, AttributeValue> after = record(id);
        for (String kept : List.of("createdAt", "createdBy", "listPk", "listSk", "kind", "id", "vendorId",
                "organizationId")) {
            assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
        }
        assertThat(after.get("updatedAt").s()).isGreaterThan(before.get("updatedAt").s());
        assertThat(after.get("passwordCiphertext")).isNotEqualTo(before.get("passwordCiphertext"));
        assertThat(StoredPasswords.open(after, sealer())).as("sealed anew, bound to the new login")
                .isEqualTo("second-password");
        assertThat(after.toString()).doesNotContain("second-password");
        assertThat(created("agent001").getStatusCode()).as("the old login is free again").isEqualTo(201);
    }

    @Test
    void theSameLoginChangesTheRecordOnlyAndLeavesItsGuard() throws Exception {
        String id = createdId("agent001");
        Map<String, AttributeValue> guardBefore = deepslateItems().get(guardKey("sip.example.com", 5060, "agent001"));

        // The host in another case is the same SIP server: the guard stays, the record keeps the new spelling.
        APIGatewayV2HTTPResponse response = put(id, body("SIP.example.COM", 5060, "agent001", "rotated", 3), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(read(id).path("hostname").asText()).isEqualTo("SIP.example.COM");
        assertThat(read(id).path("maxAgentTasks").asInt()).isEqualTo(3);
        assertThat(deepslateItems().get(guardKey("sip.example.com", 5060, "agent001"))).isEqualTo(guardBefore);
        assertThat(guardsByCredential()).containsOnlyKeys(id);
        assertThat(StoredPasswords.open(record(id), sealer())).isEqualTo("rotated");
    }

    @Test
    void aLoginAnotherCredentialHoldsIs409AndNothingChanges() throws Exception {
        String id = createdId("agent001");
        createdId("agent002");
        Map<String, Map<String, AttributeValue>> before = deepslateItems();

        APIGatewayV2HTTPResponse response = put(id, body("sip.example.com", 5060, "agent002", "x-password", 10), null);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(JSON.readTree(response.getBody()).path("code").asText()).isEqualTo("DUPLICATE_CREDENTIAL");
        assertThat(deepslateItems()).isEqualTo(before);
    }

    @Test
    void everyBadInputIsADocumented4xxAndTheTableIsUnchanged() throws Exception {
        String id = createdId("agent001");
        String othersId;
        String otherOrganization = UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse other = createdIn(otherOrganization, "agent001");
        othersId = JSON.readTree(other.getBody()).path("data").path("id").asText();
        List<Map<String, AttributeValue>> before = TestStack.items(table);
        String good = body("sip.example.com", 5061, "agent001", "x-password", 10);

        Map<String, APIGatewayV2HTTPResponse> answers = new TreeMap<>();
        answers.put("unknown id", put(UUID.randomUUID().toString(), good, null));
        answers.put("another organization's id", put(othersId, good, null));
        answers.put("bad id", put("1-1-1-1-1", good, null));
        answers.put("port 0", put(id, body("sip.example.com", 0, "agent001", "x-password", 10), null));
        answers.put("no password", put(id, "{\"hostname\": \"sip.example.com\", \"port\": 5060,"
                + " \"username\": \"agent001\"}", null));
        answers.put("unknown field", put(id, "{\"hostname\": \"sip.example.com\", \"port\": 5060,"
                + " \"username\": \"agent001\", \"password\": \"p\", \"id\": \"" + othersId + "\"}", null));
        answers.put("not json", put(id, "{\"hostname\": ", null));
        answers.put("bad idempotency key", put(id, good, "has space"));
        answers.put("wrong media type", ContractValidator.invoke(update, event(PUT, id, "text/plain", good, null),
                null));

        Map<String, String> codes = new TreeMap<>();
        answers.forEach((name, response) -> {
            try {
                codes.put(name, response.getStatusCode() + " " + JSON.readTree(response.getBody()).path("code").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "unknown id", "404 NOT_FOUND",
                "another organization's id", "404 NOT_FOUND",
                "bad id", "400 VALIDATION_FAILED",
                "port 0", "400 VALIDATION_FAILED",
                "no password", "400 VALIDATION_FAILED",
                "unknown field", "400 VALIDATION_FAILED",
                "not json", "400 MALFORMED_JSON",
                "bad idempotency key", "400 INVALID_IDEMPOTENCY_KEY",
                "wrong media type", "415 UNSUPPORTED_MEDIA_TYPE"));
        assertThat(answers.values()).allSatisfy(r -> assertThat(r.getBody()).doesNotContain("x-password", "Exception"));
        assertThat(new HashSet<>(TestStack.items(table))).isEqualTo(new HashSet<>(before));
    }

    @Test
    void aKeyedRetryReplaysTheFirstAnswerAndTheKeyIsBoundToTheBodyAndTheId() throws Exception {
        String id = createdId("agent001");
        String other = createdId("agent002");
        String moved = body("sip.example.com", 5070, "agent001", "new-password", 10);

        APIGatewayV2HTTPResponse first = put(id, moved, "put-key-1");
        Map<String, Map<String, AttributeValue>> afterFirst = deepslateItems();
        APIGatewayV2HTTPResponse retry = put(id, moved.replace("new-password", "another-password"), "put-key-1");
        APIGatewayV2HTTPResponse otherBody = put(id, body("sip.example.com", 5071, "agent001", "p", 10), "put-key-1");
        APIGatewayV2HTTPResponse otherId = put(other, moved, "put-key-1");

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(otherBody.getStatusCode()).isEqualTo(422);
        assertThat(otherId.getStatusCode()).isEqualTo(422);
        Map<String, Map<String, AttributeValue>> now = deepslateItems();
        now.keySet().removeIf(k -> k.startsWith("idem#"));
        assertThat(now).as("a replay writes nothing").isEqualTo(afterFirst);
        assertThat(StoredPasswords.open(record(id), sealer())).isEqualTo("new-password");
        assertThat(TestStack.items(table).toString()).doesNotContain("new-password", "another-password");
    }

    @Test
    void concurrentPutsOnOneCredentialEachAnswerAStateThatExistedAndOneOfThemRemains() throws Exception {
        for (int round = 0; round < 4; round++) {
            String id = createdId("agent-r" + round);
            int racers = 4;
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                // Half move the login (each to its own port), half keep it: guards move and stay concurrently.
                bodies.add(i % 2 == 0 ? body("sip.example.com", 6000 + i, "agent-r" + round, "p" + i, 1 + i)
                        : body("sip.example.com", 5060, "agent-r" + round, "p" + i, 1 + i));
            }
            List<APIGatewayV2HTTPResponse> answers = race(bodies.stream()
                    .<Callable<APIGatewayV2HTTPResponse>>map(b -> () -> put(id, b, null)).toList());

            Set<String> answered = new HashSet<>();
            for (APIGatewayV2HTTPResponse answer : answers) {
                assertThat(answer.getStatusCode()).as("round " + round + ": " + answer.getBody()).isIn(200, 503);
                if (answer.getStatusCode() == 200) {
                    answered.add(JSON.readTree(answer.getBody()).path("data").toString());
                }
            }
            assertThat(answered).as("round " + round).isNotEmpty();
            JsonNode stored = read(id);
            assertThat(answered).as("the table ends in one of the states answered").contains(stored.toString());
            List<String> guards = guardsByCredential().get(id);
            assertThat(guards).as("exactly one guard, the stored login's").containsExactly(
                    guardKey("sip.example.com", stored.path("port").asInt(), "agent-r" + round));
        }
        assertThat(guardsByCredential().values()).allSatisfy(g -> assertThat(g).hasSize(1));
    }

    @Test
    void putOrDeleteRacingDeleteNeverResurrectsAndCreateAfterDeleteWorks() throws Exception {
        for (int round = 0; round < 6; round++) {
            String username = "agent-d" + round;
            String id = createdId(username);
            String moved = body("sip.example.com", 7000 + round, username, "p", 2);
            List<APIGatewayV2HTTPResponse> answers = race(List.of(
                    () -> deleted(id),
                    () -> put(id, moved, null),
                    () -> deleted(id),
                    () -> put(id, body("sip.example.com", 5060, username, "q", 3), null)));

            assertThat(answers.stream().map(APIGatewayV2HTTPResponse::getStatusCode).toList()).as("round " + round)
                    .allSatisfy(s -> assertThat(s).isIn(200, 404, 503));
            long deletes = List.of(answers.get(0), answers.get(2)).stream().filter(a -> a.getStatusCode() == 200)
                    .count();
            assertThat(deletes).as("round " + round + ": one delete removed it").isEqualTo(1);
            assertThat(record(id)).as("round " + round + ": no record after the delete").isNull();
            assertThat(guardsByCredential()).as("round " + round + ": no orphan guard").doesNotContainKey(id);
            assertThat(created("agent-d" + round).getStatusCode()).as("create after delete").isEqualTo(201);
        }
    }

    @Test
    void aPutMovingToALoginAConcurrentCreateWantsLetsExactlyOneWin() throws Exception {
        for (int round = 0; round < 6; round++) {
            String id = createdId("agent-c" + round);
            String wanted = "wanted-" + round;
            List<APIGatewayV2HTTPResponse> answers = race(List.of(
                    () -> put(id, body("sip.example.com", 5060, wanted, "p", 2), null),
                    () -> created(wanted)));

            int putStatus = answers.get(0).getStatusCode();
            int createStatus = answers.get(1).getStatusCode();
            assertThat(putStatus).as("round " + round).isIn(200, 409);
            assertThat(createStatus).as("round " + round).isIn(201, 409);
            assertThat(putStatus == 200 ^ createStatus == 201).as("round " + round + ": exactly one wins").isTrue();
            String guard = guardKey("sip.example.com", 5060, wanted);
            String holder = deepslateItems().get(guard).get("credentialId").s();
            if (putStatus == 200) {
                assertThat(holder).isEqualTo(id);
            } else {
                assertThat(holder).isNotEqualTo(id);
                assertThat(read(id).path("username").asText()).as("the loser is unchanged").isEqualTo("agent-c" + round);
            }
        }
        // One guard per record, each naming a record that holds its login.
        Map<String, List<String>> guards = guardsByCredential();
        long records = deepslateItems().values().stream()
                .filter(i -> "deepslate-sip-credential".equals(i.get("kind").s())).count();
        assertThat(guards).hasSize((int) records).allSatisfy((credential, keys) -> {
            assertThat(keys).hasSize(1);
            Map<String, AttributeValue> item = record(credential);
            assertThat(item).isNotNull();
            assertThat(keys.get(0)).isEqualTo(guardKey(item.get("hostname").s().toLowerCase(),
                    Integer.parseInt(item.get("port").n()), item.get("username").s()));
        });
    }

    @Test
    void thePrimingOfEachDeepslateFunctionReachesTheTableIsRefusedByItsConditionsAndStoresNothing() {
        for (Set<dev.sipcredentials.store.StoreAction> actions : List.of(CreateSipCredential.STORE_ACTIONS,
                GetSipCredential.STORE_ACTIONS, DeleteSipCredential.STORE_ACTIONS,
                UpdateSipCredential.STORE_ACTIONS)) {
            assertThat(dev.sipcredentials.store.StorePriming.prime(TestStack.client(), table, actions)).as(actions.toString())
                    .isTrue();
            assertThat(dev.sipcredentials.store.StorePriming.primeOrganizationItems(TestStack.client(), table,
                    actions)).as("enhanced path " + actions).isTrue();
        }
        assertThat(TestStack.items(table)).isEmpty();
    }

    private static List<APIGatewayV2HTTPResponse> race(List<Callable<APIGatewayV2HTTPResponse>> calls)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
            for (Callable<APIGatewayV2HTTPResponse> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    /** Opens passwords as a reader of this table's organizations would (the local master key's hierarchy). */
    private PasswordSealer sealer() {
        return dev.sipcredentials.store.TenantKeyTable.localPasswordSealer(TestStack.client(), table,
                TestStack.masterKeyFile());
    }
}

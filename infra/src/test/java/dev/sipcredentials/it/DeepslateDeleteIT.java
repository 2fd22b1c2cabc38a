package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.deepslate.DeleteSipCredential;
import dev.sipcredentials.deepslate.GetSipCredential;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** deepslate's delete through its handler, against our DynamoDB engine and the contract: what is left in the table. */
class DeepslateDeleteIT {
    static final String DELETE =
            "DELETE /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vendor = UUID.randomUUID().toString();
    private final String organization = UUID.randomUUID().toString();
    private String table;
    private CreateSipCredential create;
    private DeleteSipCredential delete;
    private GetSipCredential get;

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        DynamoDbSipCredentialStore store = TestStack.store(table);
        create = TestHandlers.deepslate(store, Clock.systemUTC(), UUID::randomUUID);
        delete = new DeleteSipCredential(store, Clock.systemUTC(), TestHandlers.idempotencyOf(store,
                Clock.systemUTC()));
        get = new GetSipCredential(store, Clock.systemUTC());
    }

    private APIGatewayV2HTTPResponse created(String username) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials";
        return ContractValidator.invoke(create, TestStack.event(DeepslateApiIT.ROUTE, path,
                Map.of("vendorId", vendor, "organizationId", organization), "application/json",
                DeepslateApiIT.SEED_BODY.replace("agent001", username), false, "trace-" + UUID.randomUUID()), null);
    }

    private String createdId(String username) throws Exception {
        APIGatewayV2HTTPResponse response = created(username);
        assertThat(response.getStatusCode()).isEqualTo(201);
        return JSON.readTree(response.getBody()).path("data").path("id").asText();
    }

    private APIGatewayV2HTTPEvent event(String routeKey, String id, String idempotencyKey) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials/" + id;
        APIGatewayV2HTTPEvent event = TestStack.event(routeKey, path,
                Map.of("vendorId", vendor, "organizationId", organization, "sipCredentialsId", id), null, null, false,
                "trace-" + UUID.randomUUID());
        if (idempotencyKey != null) {
            Map<String, String> headers = new HashMap<>(event.getHeaders());
            headers.put("idempotency-key", idempotencyKey);
            event.setHeaders(headers);
        }
        return event;
    }

    private APIGatewayV2HTTPResponse deleted(String id, String idempotencyKey) {
        return ContractValidator.invoke(delete, event(DELETE, id, idempotencyKey), null);
    }

    private List<String> deepslateKeys() {
        List<String> keys = new ArrayList<>();
        TestStack.items(table).forEach(item -> {
            String pk = item.get("pk").s();
            if (pk.startsWith("ds#")) {
                keys.add(pk);
            }
        });
        return keys;
    }

    @Test
    void deleteRemovesTheRecordAndItsGuardSoTheSameLoginCanBeCreatedAgain() throws Exception {
        String id = createdId("agent001");
        String kept = createdId("agent002");

        APIGatewayV2HTTPResponse response = deleted(id, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("message").asText()).isEqualTo("Successfully deleted sip credentials");
        assertThat(body.path("data").isNull()).isTrue();
        assertThat(deepslateKeys()).hasSize(2).allSatisfy(k -> assertThat(k).doesNotContain(id, "agent001"));
        assertThat(ContractValidator.invoke(get, event(GetSipCredentialIT_GET, id, null), null).getStatusCode())
                .isEqualTo(404);
        assertThat(ContractValidator.invoke(get, event(GetSipCredentialIT_GET, kept, null), null).getStatusCode())
                .isEqualTo(200);
        assertThat(created("agent001").getStatusCode()).as("create after delete").isEqualTo(201);
    }

    private static final String GetSipCredentialIT_GET = DeepslateGetIT.GET;

    @Test
    void anAbsentIdIs404AndABadIdIs400AndNothingChanges() throws Exception {
        createdId("agent001");
        List<String> before = deepslateKeys();

        APIGatewayV2HTTPResponse absent = deleted(UUID.randomUUID().toString(), null);
        APIGatewayV2HTTPResponse bad = deleted("1-1-1-1-1", null);

        assertThat(absent.getStatusCode()).isEqualTo(404);
        assertThat(JSON.readTree(absent.getBody()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.getBody()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(deepslateKeys()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aKeyedRetryReplaysThe200AndTheSameKeyForAnotherIdIsRefused() throws Exception {
        String id = createdId("agent001");
        String other = createdId("agent002");

        APIGatewayV2HTTPResponse first = deleted(id, "delete-key-1");
        APIGatewayV2HTTPResponse retry = deleted(id, "delete-key-1");
        APIGatewayV2HTTPResponse unkeyedRetry = deleted(id, null);
        APIGatewayV2HTTPResponse reused = deleted(other, "delete-key-1");

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(retry.getStatusCode()).as("the answer whose response was lost, again").isEqualTo(200);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(unkeyedRetry.getStatusCode()).as("without a key a retry finds nothing").isEqualTo(404);
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(ContractValidator.invoke(get, event(GetSipCredentialIT_GET, other, null), null).getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void concurrentDeletesOfOneCredentialAnswerOne200AndThe404sAndLeaveNothing() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = createdId("agent" + round);
            int racers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return deleted(id, null).getStatusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            pool.shutdown();
            assertThat(statuses).as("round " + round).containsOnly(200, 404);
            assertThat(statuses.stream().filter(s -> s == 200).count()).as("round " + round).isEqualTo(1);
        }
        assertThat(deepslateKeys()).isEmpty();
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.deepslate.CreateSipCredential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON API through its handler, against our DynamoDB engine: wrapper bodies and the items written. */
class DeepslateApiIT {
    static final String ROUTE = "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials";
    /** The body of deepslate's curl example, verbatim. */
    static final String SEED_BODY = """
            {
              "hostname": "sipconnect.sipgate.de",
              "port": 5060,
              "username": "agent001",
              "password": "strong-password",
              "maxAgentTasks": 10
            }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private String table;
    private CreateSipCredential handler;
    private final String vendor = UUID.randomUUID().toString();
    private final String organization = UUID.randomUUID().toString();

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        handler = TestHandlers.deepslate(TestStack.store(table), Clock.systemUTC(), UUID::randomUUID);
    }

    private APIGatewayV2HTTPResponse post(String organizationId, String body) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organizationId + "/sip/credentials";
        return ContractValidator.invoke(handler, TestStack.event(ROUTE, path,
                Map.of("vendorId", vendor, "organizationId", organizationId), "application/json", body, false,
                "trace-" + UUID.randomUUID()), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private List<Map<String, AttributeValue>> items(String kind) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : TestStack.items(table)) {
            if (kind.equals(item.get("kind").s())) {
                found.add(item);
            }
        }
        return found;
    }

    @Test
    void seedBodyCreatesTheCredentialAndAnswersWithTheWrapperWithoutThePassword() throws Exception {
        APIGatewayV2HTTPResponse response = post(organization, SEED_BODY);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(response.getBody()).doesNotContain("strong-password").doesNotContain("password");
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("SIP credentials created successfully");
        assertThat(body.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(body.get("traceId").asText()).startsWith("trace-");
        JsonNode data = body.get("data");
        assertThat(data.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(data.get("hostname").asText()).isEqualTo("sipconnect.sipgate.de");
        assertThat(data.get("port").asInt()).isEqualTo(5060);
        assertThat(data.get("username").asText()).isEqualTo("agent001");
        assertThat(data.get("maxAgentTasks").asInt()).isEqualTo(10);
        assertThat(data.size()).isEqualTo(5);

        List<Map<String, AttributeValue>> records = items("deepslate-sip-credential");
        assertThat(records).hasSize(1);
        Map<String, AttributeValue> record = records.get(0);
        assertThat(record.get("id").s()).isEqualTo(data.get("id").asText());
        assertThat(record.get("organizationId").s()).isEqualTo(organization);
        assertThat(record.get("vendorId").s()).isEqualTo(vendor);
        assertThat(record.get("port").n()).isEqualTo("5060");
        assertThat(items("deepslate-sip-account-guard")).singleElement()
                .satisfies(guard -> assertThat(guard.get("credentialId").s()).isEqualTo(data.get("id").asText()));
    }

    @Test
    void maxAgentTasksDefaultsToTen() throws Exception {
        APIGatewayV2HTTPResponse response = post(organization,
                "{\"hostname\":\"10.0.0.5\",\"port\":5061,\"username\":\"agent002\",\"password\":\"pw\"}");

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response).get("data").get("maxAgentTasks").asInt()).isEqualTo(10);
        assertThat(items("deepslate-sip-credential").get(0).get("maxAgentTasks").n()).isEqualTo("10");
    }

    @Test
    void sameSipAccountTwiceIsAConflictAndChangesNothing() throws Exception {
        assertThat(post(organization, SEED_BODY).getStatusCode()).isEqualTo(201);
        List<Map<String, AttributeValue>> before = TestStack.items(table);

        APIGatewayV2HTTPResponse again = post(organization, SEED_BODY.replace("sipconnect.sipgate.de", "SIPconnect.Sipgate.DE."));

        assertThat(again.getStatusCode()).isEqualTo(409);
        JsonNode body = json(again);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("code").asText()).isEqualTo("DUPLICATE_CREDENTIAL");
        assertThat(again.getBody()).doesNotContain("strong-password");
        assertThat(TestStack.items(table)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void composedAndDecomposedUsernamesAreOneSipAccountAndTheSpellingSentIsStored() throws Exception {
        String decomposed = SEED_BODY.replace("agent001", "jose\u0301");
        assertThat(post(organization, decomposed).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse again = post(organization, SEED_BODY.replace("agent001", "jos\u00e9"));

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("DUPLICATE_CREDENTIAL");
        assertThat(items("deepslate-sip-credential")).singleElement()
                .satisfies(item -> assertThat(item.get("username").s()).isEqualTo("jose\u0301"));
        assertThat(items("deepslate-sip-account-guard")).singleElement().satisfies(guard -> assertThat(
                guard.get("pk").s()).endsWith("#sip#sipconnect.sipgate.de#5060#jos\u00e9"));
    }

    @Test
    void aUsernameWithAZeroWidthSpaceIsRefusedAndNothingIsStored() throws Exception {
        APIGatewayV2HTTPResponse response = post(organization, SEED_BODY.replace("agent001", "agent001\u200b"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("data").get(0).get("field").asText()).isEqualTo("username");
        assertThat(TestStack.items(table)).isEmpty();
    }

    @Test
    void sameSipAccountInAnotherOrganizationIsCreated() {
        assertThat(post(organization, SEED_BODY).getStatusCode()).isEqualTo(201);
        assertThat(post(UUID.randomUUID().toString(), SEED_BODY).getStatusCode()).isEqualTo(201);
        assertThat(items("deepslate-sip-credential")).hasSize(2);
        assertThat(items("deepslate-sip-account-guard")).hasSize(2);
    }

    @Test
    void invalidBodyIsRefusedWithEveryOffendingFieldAndNothingStored() throws Exception {
        APIGatewayV2HTTPResponse response = post(organization,
                "{\"hostname\":\"bad host\",\"port\":\"5060\",\"username\":\" \",\"password\":\"secret-x\",\"maxAgentTasks\":0}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        body.get("data").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).containsExactly("hostname", "port", "username", "maxAgentTasks");
        assertThat(response.getBody()).doesNotContain("secret-x");
        assertThat(TestStack.items(table)).isEmpty();
    }

    @Test
    void sixtyFourConcurrentCreatesOfOneSipAccountSucceedExactlyOnce() throws Exception {
        int clients = 64;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return post(organization, SEED_BODY).getStatusCode();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).filteredOn(s -> s == 201).hasSize(1);
            assertThat(results).filteredOn(s -> s == 409).hasSize(clients - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(items("deepslate-sip-credential")).hasSize(1);
        assertThat(items("deepslate-sip-account-guard")).hasSize(1);
    }

    @Test
    void sampleEventsGiveTheDocumentedAnswers() throws Exception {
        APIGatewayV2HTTPResponse seed = ContractValidator.invoke(handler, 
                EventLoader.loadApiGatewayHttpEvent("../functions/events/deepslate-create-seed.json"), null);
        APIGatewayV2HTTPResponse invalid = ContractValidator.invoke(handler, 
                EventLoader.loadApiGatewayHttpEvent("../functions/events/deepslate-create-invalid-port.json"), null);

        assertThat(seed.getStatusCode()).isEqualTo(201);
        assertThat(json(seed).get("traceId").asText()).isEqualTo("Ds1SeedReqId0001=");
        assertThat(invalid.getStatusCode()).isEqualTo(400);
        assertThat(json(invalid).get("data").get(0).get("field").asText()).isEqualTo("port");
        assertThat(seed.getBody() + invalid.getBody()).doesNotContain("strong-password").doesNotContain("another-secret");
        assertThat(items("deepslate-sip-credential")).hasSize(1);
    }
}

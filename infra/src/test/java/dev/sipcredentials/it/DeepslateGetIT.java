package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.deepslate.GetSipCredential;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** deepslate's read of one credential through its handler, against our DynamoDB engine and the contract. */
class DeepslateGetIT {
    static final String GET = "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vendor = UUID.randomUUID().toString();
    private final String organization = UUID.randomUUID().toString();
    private CreateSipCredential create;
    private GetSipCredential get;
    private String table;

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        create = TestHandlers.deepslate(TestStack.store(table), Clock.systemUTC(), UUID::randomUUID);
        get = new GetSipCredential(TestStack.store(table), Clock.systemUTC());
    }

    private String created(String organizationId, String username) throws Exception {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organizationId + "/sip/credentials";
        APIGatewayV2HTTPResponse response = ContractValidator.invoke(create, TestStack.event(DeepslateApiIT.ROUTE, path,
                Map.of("vendorId", vendor, "organizationId", organizationId), "application/json",
                DeepslateApiIT.SEED_BODY.replace("agent001", username), false, "trace-" + UUID.randomUUID()), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        return JSON.readTree(response.getBody()).path("data").path("id").asText();
    }

    private APIGatewayV2HTTPResponse read(String organizationId, String id) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organizationId + "/sip/credentials/" + id;
        return ContractValidator.invoke(get, TestStack.event(GET, path,
                Map.of("vendorId", vendor, "organizationId", organizationId, "sipCredentialsId", id), null, null, false,
                "trace-read"), null);
    }

    @Test
    void aCreatedCredentialReadsBackAsCreatedWithoutItsPassword() throws Exception {
        String id = created(organization, "agent001");
        created(organization, "agent002");

        APIGatewayV2HTTPResponse response = read(organization, id);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("message").asText()).isEqualTo("Successfully retrieved sip credentials");
        assertThat(body.path("data").toString()).isEqualTo("{\"id\":\"" + id + "\",\"hostname\":\"sipconnect.sipgate.de\","
                + "\"port\":5060,\"username\":\"agent001\",\"maxAgentTasks\":10}");
        assertThat(response.getBody()).doesNotContain("strong-password", "password");
        // The id in any case names the same credential.
        assertThat(read(organization, id.toUpperCase(Locale.ROOT)).getStatusCode()).isEqualTo(200);
    }

    @Test
    void anotherOrganizationsIdAndAnUnknownIdAreTheSame404() throws Exception {
        String other = UUID.randomUUID().toString();
        String id = created(other, "agent001");

        APIGatewayV2HTTPResponse foreign = read(organization, id);
        APIGatewayV2HTTPResponse unknown = read(organization, UUID.randomUUID().toString());

        assertThat(foreign.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(JSON.readTree(foreign.getBody()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(JSON.readTree(foreign.getBody()).path("message"))
                .isEqualTo(JSON.readTree(unknown.getBody()).path("message"));
        assertThat(foreign.getBody()).doesNotContain(id, other);
        assertThat(read(other, id).getStatusCode()).isEqualTo(200);
    }

    @Test
    void aGuardKeyOrANonUuidIsRefusedAs400NotLookedUp() throws Exception {
        created(organization, "agent001");

        APIGatewayV2HTTPResponse response = read(organization, "not-a-uuid");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).path("data").toString())
                .isEqualTo("[{\"field\":\"sipCredentialsId\",\"message\":\"must be a UUID\"}]");
    }
}

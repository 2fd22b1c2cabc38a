package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.testkit.OrganizationCredentialsStandIn;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.testkit.LambdaContexts;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.ORGANIZATION;
import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

class GetSipCredentialTest {
    private static final String TRACE_ID = "c4a1e7d2-trace";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-17T14:23:30.789Z"), ZoneOffset.UTC);
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    private final List<String> reads = new CopyOnWriteArrayList<>();

    private APIGatewayV2HTTPResponse get(OrganizationCredentialLookup answer, String id) {
        GetSipCredential handler = new GetSipCredential(OrganizationCredentialsStandIn.reading(
                (organization, credentialId, timeout) -> {
                    reads.add(organization.vendorId() + "/" + organization.organizationId() + "/" + credentialId);
                    return answer;
                }), CLOCK);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(GetSipCredential.ROUTE_KEY);
        event.setHeaders(new HashMap<>());
        event.setPathParameters(Map.of("vendorId", VENDOR, "organizationId", ORGANIZATION, "sipCredentialsId", id));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(TRACE_ID);
        event.setRequestContext(context);
        return handler.handleRequest(Claims.grantingPathTenant(event), LambdaContexts.quiet());
    }

    private static String failure(String message, String code, String data) {
        return "{\"success\":false,\"timestamp\":\"2025-04-17T14:23:30Z\",\"message\":\"" + message + "\",\"code\":\""
                + code + "\",\"data\":" + data + ",\"traceId\":\"" + TRACE_ID + "\"}";
    }

    @Test
    void aFoundCredentialIsAnsweredInTheWrapperWithoutPassword() {
        APIGatewayV2HTTPResponse response = get(OrganizationCredentialLookup.found(
                new StoredOrganizationCredential(ID, "sipconnect.sipgate.de", 5060, "agent001", 10)), ID.toString());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"success\":true,\"timestamp\":\"2025-04-17T14:23:30Z\","
                + "\"message\":\"Successfully retrieved sip credentials\",\"data\":{\"id\":\"" + ID + "\","
                + "\"hostname\":\"sipconnect.sipgate.de\",\"port\":5060,\"username\":\"agent001\",\"maxAgentTasks\":10},"
                + "\"traceId\":\"" + TRACE_ID + "\"}");
        assertThat(reads).containsExactly(Tenant.organization(VENDOR, ORGANIZATION).vendorId() + "/"
                + Tenant.organization(VENDOR, ORGANIZATION).organizationId() + "/" + ID);
    }

    @Test
    void anUpperCaseIdReadsTheSameCredential() {
        get(OrganizationCredentialLookup.of(OrganizationCredentialLookup.Kind.NOT_FOUND), ID.toString().toUpperCase());

        assertThat(reads).singleElement().asString().endsWith("/" + ID);
    }

    @Test
    void absentIsA404ThatSaysNothingMore() {
        APIGatewayV2HTTPResponse response = get(OrganizationCredentialLookup.of(
                OrganizationCredentialLookup.Kind.NOT_FOUND), ID.toString());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).isEqualTo(failure("No SIP credentials with this id in the organization",
                "NOT_FOUND", "null"));
    }

    @Test
    void anIdThatIsNotACanonicalUuidIsA400AndNothingIsRead() {
        for (String id : List.of("1-1-1-1-1", "550e8400e29b41d4a716446655440000", "x", "%00")) {
            APIGatewayV2HTTPResponse response = get(null, id);

            assertThat(response.getStatusCode()).as(id).isEqualTo(400);
            assertThat(response.getBody()).isEqualTo(failure("Validation failed", "VALIDATION_FAILED",
                    "[{\"field\":\"sipCredentialsId\",\"message\":\"must be a UUID\"}]"));
        }
        assertThat(reads).isEmpty();
    }

    @Test
    void storeFaultsAreA503ToRetryOrA500() {
        assertThat(get(OrganizationCredentialLookup.of(OrganizationCredentialLookup.Kind.TRANSIENT_FAILURE),
                ID.toString()).getBody()).isEqualTo(failure(
                "The store is temporarily unavailable; nothing was read. Retry the request.", "STORE_UNAVAILABLE",
                "null"));
        APIGatewayV2HTTPResponse failed = get(OrganizationCredentialLookup.of(
                OrganizationCredentialLookup.Kind.STORE_FAILURE), ID.toString());
        assertThat(failed.getStatusCode()).isEqualTo(500);
        assertThat(failed.getBody()).isEqualTo(failure("Internal error; nothing was read", "INTERNAL_ERROR", "null"));
    }

    @Test
    void primingRunsEveryPathItMeansToWarmWithoutAStore() {
        GetSipCredential handler = new GetSipCredential(OrganizationCredentialsStandIn.reading((o, i, t) -> {
            throw new AssertionError("priming must not reach the store");
        }), CLOCK);

        assertThat(handler.prime()).isTrue();
    }
}

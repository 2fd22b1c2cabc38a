package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.provisioning.DeleteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.testkit.OrganizationCredentialsStandIn;
import dev.sipcredentials.testkit.LambdaContexts;
import dev.sipcredentials.testkit.NoIdempotencyRecords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.ORGANIZATION;
import static dev.sipcredentials.deepslate.CreateSipCredentialRequestTest.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;

class DeleteSipCredentialTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-17T14:23:30.789Z"), ZoneOffset.UTC);
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    private static final StoredOrganizationCredential SEEN =
            new StoredOrganizationCredential(ID, "SIP.Example.COM.", 5060, "agent001", 10);

    /** Answers reads and deletes from scripts; records the guard login each delete named. */
    private static final class ScriptedStore extends OrganizationCredentialsStandIn {
        final Deque<OrganizationCredentialLookup> reads = new ArrayDeque<>();
        final Deque<DeleteOutcome> deletes = new ArrayDeque<>();
        final List<SipServerLogin> guards = new ArrayList<>();

        @Override
        public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
            return reads.removeFirst();
        }

        @Override
        public DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen,
                                    SipServerLogin login, Duration timeout) {
            guards.add(login);
            return deletes.removeFirst();
        }
    }

    private final ScriptedStore store = new ScriptedStore();

    private APIGatewayV2HTTPResponse delete(String id) {
        DeleteSipCredential handler = new DeleteSipCredential(store, CLOCK,
                NoIdempotencyRecords.requests());
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(DeleteSipCredential.ROUTE_KEY);
        event.setHeaders(new HashMap<>());
        event.setPathParameters(Map.of("vendorId", VENDOR, "organizationId", ORGANIZATION, "sipCredentialsId", id));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("trace");
        event.setRequestContext(context);
        return handler.handleRequest(Claims.grantingPathTenant(event), LambdaContexts.quiet());
    }

    @Test
    void theGuardIsNamedByTheCanonicalLoginOfWhatWasRead() {
        store.reads.add(OrganizationCredentialLookup.found(SEEN));
        store.deletes.add(DeleteOutcome.DELETED);

        APIGatewayV2HTTPResponse response = delete(ID.toString());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"success\":true,\"timestamp\":\"2025-04-17T14:23:30Z\","
                + "\"message\":\"Successfully deleted sip credentials\",\"data\":null,\"traceId\":\"trace\"}");
        assertThat(store.guards).singleElement().extracting(SipServerLogin::uniquenessKey)
                .isEqualTo("sip.example.com#5060#agent001");
    }

    @Test
    void aRecordDeletedMeanwhileIsReadAgainAndAnswered404() {
        store.reads.add(OrganizationCredentialLookup.found(SEEN));
        store.reads.add(OrganizationCredentialLookup.of(OrganizationCredentialLookup.Kind.NOT_FOUND));
        store.deletes.add(DeleteOutcome.CHANGED);

        APIGatewayV2HTTPResponse response = delete(ID.toString());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void aRecordThatKeepsChangingIsA503AfterThreeAttemptsNotALoop() {
        for (int i = 0; i < 3; i++) {
            store.reads.add(OrganizationCredentialLookup.found(SEEN));
            store.deletes.add(DeleteOutcome.CHANGED);
        }

        APIGatewayV2HTTPResponse response = delete(ID.toString());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"code\":\"STORE_UNAVAILABLE\"", "nothing was deleted");
        assertThat(store.guards).hasSize(3);
    }

    @Test
    void aBadIdIsA400AndTheStoreIsNotAsked() {
        APIGatewayV2HTTPResponse response = delete("nope");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(store.guards).isEmpty();
    }

    @Test
    void primingRunsEveryPathItMeansToWarmWithoutAStore() {
        DeleteSipCredential handler = new DeleteSipCredential(store, CLOCK,
                NoIdempotencyRecords.requests());

        assertThat(handler.prime()).isTrue();
        assertThat(store.guards).isEmpty();
    }
}

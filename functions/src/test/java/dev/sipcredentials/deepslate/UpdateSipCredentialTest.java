package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.UpdateOutcome;
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

class UpdateSipCredentialTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-17T14:23:30.789Z"), ZoneOffset.UTC);
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    private static final StoredOrganizationCredential SEEN =
            new StoredOrganizationCredential(ID, "SIP.Example.COM.", 5060, "agent001", 10);
    private static final String BODY = "{\"hostname\": \"sip2.example.com\", \"port\": 5061, \"username\": \"agent002\","
            + " \"password\": \"new-secret\", \"maxAgentTasks\": 7}";

    /** Answers reads and updates from scripts; records what each update was asked to write over what. */
    private static final class ScriptedStore extends OrganizationCredentialsStandIn {
        final Deque<OrganizationCredentialLookup> reads = new ArrayDeque<>();
        final Deque<UpdateOutcome> updates = new ArrayDeque<>();
        final List<SipServerLogin> seenLogins = new ArrayList<>();
        final List<OrganizationCredential> written = new ArrayList<>();

        @Override
        public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
            return reads.removeFirst();
        }

        @Override
        public UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen,
                                    SipServerLogin seenLogin, OrganizationCredential changed, String writeToken,
                                    Duration timeout, String caller) {
            seenLogins.add(seenLogin);
            written.add(changed);
            return updates.removeFirst();
        }
    }

    private final ScriptedStore store = new ScriptedStore();

    private APIGatewayV2HTTPResponse put(String id, String body) {
        UpdateSipCredential handler = new UpdateSipCredential(store, CLOCK,
                NoIdempotencyRecords.requests());
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(UpdateSipCredential.ROUTE_KEY);
        event.setHeaders(new HashMap<>(Map.of("content-type", "application/json")));
        event.setPathParameters(Map.of("vendorId", VENDOR, "organizationId", ORGANIZATION, "sipCredentialsId", id));
        event.setBody(body);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("trace");
        event.setRequestContext(context);
        return handler.handleRequest(Claims.grantingPathTenant(event), LambdaContexts.quiet());
    }

    @Test
    void theChangeIsWrittenOverTheCanonicalLoginOfWhatWasReadAndAnsweredWithoutThePassword() {
        store.reads.add(OrganizationCredentialLookup.found(SEEN));
        store.updates.add(UpdateOutcome.UPDATED);

        APIGatewayV2HTTPResponse response = put(ID.toString().toUpperCase(), BODY);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"success\":true,\"timestamp\":\"2025-04-17T14:23:30Z\","
                + "\"message\":\"Successfully updated sip credentials\",\"data\":{\"id\":\"" + ID + "\","
                + "\"hostname\":\"sip2.example.com\",\"port\":5061,\"username\":\"agent002\",\"maxAgentTasks\":7},"
                + "\"traceId\":\"trace\"}");
        assertThat(store.seenLogins).singleElement().extracting(SipServerLogin::uniquenessKey)
                .isEqualTo("sip.example.com#5060#agent001");
        OrganizationCredential written = store.written.get(0);
        assertThat(written.id()).isEqualTo(ID);
        assertThat(written.password()).isEqualTo("new-secret");
        assertThat(written.login().uniquenessKey()).isEqualTo("sip2.example.com#5061#agent002");
    }

    @Test
    void aRecordChangedMeanwhileIsReadAgainAndDecidedAgain() {
        store.reads.add(OrganizationCredentialLookup.found(SEEN));
        store.reads.add(OrganizationCredentialLookup.found(
                new StoredOrganizationCredential(ID, "other.example.com", 5070, "agent009", 1)));
        store.updates.add(UpdateOutcome.CHANGED);
        store.updates.add(UpdateOutcome.UPDATED);

        APIGatewayV2HTTPResponse response = put(ID.toString(), BODY);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.seenLogins).extracting(SipServerLogin::uniquenessKey)
                .containsExactly("sip.example.com#5060#agent001", "other.example.com#5070#agent009");
    }

    @Test
    void aRecordDeletedMeanwhileIs404() {
        store.reads.add(OrganizationCredentialLookup.found(SEEN));
        store.reads.add(OrganizationCredentialLookup.of(OrganizationCredentialLookup.Kind.NOT_FOUND));
        store.updates.add(UpdateOutcome.CHANGED);

        APIGatewayV2HTTPResponse response = put(ID.toString(), BODY);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"NOT_FOUND\"").doesNotContain("new-secret");
    }

    @Test
    void eachStoreOutcomeHasItsAnswer() {
        Map<UpdateOutcome, String> expected = Map.of(
                UpdateOutcome.ALREADY_EXISTS, "409 DUPLICATE_CREDENTIAL",
                UpdateOutcome.TRANSIENT_FAILURE, "503 STORE_UNAVAILABLE",
                UpdateOutcome.STORE_FAILURE, "500 INTERNAL_ERROR");
        expected.forEach((outcome, answer) -> {
            store.reads.clear();
            store.reads.add(OrganizationCredentialLookup.found(SEEN));
            store.updates.clear();
            store.updates.add(outcome);

            APIGatewayV2HTTPResponse response = put(ID.toString(), BODY);

            String[] statusAndCode = answer.split(" ");
            assertThat(response.getStatusCode()).as(outcome.name()).isEqualTo(Integer.parseInt(statusAndCode[0]));
            assertThat(response.getBody()).as(outcome.name()).contains("\"code\":\"" + statusAndCode[1] + "\"")
                    .doesNotContain("new-secret");
        });
    }

    @Test
    void aRecordThatKeepsChangingIsA503AfterThreeAttemptsNotALoop() {
        for (int i = 0; i < 3; i++) {
            store.reads.add(OrganizationCredentialLookup.found(SEEN));
            store.updates.add(UpdateOutcome.CHANGED);
        }

        APIGatewayV2HTTPResponse response = put(ID.toString(), BODY);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"code\":\"STORE_UNAVAILABLE\"", "nothing was changed");
        assertThat(store.written).hasSize(3);
    }

    @Test
    void aBadIdOrBodyIsA400AndTheStoreIsNotAsked() {
        APIGatewayV2HTTPResponse badId = put("nope", BODY);
        APIGatewayV2HTTPResponse badBody = put(ID.toString(), BODY.replace("5061", "70000"));

        assertThat(badId.getStatusCode()).isEqualTo(400);
        assertThat(badId.getBody()).contains("\"field\":\"sipCredentialsId\"");
        assertThat(badBody.getStatusCode()).isEqualTo(400);
        assertThat(badBody.getBody()).contains("\"field\":\"port\"").doesNotContain("new-secret");
        assertThat(store.written).isEmpty();
    }

    @Test
    void primingRunsEveryPathItMeansToWarmWithoutAStore() {
        UpdateSipCredential handler = new UpdateSipCredential(store, CLOCK,
                NoIdempotencyRecords.requests());

        assertThat(handler.prime()).isTrue();
        assertThat(store.written).isEmpty();
    }
}

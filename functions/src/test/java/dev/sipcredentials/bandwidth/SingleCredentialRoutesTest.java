package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.testkit.GrantedEvents;
import dev.sipcredentials.testkit.InMemoryAccountCredentials;
import dev.sipcredentials.testkit.NoIdempotencyRecords;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The route logic of GET, PUT and DELETE of one credential over an in-memory store: statuses, codes, bodies. */
class SingleCredentialRoutesTest {
    private static final String DECLARATION = SipCredentialsXmlWriter.DECLARATION;
    private final InMemoryAccountCredentials store = new InMemoryAccountCredentials()
            .seed("41", "John", "bw.com", "h1", "h1b");

    private static APIGatewayV2HTTPEvent event(String routeKey, String name, String body) {
        return GrantedEvents.post(routeKey, "/accounts/41/sipcredentials/" + name,
                Map.of("accountId", "41", "compositeUserName", name), body == null ? null : "application/xml", body,
                false, "req-single");
    }

    private APIGatewayV2HTTPResponse get(String name) {
        return new GetSipCredential(store).handleRequest(event(GetSipCredential.ROUTE_KEY, name, null),
                null);
    }

    private APIGatewayV2HTTPResponse put(String name, String body) {
        return new UpdateSipCredential(store, NoIdempotencyRecords.requests())
                .handleRequest(event(UpdateSipCredential.ROUTE_KEY, name, body), null);
    }

    private APIGatewayV2HTTPResponse delete(String name) {
        return new DeleteSipCredential(store, NoIdempotencyRecords.requests())
                .handleRequest(event(DeleteSipCredential.ROUTE_KEY, name, null), null);
    }

    @Test
    void storeFaultsAreRetryable503OrA500AndNeverAStackTrace() {
        store.failing(AccountCredentialLookup.Kind.TRANSIENT_FAILURE);
        for (APIGatewayV2HTTPResponse response : new APIGatewayV2HTTPResponse[]{get("John@bw.com"),
                put("John@bw.com", "<SipCredential><Hash1>x</Hash1></SipCredential>"), delete("John@bw.com")}) {
            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders()).containsKey("Retry-After");
            assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialResponse><ResponseStatus>"
                    + "<ErrorCode>19005</ErrorCode><Description>The store is temporarily unavailable; nothing was read"
                    + " or changed. Retry the request.</Description></ResponseStatus></SipCredentialResponse>");
        }
        store.failing(AccountCredentialLookup.Kind.STORE_FAILURE);
        for (APIGatewayV2HTTPResponse response : new APIGatewayV2HTTPResponse[]{get("John@bw.com"),
                put("John@bw.com", "<SipCredential><Hash1>x</Hash1></SipCredential>"), delete("John@bw.com")}) {
            assertThat(response.getStatusCode()).isEqualTo(500);
            assertThat(response.getBody()).contains("<ErrorCode>1500</ErrorCode>");
        }
        store.failing(null).throwing(new IllegalStateException("boom"));
        APIGatewayV2HTTPResponse thrown = get("John@bw.com");
        assertThat(thrown.getStatusCode()).isEqualTo(500);
        assertThat(thrown.getBody()).startsWith(DECLARATION + "<SipCredentialResponse>").doesNotContain("boom",
                "Exception", "at dev.");
    }

    @Test
    void refusalsOfTheBodyOrNameNeverReachTheStore() {
        assertThat(put("John@bw.com", "<SipCredential><UserName>Jack</UserName><Hash1>x</Hash1></SipCredential>")
                .getStatusCode()).isEqualTo(400);
        assertThat(put("John@bw.com", "<SipCredential><Hash1b>x</Hash1b></SipCredential>").getBody())
                .contains("<ErrorCode>1004</ErrorCode><Description>Hash1 is required</Description>");
        assertThat(get("bad name").getStatusCode()).isEqualTo(400);
        assertThat(delete("bad name").getStatusCode()).isEqualTo(400);
        assertThat(store.calls()).isEmpty();
        assertThat(store.stored("41", "john@bw.com").hash1()).isEqualTo("h1");
    }

    @Test
    void aPutAnswersTheStoredNameWithTheNewHashes() {
        APIGatewayV2HTTPResponse response = put("JOHN@BW.COM", "<SipCredential><Hash1>n1</Hash1></SipCredential>");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialResponse><SipCredential>"
                + "<UserName>John</UserName><Domain>bw.com</Domain><Hash1>n1</Hash1></SipCredential>"
                + "</SipCredentialResponse>");
        assertThat(store.stored("41", "john@bw.com").hash1b()).isNull();
    }

    @Test
    void namesOfTheBodyAreComparedWithThePathAsUniquenessIs() {
        SubmittedCredential userOnly = new SubmittedCredential("JOHN", null, "h", null, null);
        SubmittedCredential aggregated = new SubmittedCredential("john@BW.com", null, "h", null, null);
        SubmittedCredential domainOnly = new SubmittedCredential(null, "BW.COM", "h", null, null);
        SubmittedCredential escaped = new SubmittedCredential("%4Aohn", "bw.com", "h", null, null);

        for (SubmittedCredential body : new SubmittedCredential[]{userOnly, aggregated, domainOnly, escaped}) {
            assertThat(SipCredentialRules.namesPath(body, "John@bw.com")).as(body.toString()).isTrue();
        }
        assertThat(SipCredentialRules.namesPath(userOnly, "John")).isTrue();
        assertThat(SipCredentialRules.namesPath(domainOnly, "John")).as("a Domain the path has not").isFalse();
        assertThat(SipCredentialRules.namesPath(new SubmittedCredential("Jack", null, "h", null, null),
                "John@bw.com")).isFalse();
        assertThat(SipCredentialRules.namesPath(new SubmittedCredential("John", "bw.org", "h", null, null),
                "John@bw.com")).isFalse();
    }

    @Test
    void primingRunsEveryPathItMeansToWarmWithoutAStore() {
        assertThat(new GetSipCredential(store).prime()).isTrue();
        assertThat(new UpdateSipCredential(store, NoIdempotencyRecords.requests()).prime()).isTrue();
        assertThat(new DeleteSipCredential(store, NoIdempotencyRecords.requests()).prime()).isTrue();
        assertThat(store.calls()).isEmpty();
    }
}

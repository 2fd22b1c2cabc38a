package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.provisioning.AccountCredentialFilter;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.ListedAccountCredential;
import dev.sipcredentials.provisioning.ListedOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.testkit.LambdaContexts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The XML listing's own logic over a scripted lister: what it asks the store, and every answer it can give. */
class ListSipCredentialsTest {
    private static final String DECLARATION = SipCredentialsXmlWriter.DECLARATION;

    private final List<String> calls = new ArrayList<>();
    private CredentialListing<ListedAccountCredential> answer = CredentialListing.listed(List.of());

    private final CredentialLister lister = new CredentialLister() {
        @Override
        public CredentialListing<ListedAccountCredential> listAccount(String accountId, String fromName,
                                                                      AccountCredentialFilter filter, int limit,
                                                                      Duration timeout) {
            calls.add(accountId + " from=" + fromName + " filter=" + filter.userNameFragment() + "/"
                    + filter.domainFragment() + " limit=" + limit);
            return answer;
        }

        @Override
        public CredentialListing<ListedOrganizationCredential> listOrganization(Tenant.Organization organization,
                                                                                String afterPosition, int limit,
                                                                                Duration timeout) {
            throw new AssertionError("the XML route lists accounts only");
        }
    };

    private APIGatewayV2HTTPResponse list(Map<String, String> query, Map<String, String> headers, String domainName,
                                          Context context) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(ListSipCredentials.ROUTE_KEY);
        event.setHeaders(new HashMap<>(headers));
        event.setQueryStringParameters(query);
        event.setPathParameters(Map.of("accountId", "41"));
        APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
        requestContext.setRequestId("req-list");
        requestContext.setDomainName(domainName);
        event.setRequestContext(requestContext);
        return new ListSipCredentials(lister).handleRequest(Claims.grantingPathTenant(event), context);
    }

    private APIGatewayV2HTTPResponse list(Map<String, String> query) {
        return list(query, Map.of("host", "api.example.com", "x-forwarded-proto", "https"), "api.example.com",
                LambdaContexts.quiet());
    }

    @Test
    void asksForOneMoreThanThePageAndLinksTheNextPageToIt() {
        answer = CredentialListing.listed(List.of(new ListedAccountCredential("alice", "a.com", "h1", null),
                new ListedAccountCredential("Bob", null, "h2", "h2b"),
                new ListedAccountCredential("carol & co", null, "h3", null)));

        APIGatewayV2HTTPResponse response = list(Map.of("size", "2", "page", "ALICE@a.com", "usernamefragment", "aLi"));

        assertThat(calls).containsExactly("41 from=ALICE@a.com filter=ali/null limit=3");
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><Links>"
                + "<first>Link=&lt;https://api.example.com/accounts/41/sipcredentials?size=2&amp;page=1"
                + "&amp;usernamefragment=aLi&gt;;rel=\"first\";</first>"
                + "<next>Link=&lt;https://api.example.com/accounts/41/sipcredentials?size=2&amp;page=carol%20%26%20co"
                + "&amp;usernamefragment=aLi&gt;;rel=\"next\";</next></Links><SipCredentials>"
                + "<SipCredential><UserName>alice</UserName><Domain>a.com</Domain><Hash1>h1</Hash1></SipCredential>"
                + "<SipCredential><UserName>Bob</UserName><Hash1>h2</Hash1><Hash1b>h2b</Hash1b></SipCredential>"
                + "</SipCredentials></SipCredentialsResponse>");
    }

    @Test
    void theLinksTakeTheDomainApiGatewayReportsNotAForgedHost() {
        answer = CredentialListing.listed(List.of(new ListedAccountCredential("alice", null, "h1", null)));

        String forged = list(Map.of(), Map.of("host", "evil.example", "x-forwarded-proto", "https"),
                "api.example.com", LambdaContexts.quiet()).getBody();
        String local = list(Map.of(), Map.of("host", "127.0.0.1:3000", "x-forwarded-proto", "http"), "127.0.0.1",
                LambdaContexts.quiet()).getBody();
        String bare = list(Map.of(), Map.of(), null, LambdaContexts.quiet()).getBody();

        assertThat(forged).contains("Link=&lt;https://api.example.com/accounts/41/sipcredentials?size=500&amp;page=1&gt;");
        assertThat(local).contains("Link=&lt;http://127.0.0.1:3000/accounts/41/sipcredentials?size=500&amp;page=1&gt;");
        assertThat(bare).contains("Link=&lt;https://localhost/accounts/41/sipcredentials?size=500&amp;page=1&gt;");
        assertThat(calls).allMatch(c -> c.endsWith("limit=501"));
    }

    @Test
    void storeFaultsAreRetryableOrNotAndSayNothingWasChanged() {
        answer = CredentialListing.failed(CredentialListing.Kind.TRANSIENT_FAILURE);
        APIGatewayV2HTTPResponse transientFault = list(Map.of());
        answer = CredentialListing.failed(CredentialListing.Kind.STORE_FAILURE);
        APIGatewayV2HTTPResponse storeFault = list(Map.of());

        assertThat(transientFault.getStatusCode()).isEqualTo(503);
        assertThat(transientFault.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><ResponseStatus>"
                + "<ErrorCode>19010</ErrorCode><Description>The credentials could not be read: temporary storage "
                + "failure. Nothing was changed. Retry the request.</Description></ResponseStatus>"
                + "</SipCredentialsResponse>");
        assertThat(storeFault.getStatusCode()).isEqualTo(500);
        assertThat(storeFault.getBody()).contains("<ErrorCode>19011</ErrorCode>");
    }

    @Test
    void withNoTimeLeftTheStoreIsNotCalled() {
        APIGatewayV2HTTPResponse response = list(Map.of(), Map.of(), null, LambdaContexts.withRemainingMillis(100));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(calls).isEmpty();
    }

    @Test
    void aStoreThatThrowsIsThe500OfTheDialectWithoutAStackTrace() {
        CredentialLister throwing = new CredentialLister() {
            @Override
            public CredentialListing<ListedAccountCredential> listAccount(String a, String f, AccountCredentialFilter x,
                                                                          int l, Duration t) {
                throw new IllegalStateException("boom");
            }

            @Override
            public CredentialListing<ListedOrganizationCredential> listOrganization(Tenant.Organization o, String a,
                                                                                    int l, Duration t) {
                throw new IllegalStateException("boom");
            }
        };
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(ListSipCredentials.ROUTE_KEY);
        event.setHeaders(new HashMap<>());
        event.setPathParameters(Map.of("accountId", "41"));
        event.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());

        APIGatewayV2HTTPResponse response = new ListSipCredentials(throwing)
                .handleRequest(Claims.grantingPathTenant(event), LambdaContexts.quiet());

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("<ErrorCode>1500</ErrorCode>").doesNotContain("boom", "Exception");
    }

    @Test
    void primingAnswersAsPlannedAndCallsNoStore() {
        assertThat(new ListSipCredentials(lister).prime()).isTrue();
        assertThat(calls).isEmpty();
    }
}

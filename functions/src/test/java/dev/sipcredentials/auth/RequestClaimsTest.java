package dev.sipcredentials.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 2 of issue #23: tenant claims read from the verified bearer token, exactly, not from API Gateway's lossy
 * flattening; the token and the authorizer's claims must agree on iss, sub and exp.
 */
class RequestClaimsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENDOR = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String ORG = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final String ORG2 = "1b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

    /** The event API Gateway hands over for this payload: the header carries the token, the claims its flattening. */
    private static APIGatewayV2HTTPEvent event(Map<String, Object> payload) throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8));
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(new HashMap<>(Map.of("authorization", "Bearer " + header + "." + body + ".c2lnbmF0dXJl")));
        setClaims(event, flattened(payload));
        return event;
    }

    private static void setClaims(APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(claims).build()).build()).build());
    }

    /** API Gateway HTTP API's stringification of claims (numbers as text, arrays as "[a b]"). */
    static Map<String, String> flattened(Map<String, Object> payload) {
        Map<String, String> flat = new LinkedHashMap<>();
        payload.forEach((name, value) -> flat.put(name, value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]")) : String.valueOf(value)));
        return flat;
    }

    private static Map<String, Object> token(String claim, Object value) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", "https://auth.example/");
        payload.put("sub", "client-1");
        payload.put("exp", 1_900_000_000L);
        payload.put(claim, value);
        return payload;
    }

    @Test
    void anElementWithASpaceGrantsNothingThoughItsFlatteningReadsAsTwoAccounts() throws Exception {
        APIGatewayV2HTTPEvent event = event(token(TenantGrant.ACCOUNTS_CLAIM, List.of("41 42")));
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry(TenantGrant.ACCOUNTS_CLAIM, "[41 42]");

        TenantGrant grant = RequestClaims.grant(event);

        assertThat(grant.grantsAccount("41")).isFalse();
        assertThat(grant.grantsAccount("42")).isFalse();
        assertThat(grant.accounts()).isEmpty();
    }

    @Test
    void elementsThatFlattenIntoValidJsonGrantNothing() throws Exception {
        APIGatewayV2HTTPEvent event = event(token(TenantGrant.ACCOUNTS_CLAIM, List.of("\"42\",", "\"43\"")));
        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry(TenantGrant.ACCOUNTS_CLAIM, "[\"42\", \"43\"]");

        TenantGrant grant = RequestClaims.grant(event);

        assertThat(grant.grantsAccount("42")).isFalse();
        assertThat(grant.grantsAccount("43")).isFalse();
    }

    @Test
    void theSameTricksOnTheOrganizationClaimGrantNothing() throws Exception {
        String pair = VENDOR + "/" + ORG;
        String pair2 = VENDOR + "/" + ORG2;
        assertThat(RequestClaims.grant(event(token(TenantGrant.ORGANIZATIONS_CLAIM, List.of(pair + " " + pair2))))
                .organizations()).isEmpty();
        assertThat(RequestClaims.grant(event(token(TenantGrant.ORGANIZATIONS_CLAIM,
                List.of("\"" + pair + "\",", "\"" + pair2 + "\"")))).organizations()).isEmpty();
    }

    @Test
    void whatTheIssuerWroteIsWhatIsGranted() throws Exception {
        assertThat(RequestClaims.grant(event(token(TenantGrant.ACCOUNTS_CLAIM, List.of("41", "42")))).accounts())
                .containsExactly("41", "42");
        // A string claim holding JSON (an issuer that cannot write arrays).
        assertThat(RequestClaims.grant(event(token(TenantGrant.ACCOUNTS_CLAIM, "[\"41\"]"))).accounts())
                .containsExactly("41");
        assertThat(RequestClaims.grant(event(token(TenantGrant.ORGANIZATIONS_CLAIM, List.of(VENDOR + "/" + ORG))))
                .grantsOrganization(VENDOR, ORG)).isTrue();
    }

    @Test
    void aTokenThatDisagreesWithTheAuthorizersClaimsGrantsNothing() throws Exception {
        for (String name : List.of("iss", "sub", "exp")) {
            APIGatewayV2HTTPEvent event = event(token(TenantGrant.ACCOUNTS_CLAIM, List.of("41")));
            Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
            claims.put(name, claims.get(name) + "0");
            setClaims(event, claims);
            assertThat(RequestClaims.grant(event).grantsAccount("41")).as(name).isFalse();
        }
        APIGatewayV2HTTPEvent garbled = event(token(TenantGrant.ACCOUNTS_CLAIM, List.of("41")));
        garbled.getHeaders().put("authorization", "Bearer not-a-jwt");
        assertThat(RequestClaims.grant(garbled).grantsAccount("41")).isFalse();
        APIGatewayV2HTTPEvent noClaims = event(token(TenantGrant.ACCOUNTS_CLAIM, List.of("41")));
        noClaims.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());
        assertThat(RequestClaims.grant(noClaims).grantsAccount("41")).as("no authorizer context").isFalse();
    }
}

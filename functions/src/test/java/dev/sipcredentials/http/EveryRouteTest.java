package dev.sipcredentials.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.auth.TenantGrant;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.testkit.GrantedEvents;
import dev.sipcredentials.testkit.InMemorySipCredentialStore;
import dev.sipcredentials.testkit.LambdaContexts;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every route shares, because {@link Route} does it for all of them: tested once here over every route, so a
 * route's own tests keep its logic only. A new route adds one {@link RouteUnderTest}.
 */
class EveryRouteTest {
    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "every-route-writer");
        thread.setDaemon(true);
        return thread;
    });
    private static final String VENDOR = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String ORGANIZATION = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

    /**
     * One route: how to build it over a store, and one valid request of it (which stores something).
     *
     * @param storesSomething whether the valid request, answered 2xx, leaves a write in the store
     */
    record RouteUnderTest(String name, Function<InMemorySipCredentialStore, RequestHandler<APIGatewayV2HTTPEvent,
            APIGatewayV2HTTPResponse>> handler, TenantKind tenant, String routeKey, String path,
                          Map<String, String> pathParameters, String contentType, String validBody, int maxBodyBytes,
                          String otherTenantClaim, boolean storesSomething) {

        APIGatewayV2HTTPEvent event(String contentType, String body, boolean base64) {
            return GrantedEvents.post(routeKey, path, pathParameters, contentType, body, base64, "req-every-route");
        }

        APIGatewayV2HTTPEvent valid() {
            return event(contentType, validBody, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RouteUnderTest> routes() {
        return Stream.of(
                new RouteUnderTest("POST bandwidth sipcredentials",
                        store -> TestHandlers.bandwidth(store, WRITERS), TenantKind.ACCOUNT,
                        "POST /accounts/{accountId}/sipcredentials", "/accounts/41/sipcredentials",
                        Map.of("accountId", "41"), "application/xml",
                        "<SipCredentials><SipCredential><UserName>Bill</UserName><Hash1>h1</Hash1></SipCredential>"
                                + "</SipCredentials>", 4 * 1024 * 1024, "[\"42\"]", true),
                new RouteUnderTest("POST deepslate sip/credentials",
                        store -> TestHandlers.deepslate(store, Clock.systemUTC(), UUID::randomUUID),
                        TenantKind.ORGANIZATION,
                        "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                        "/api/v1/vendors/" + VENDOR + "/organizations/" + ORGANIZATION + "/sip/credentials",
                        Map.of("vendorId", VENDOR, "organizationId", ORGANIZATION), "application/json",
                        "{\"hostname\":\"sip.example.com\",\"port\":5060,\"username\":\"agent001\","
                                + "\"password\":\"strong-password\"}", 16 * 1024,
                        "[\"" + VENDOR + "/" + UUID.randomUUID() + "\"]", true));
    }

    private static APIGatewayV2HTTPResponse send(RouteUnderTest route, InMemorySipCredentialStore store,
                                                 APIGatewayV2HTTPEvent event, Context context) {
        return route.handler().apply(store).handleRequest(event, context);
    }

    private static void assertDialectAnswer(RouteUnderTest route, APIGatewayV2HTTPResponse response) {
        assertThat(response.getHeaders()).containsEntry("Content-Type", route.contentType())
                .containsEntry("X-Request-Id", "req-every-route").containsEntry("Cache-Control", "no-store");
        assertThat(response.getBody()).doesNotContain("Exception", "at dev.", "boom");
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aValidRequestIsAnsweredAndStored(RouteUnderTest route) {
        InMemorySipCredentialStore store = new InMemorySipCredentialStore();
        APIGatewayV2HTTPResponse response = send(route, store, route.valid(), null);

        assertThat(response.getStatusCode()).isBetween(200, 299);
        assertDialectAnswer(route, response);
        assertThat(store.isUntouched()).isEqualTo(!route.storesSomething());
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aBase64BodyIsReadAsTheSameBytes(RouteUnderTest route) {
        InMemorySipCredentialStore plain = new InMemorySipCredentialStore();
        InMemorySipCredentialStore encoded = new InMemorySipCredentialStore();

        APIGatewayV2HTTPResponse asText = send(route, plain, route.valid(), null);
        APIGatewayV2HTTPResponse asBase64 = send(route, encoded,
                route.event(route.contentType(), route.validBody(), true), null);

        assertThat(asBase64.getStatusCode()).isEqualTo(asText.getStatusCode());
        assertThat(encoded.accountCredentials()).isEqualTo(plain.accountCredentials());
        assertThat(encoded.organizationCalls()).isEqualTo(plain.organizationCalls());
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aBodyThatIsNotBase64ThoughFlaggedIs400AndStoresNothing(RouteUnderTest route) {
        InMemorySipCredentialStore store = new InMemorySipCredentialStore();
        APIGatewayV2HTTPEvent event = route.valid();
        event.setIsBase64Encoded(true);
        event.setBody("not base64 !");

        APIGatewayV2HTTPResponse response = send(route, store, event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertDialectAnswer(route, response);
        assertThat(store.isUntouched()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void anotherMediaTypeIs415AndStoresNothing(RouteUnderTest route) {
        for (String contentType : new String[] {"text/plain", null, route.contentType() + "; charset=utf-16"}) {
            InMemorySipCredentialStore store = new InMemorySipCredentialStore();
            APIGatewayV2HTTPResponse response = send(route, store,
                    route.event(contentType, route.validBody(), false), null);

            assertThat(response.getStatusCode()).as(String.valueOf(contentType)).isEqualTo(415);
            assertDialectAnswer(route, response);
            assertThat(store.isUntouched()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aTokenThatDoesNotGrantTheTenantIs403AndStoresNothing(RouteUnderTest route) {
        String claim = route.tenant() == TenantKind.ACCOUNT ? TenantGrant.ACCOUNTS_CLAIM : TenantGrant.ORGANIZATIONS_CLAIM;
        APIGatewayV2HTTPEvent otherTenant = route.valid();
        Claims.set(otherTenant, Map.of(claim, route.otherTenantClaim()));
        APIGatewayV2HTTPEvent otherKindOnly = route.valid();
        Map<String, String> otherKind = new HashMap<>(Claims.grantingPathTenant(Map.of("accountId", "41",
                "vendorId", VENDOR, "organizationId", ORGANIZATION)));
        otherKind.remove(claim);
        Claims.set(otherKindOnly, otherKind);
        APIGatewayV2HTTPEvent noAuthorizer = route.valid();
        noAuthorizer.getRequestContext().setAuthorizer(null);

        for (APIGatewayV2HTTPEvent event : new APIGatewayV2HTTPEvent[] {otherTenant, otherKindOnly, noAuthorizer}) {
            InMemorySipCredentialStore store = new InMemorySipCredentialStore();
            APIGatewayV2HTTPResponse response = send(route, store, event, null);

            assertThat(response.getStatusCode()).isEqualTo(403);
            assertDialectAnswer(route, response);
            assertThat(store.isUntouched()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aBodyOverTheRoutesLimitIs413AndStoresNothing(RouteUnderTest route) {
        for (boolean base64 : new boolean[] {false, true}) {
            InMemorySipCredentialStore store = new InMemorySipCredentialStore();
            APIGatewayV2HTTPResponse response = send(route, store,
                    route.event(route.contentType(), " ".repeat(route.maxBodyBytes() + 1), base64), null);

            assertThat(response.getStatusCode()).isEqualTo(413);
            assertDialectAnswer(route, response);
            assertThat(store.isUntouched()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void anInvalidIdempotencyKeyIs400AndStoresNothing(RouteUnderTest route) {
        InMemorySipCredentialStore store = new InMemorySipCredentialStore();
        APIGatewayV2HTTPEvent event = route.valid();
        event.getHeaders().put("idempotency-key", "has space");

        APIGatewayV2HTTPResponse response = send(route, store, event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertDialectAnswer(route, response);
        assertThat(store.isUntouched()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aLambdaWithNoTimeLeftWritesNothingAndAnswers503(RouteUnderTest route) {
        for (int remainingMillis : new int[] {0, 400}) {
            InMemorySipCredentialStore store = new InMemorySipCredentialStore();
            APIGatewayV2HTTPResponse response = send(route, store, route.valid(),
                    LambdaContexts.withRemainingMillis(remainingMillis));

            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
            assertDialectAnswer(route, response);
            assertThat(store.isUntouched()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aThrowingStoreIsTheApisOwn500WithoutDetail(RouteUnderTest route) {
        InMemorySipCredentialStore store = new InMemorySipCredentialStore()
                .throwing(new IllegalStateException("boom at dev.sipcredentials.Secret"));

        APIGatewayV2HTTPResponse response = send(route, store, route.valid(), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertDialectAnswer(route, response);
        assertThat(store.accountCredentials()).isEmpty();
        assertThat(store.organizationCredentials()).isEmpty();
    }

    /**
     * Finding 4 of issue #23: a tenant over its rate limit is refused with 429, its dialect's code and Retry-After,
     * before anything is stored, while another tenant on the same instance is served. The limit is 0.001 units per
     * second, so the first request's debt lasts far longer than the test: no timing assumption.
     */
    @ParameterizedTest
    @MethodSource("routes")
    void aTenantOverItsRateLimitIs429AndStoresNothingWhileAnotherTenantIsServed(RouteUnderTest route) {
        InMemorySipCredentialStore store = new InMemorySipCredentialStore();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
        System.setProperty(TenantRateLimit.SETTING, "0.001");
        try {
            handler = route.handler().apply(store);
        } finally {
            System.clearProperty(TenantRateLimit.SETTING);
        }
        assertThat(handler.handleRequest(route.valid(), null).getStatusCode()).isBetween(200, 299);
        int accountCredentials = store.accountCredentials().size();
        int organizationCalls = store.organizationCalls();

        APIGatewayV2HTTPResponse refused = handler.handleRequest(route.valid(), null);

        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertDialectAnswer(route, refused);
        assertThat(Long.parseLong(refused.getHeaders().get("Retry-After"))).isGreaterThan(1);
        assertThat(refused.getBody()).contains(route.tenant() == TenantKind.ACCOUNT
                ? "<ErrorCode>1117</ErrorCode>" : "\"code\":\"TOO_MANY_REQUESTS\"");
        assertThat(store.accountCredentials()).hasSize(accountCredentials);
        assertThat(store.organizationCalls()).isEqualTo(organizationCalls);

        Map<String, String> otherTenant = new HashMap<>(route.pathParameters());
        String otherPath = route.tenant() == TenantKind.ACCOUNT ? route.path().replace("/41/", "/43/")
                : route.path().replace(ORGANIZATION, "1b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d");
        otherTenant.replaceAll((name, value) -> name.equals("accountId") ? "43"
                : name.equals("organizationId") ? "1b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d" : value);
        APIGatewayV2HTTPResponse other = handler.handleRequest(GrantedEvents.post(route.routeKey(), otherPath,
                otherTenant, route.contentType(), route.validBody(), false, "req-every-route"), null);
        assertThat(other.getStatusCode()).isBetween(200, 299);
    }
}

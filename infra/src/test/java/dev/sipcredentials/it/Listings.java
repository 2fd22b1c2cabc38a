package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.store.DynamoDbCredentialLister;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The listing routes' handlers over the test engine, and their requests as API Gateway passes them. */
final class Listings {
    static final String BANDWIDTH = "GET /accounts/{accountId}/sipcredentials";
    static final String DEEPSLATE = "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials";
    static final String HOST = "a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com";
    /** As Wiring's reader pool: one thread per shard of an account. */
    static final ExecutorService READERS = Executors.newFixedThreadPool(DynamoDbCredentialLister.accountShards());

    private Listings() {
    }

    static DynamoDbCredentialLister lister(String table) {
        return new DynamoDbCredentialLister(TestStack.client(), table,
                dev.sipcredentials.store.TenantKeyTable.hashSealerFromSettings(TestStack.client(), table), READERS);
    }

    static dev.sipcredentials.bandwidth.ListSipCredentials bandwidth(String table) {
        return new dev.sipcredentials.bandwidth.ListSipCredentials(lister(table));
    }

    static dev.sipcredentials.deepslate.ListSipCredentials deepslate(String table) {
        return new dev.sipcredentials.deepslate.ListSipCredentials(lister(table), java.time.Clock.systemUTC(),
                TestStack.serviceKey(table));
    }

    /** {@code query}: name, value, name, value... (null values left out). */
    static APIGatewayV2HTTPResponse listAccount(dev.sipcredentials.bandwidth.ListSipCredentials handler,
                                                String accountId, String... query) {
        return ContractValidator.invoke(handler, event(BANDWIDTH, "/accounts/" + accountId + "/sipcredentials",
                Map.of("accountId", accountId), query), null);
    }

    static APIGatewayV2HTTPResponse listOrganization(dev.sipcredentials.deepslate.ListSipCredentials handler,
                                                     String vendorId, String organizationId, String... query) {
        return ContractValidator.invoke(handler, event(DEEPSLATE, "/api/v1/vendors/" + vendorId + "/organizations/"
                + organizationId + "/sip/credentials", Map.of("vendorId", vendorId, "organizationId", organizationId),
                query), null);
    }

    static APIGatewayV2HTTPEvent event(String routeKey, String path, Map<String, String> pathParameters,
                                       String... query) {
        APIGatewayV2HTTPEvent event = TestStack.event(routeKey, path, pathParameters, null, null, false,
                "list-" + UUID.randomUUID());
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < query.length; i += 2) {
            if (query[i + 1] != null) {
                parameters.put(query[i], query[i + 1]);
            }
        }
        event.setQueryStringParameters(parameters.isEmpty() ? null : parameters);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("host", HOST);
        headers.put("x-forwarded-proto", "https");
        event.setHeaders(headers);
        event.getRequestContext().setDomainName(HOST);
        return event;
    }

    /** The query parameters of a link's URL ({@code Link=<url>;rel="...";}), percent-decoded. */
    static Map<String, String> linkQuery(String link) {
        String url = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return query;
    }
}

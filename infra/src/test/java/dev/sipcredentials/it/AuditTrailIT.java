package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who created each item, and when: the verified token's sub (or client_id), written by the real store. */
class AuditTrailIT {
    private final String table = TestStack.freshTable();
    private final CreateSipCredentials bandwidth = TestHandlers.bandwidth(TestStack.store(table),
            TestStack.WRITERS);
    private final CreateSipCredential deepslate = TestHandlers.deepslate(TestStack.store(table),
            Clock.systemUTC(), UUID::randomUUID);

    private static APIGatewayV2HTTPEvent withCaller(APIGatewayV2HTTPEvent event, Map<String, String> extraClaims) {
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.putAll(extraClaims);
        Claims.set(event, claims);
        return event;
    }

    private APIGatewayV2HTTPResponse xml(String userName, Map<String, String> claims) {
        return bandwidth.handleRequest(withCaller(TestStack.event("POST /accounts/{accountId}/sipcredentials",
                "/accounts/41/sipcredentials", Map.of("accountId", "41"), "application/xml",
                "<SipCredentials><SipCredential><UserName>" + userName + "</UserName><Hash1>h</Hash1></SipCredential>"
                        + "</SipCredentials>", false, "audit-" + userName), claims), null);
    }

    private Map<String, AttributeValue> item(String attribute, String value) {
        return TestStack.items(table).stream().filter(i -> i.containsKey(attribute) && value.equals(i.get(attribute).s()))
                .findFirst().orElseThrow();
    }

    @Test
    void aCreatedItemNamesItsCreatorFromSubOrElseClientIdAndWhen() {
        Instant before = Instant.now();
        assertThat(xml("bysub", Map.of("sub", "user-7", "client_id", "app-1")).getStatusCode()).isEqualTo(201);
        assertThat(xml("byclient", Map.of("client_id", "app-1")).getStatusCode()).isEqualTo(201);
        assertThat(xml("bynobody", Map.of()).getStatusCode()).isEqualTo(201);

        Map<String, AttributeValue> bySub = item("name", "bysub");
        assertThat(bySub.get("createdBy").s()).isEqualTo("user-7");
        assertThat(bySub.get("updatedBy").s()).isEqualTo("user-7");
        Instant createdAt = Instant.parse(bySub.get("createdAt").s());
        assertThat(createdAt).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(bySub.get("updatedAt").s()).isEqualTo(bySub.get("createdAt").s());
        assertThat(item("name", "byclient").get("createdBy").s()).isEqualTo("app-1");
        assertThat(item("name", "bynobody").get("createdBy").s()).isEqualTo("unknown");
    }

    @Test
    void aDeepslateCredentialAndItsGuardNameTheirCreator() {
        String vendor = UUID.randomUUID().toString();
        String organization = UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse response = deepslate.handleRequest(withCaller(TestStack.event(DeepslateApiIT.ROUTE,
                "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials",
                Map.of("vendorId", vendor, "organizationId", organization), "application/json",
                "{\"hostname\":\"sip.example\",\"port\":5060,\"username\":\"agent\",\"password\":\"pw-secret\"}", false,
                "audit-ds"), Map.of("sub", "ops@example.com")), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);

        for (String kind : List.of("deepslate-sip-credential", "deepslate-sip-account-guard")) {
            Map<String, AttributeValue> item = item("kind", kind);
            assertThat(item.get("createdBy").s()).as(kind).isEqualTo("ops@example.com");
            assertThat(item.get("updatedBy").s()).as(kind).isEqualTo("ops@example.com");
            assertThat(item.get("updatedAt").s()).as(kind).isEqualTo(item.get("createdAt").s());
        }
    }
}

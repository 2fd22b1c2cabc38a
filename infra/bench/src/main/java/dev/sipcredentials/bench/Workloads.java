package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.testkit.GrantedEvents;

import java.util.Locale;
import java.util.Map;

/**
 * The requests every benchmark sends: N valid, distinct Bandwidth entries (the shape of Bandwidth's own example,
 * a Domain and both hashes), and one valid deepslate create. Only JDK and functions-jar classes are used, so
 * the cold-start and heap child JVMs can load this class from the functions jar's class path.
 */
public final class Workloads {
    public static final String DOMAIN = "bench.example.com";

    private Workloads() {
    }

    public static String userName(int i) {
        return "User" + i;
    }

    public static String hash1(int i) {
        return String.format(Locale.ROOT, "%032x", 0x5eed_0000_0000L + i);
    }

    public static String hash1b(int i) {
        return String.format(Locale.ROOT, "%032x", 0xb00c_0000_0000L + i);
    }

    /** A {@code <SipCredentials>} document of {@code entries} valid entries with distinct names. */
    public static String bandwidthXml(int entries) {
        StringBuilder xml = new StringBuilder(64 + entries * 170);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SipCredentials>");
        for (int i = 0; i < entries; i++) {
            xml.append("<SipCredential><UserName>").append(userName(i)).append("</UserName><Domain>").append(DOMAIN)
                    .append("</Domain><Hash1>").append(hash1(i)).append("</Hash1><Hash1b>").append(hash1b(i))
                    .append("</Hash1b></SipCredential>");
        }
        return xml.append("</SipCredentials>").toString();
    }

    public static APIGatewayV2HTTPEvent bandwidthEvent(String accountId, String xml, boolean base64, String requestId) {
        return event("POST /accounts/{accountId}/sipcredentials", "/accounts/" + accountId + "/sipcredentials",
                Map.of("accountId", accountId), "application/xml", xml, base64, requestId);
    }

    public static APIGatewayV2HTTPEvent deepslateEvent(String vendorId, String organizationId, String username,
                                                       String requestId) {
        String json = "{\"hostname\": \"sipconnect.sipgate.de\", \"port\": 5060, \"username\": \"" + username
                + "\", \"password\": \"strong-password\", \"maxAgentTasks\": 10}";
        return event("POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                "/api/v1/vendors/" + vendorId + "/organizations/" + organizationId + "/sip/credentials",
                Map.of("vendorId", vendorId, "organizationId", organizationId), "application/json", json, false,
                requestId);
    }

    /** {@code GET .../sip/credentials/{id}} as API Gateway passes it once the organization is granted. */
    public static APIGatewayV2HTTPEvent deepslateGetEvent(String vendorId, String organizationId, String id,
                                                          String requestId) {
        return event("GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}",
                "/api/v1/vendors/" + vendorId + "/organizations/" + organizationId + "/sip/credentials/" + id,
                Map.of("vendorId", vendorId, "organizationId", organizationId, "sipCredentialsId", id), null, null,
                false, requestId);
    }

    /** {@code GET /accounts/{accountId}/sipcredentials/{compositeUserName}}, the account granted. */
    public static APIGatewayV2HTTPEvent bandwidthGetEvent(String accountId, String compositeUserName,
                                                          String requestId) {
        return event("GET /accounts/{accountId}/sipcredentials/{compositeUserName}",
                "/accounts/" + accountId + "/sipcredentials/" + compositeUserName,
                Map.of("accountId", accountId, "compositeUserName", compositeUserName), null, null, false, requestId);
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String path, Map<String, String> pathParameters,
                                               String contentType, String body, boolean base64, String requestId) {
        return GrantedEvents.post(routeKey, path, pathParameters, contentType, body, base64, requestId);
    }

    /** How many times {@code needle} occurs in {@code text}. */
    public static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}

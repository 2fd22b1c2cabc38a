package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpApiEventFactoryTest {

    private static final Instant NOW = Instant.parse("2026-03-12T19:03:58.123Z");
    private static final RouteTable ROUTES = RouteTable.from(SamTemplate.parse(TestTemplates.project()));
    private static final String SEED_XML = "<SipCredentials><SipCredential><UserName>John</UserName>"
            + "<Hash1>1g32gadgs433dd4</Hash1></SipCredential></SipCredentials>";

    private static ObjectNode event(String contentType, byte[] body, String rawQuery, List<Map.Entry<String, String>> extraHeaders) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(
                Map.entry("Host", "127.0.0.1:3000"),
                Map.entry("User-Agent", "curl/8.5.0")));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        headers.addAll(extraHeaders);
        var request = new HttpApiEventFactory.IncomingRequest(
                "POST", "/accounts/41/sipcredentials", rawQuery, headers, body, "127.0.0.1", "HTTP/1.1", 3000);
        var match = ROUTES.match("POST", "/accounts/41/sipcredentials").orElseThrow();
        return HttpApiEventFactory.create(request, match, "JKJaXmPLvHcESHA=", NOW);
    }

    private static ObjectNode xmlEvent(String contentType) {
        return event(contentType, SEED_XML.getBytes(StandardCharsets.UTF_8), null, List.of());
    }

    @Test
    void hasThePayload2Envelope() {
        ObjectNode event = xmlEvent("application/xml");

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("POST /accounts/{accountId}/sipcredentials");
        assertThat(event.get("rawPath").asText()).isEqualTo("/accounts/41/sipcredentials");
        assertThat(event.get("rawQueryString").asText()).isEmpty();
        assertThat(event.get("pathParameters")).isEqualTo(
                event.objectNode().put("accountId", "41"));
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.has("cookies")).isFalse();
        assertThat(event.has("multiValueHeaders")).isFalse();
    }

    @Test
    void hasTheRequestContextApiGatewaySends() {
        JsonNode context = xmlEvent("application/xml").get("requestContext");

        assertThat(context.get("accountId").asText()).isEqualTo("123456789012");
        assertThat(context.get("apiId").asText()).isNotBlank();
        assertThat(context.get("domainName").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("domainPrefix").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("requestId").asText()).isEqualTo("JKJaXmPLvHcESHA=");
        assertThat(context.get("routeKey").asText()).isEqualTo("POST /accounts/{accountId}/sipcredentials");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("time").asText()).isEqualTo("12/Mar/2026:19:03:58 +0000");
        assertThat(context.get("timeEpoch").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode http = context.get("http");
        assertThat(http.get("method").asText()).isEqualTo("POST");
        assertThat(http.get("path").asText()).isEqualTo("/accounts/41/sipcredentials");
        assertThat(http.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(http.get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(http.get("userAgent").asText()).isEqualTo("curl/8.5.0");
    }

    @Test
    void lowerCasesHeaderNamesJoinsRepeatsWithCommasAndMovesCookiesOut() {
        ObjectNode event = event("application/xml", new byte[0], null, List.of(
                Map.entry("X-Custom", "one"),
                Map.entry("x-custom", "two"),
                Map.entry("Cookie", "a=1; b=2"),
                Map.entry("Cookie", "c=3")));
        JsonNode headers = event.get("headers");

        assertThat(headers.fieldNames()).toIterable().allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(headers.get("x-custom").asText()).isEqualTo("one,two");
        assertThat(headers.get("content-type").asText()).isEqualTo("application/xml");
        assertThat(headers.get("host").asText()).isEqualTo("127.0.0.1:3000");
        assertThat(headers.has("cookie")).isFalse();
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2", "c=3");
        assertThat(headers.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(headers.get("x-forwarded-port").asText()).isEqualTo("3000");
        assertThat(headers.get("x-amzn-trace-id").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
    }

    @Test
    void decodesQueryParametersAndJoinsRepeatsWithCommas() {
        ObjectNode event = event(null, new byte[0], "a=1&a=2&b=x%20y&flag", List.of());

        assertThat(event.get("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y&flag");
        assertThat(event.get("queryStringParameters")).isEqualTo(
                event.objectNode().put("a", "1,2").put("b", "x y").put("flag", ""));
    }

    @Test
    void xmlAndTextBodiesArriveAsTextOctetStreamAsBase64() {
        ObjectNode applicationXml = xmlEvent("application/xml");
        ObjectNode textXml = xmlEvent("text/xml; charset=utf-8");
        ObjectNode octets = xmlEvent("application/octet-stream");
        ObjectNode noContentType = xmlEvent(null);

        assertThat(applicationXml.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(applicationXml.get("body").asText()).isEqualTo(SEED_XML);
        assertThat(textXml.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(textXml.get("body").asText()).isEqualTo(SEED_XML);
        assertThat(octets.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(octets.get("body").asText())).isEqualTo(SEED_XML.getBytes(StandardCharsets.UTF_8));
        assertThat(noContentType.get("isBase64Encoded").asBoolean()).isTrue();
    }

    @Test
    void anEmptyBodyIsLeftOutAndNotBase64() {
        ObjectNode event = event("application/octet-stream", new byte[0], null, List.of());

        assertThat(event.has("body")).isFalse();
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void deserialisesWithTheLambdaRuntimeSerializerIntoAPIGatewayV2HTTPEvent() {
        ObjectNode json = event("application/octet-stream", new byte[] {1, 2, 3}, "x=1",
                List.of(Map.entry("Cookie", "k=v")));

        APIGatewayV2HTTPEvent event = LambdaEventSerializers
                .serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                .fromJson(json.toString());

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("POST /accounts/{accountId}/sipcredentials");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("accountId", "41"));
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("x", "1"));
        assertThat(event.getCookies()).containsExactly("k=v");
        assertThat(event.getHeaders()).containsEntry("content-type", "application/octet-stream");
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).containsExactly(1, 2, 3);
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("JKJaXmPLvHcESHA=");
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void requestIdsLookLikeApiGatewaysAndAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = HttpApiEventFactory.newRequestId();
            assertThat(id).matches("[A-Za-z0-9_-]{15}=");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}

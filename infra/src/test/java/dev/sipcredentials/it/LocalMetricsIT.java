package dev.sipcredentials.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one offline check that the metrics are right: a known sequence of requests through the local stack (real
 * handlers, template.yaml, HTTP), then {@code GET /_local/metrics} must hold exactly the counts that sequence makes,
 * per route; every EMF document the functions wrote conforms to the specification's schema; and the functions' log
 * lines are Lambda's JSON log format, one per line, no blank ones.
 */
class LocalMetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XML_ROUTE = "POST /accounts/{accountId}/sipcredentials";
    private static final String JSON_ROUTE = DeepslateApiIT.ROUTE;
    private static final ByteArrayOutputStream STDOUT = new ByteArrayOutputStream();
    private static PrintStream previousOut;
    private static LocalStack stack;
    private static JsonNode metrics;

    @BeforeAll
    static void runTheSequence(@TempDir Path state) throws Exception {
        previousOut = System.out;
        System.setOut(new PrintStream(STDOUT, true, StandardCharsets.UTF_8));
        try {
            stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                    .withTemplate(Path.of("..", "template.yaml").toAbsolutePath().normalize()), true);
            String account = "/accounts/7301/sipcredentials";
            // XML: 2 created; the same 2 again (2 duplicates); 1 created + 1 refused by a rule; a whole request
            // refused for its media type.
            assertThat(post(account, "application/xml", BandwidthApiIT.SEED_REQUEST, true).statusCode()).isEqualTo(201);
            assertThat(post(account, "application/xml", BandwidthApiIT.SEED_REQUEST, true).statusCode()).isEqualTo(400);
            assertThat(post(account, "application/xml", "<SipCredentials><SipCredential><UserName>carol</UserName>"
                    + "<Hash1>abc</Hash1></SipCredential><SipCredential><UserName>has space</UserName>"
                    + "<Hash1>abc</Hash1></SipCredential></SipCredentials>", true).statusCode()).isEqualTo(201);
            assertThat(post(account, "application/json", "{}", true).statusCode()).isEqualTo(415);

            // JSON: 1 created; the same again (duplicate); an invalid port (400); another tenant's organization
            // with this one's token (403); and no token at all (API Gateway's 401: the function never runs).
            String organization = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                    + "/sip/credentials";
            assertThat(post(organization, "application/json", DeepslateApiIT.SEED_BODY, true).statusCode())
                    .isEqualTo(201);
            assertThat(post(organization, "application/json", DeepslateApiIT.SEED_BODY, true).statusCode())
                    .isEqualTo(409);
            assertThat(post(organization, "application/json", DeepslateApiIT.SEED_BODY.replace("5060", "0"), true)
                    .statusCode()).isEqualTo(400);
            String other = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                    + "/sip/credentials";
            assertThat(send(HttpRequest.newBuilder(stack.baseUrl().resolve(other))
                    .header("Authorization", "Bearer " + Tokens.forPath(stack, organization))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DeepslateApiIT.SEED_BODY))).statusCode()).isEqualTo(403);
            assertThat(post(organization, "application/json", DeepslateApiIT.SEED_BODY, false).statusCode())
                    .isEqualTo(401);

            HttpResponse<String> served = send(HttpRequest.newBuilder(stack.baseUrl().resolve("/_local/metrics")).GET());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("content-type")).hasValue("application/json");
            metrics = JSON.readTree(served.body());
        } finally {
            System.out.flush();
            System.setOut(previousOut);
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> post(String path, String contentType, String body, boolean token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            request.header("Authorization", "Bearer " + Tokens.forPath(stack, path));
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode route(String routeKey) {
        for (JsonNode series : metrics.path("series")) {
            if (routeKey.equals(series.path("dimensions").path("Route").asText())) {
                assertThat(series.path("namespace").asText()).isEqualTo("SipCredentials");
                assertThat(series.path("dimensions").size()).as("Route is the only dimension").isEqualTo(1);
                return series.path("metrics");
            }
        }
        throw new AssertionError("no series for " + routeKey + " in " + metrics);
    }

    @Test
    void theXmlRouteCountsWhatItsFourRequestsDid() {
        JsonNode xml = route(XML_ROUTE);
        assertThat(xml.path("Requests").asLong()).isEqualTo(4);
        assertThat(xml.path("Created").asLong()).isEqualTo(3);
        assertThat(xml.path("Duplicates").asLong()).isEqualTo(2);
        assertThat(xml.path("Refused").asLong()).isEqualTo(2);
        assertThat(xml.path("RefusedInvalid").asLong()).isEqualTo(1);
        assertThat(xml.path("RefusedMediaType").asLong()).isEqualTo(1);
        assertThat(xml.path("StoreErrors").asLong()).isZero();
        assertThat(xml.path("Throttled").asLong()).isZero();
        assertThat(xml.path("Latency").path("count").asLong()).isEqualTo(4);
        assertThat(xml.path("Latency").path("unit").asText()).isEqualTo("Milliseconds");
    }

    @Test
    void theJsonRouteCountsItsFourInvokedRequestsAndNotTheOneTheAuthorizerRefused() {
        JsonNode json = route(JSON_ROUTE);
        assertThat(json.path("Requests").asLong()).isEqualTo(4);
        assertThat(json.path("Created").asLong()).isEqualTo(1);
        assertThat(json.path("Duplicates").asLong()).isEqualTo(1);
        assertThat(json.path("Refused").asLong()).isEqualTo(2);
        assertThat(json.path("RefusedInvalid").asLong()).isEqualTo(1);
        assertThat(json.path("RefusedForbidden").asLong()).isEqualTo(1);
        assertThat(json.has("RefusedMediaType")).isFalse();
        assertThat(json.path("StoreErrors").asLong()).isZero();
        assertThat(json.path("Throttled").asLong()).isZero();
        assertThat(metrics.path("series").size()).as("one series per route").isEqualTo(2);
        assertThat(metrics.path("rejectedDocuments").asLong()).isZero();
    }

    @Test
    void everyEmfDocumentTheFunctionsWroteConformsToTheSpecificationsSchema() {
        List<String> documents = stack.metrics().documents();
        assertThat(documents).hasSize(8);
        for (String document : documents) {
            assertThat(EmfSchema.violations(document)).as(document).isEmpty();
        }
        // The schema is not a formality: a document without its timestamp, or with a unit CloudWatch does not
        // know, is refused.
        String first = documents.get(0);
        assertThat(EmfSchema.violations(first.replaceFirst("\"Timestamp\":\\d+,", ""))).isNotEmpty();
        assertThat(EmfSchema.violations(first.replace("\"Milliseconds\"", "\"Millis\""))).isNotEmpty();
    }

    @Test
    void theFunctionsLogLinesAreLambdasJsonFormatOnePerLineWithNoBlankLines() throws Exception {
        String[] lines = STDOUT.toString(StandardCharsets.UTF_8).split("\n", -1);
        List<JsonNode> requestLines = new ArrayList<>();
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i]).as("line " + i).isNotBlank();
            if (!lines[i].startsWith("{")) {
                continue; // the gateway's own line per request, and the stack's start-up lines
            }
            JsonNode line = JSON.readTree(lines[i]);
            if (line.has("_aws")) {
                continue;
            }
            assertThat(line.fieldNames()).toIterable()
                    .containsExactly("timestamp", "level", "message", "AWSRequestId");
            assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            requestLines.add(line);
        }
        assertThat(lines[lines.length - 1]).as("output ends with a newline").isEmpty();
        assertThat(requestLines).as("one request line per invocation").hasSize(8);
    }

    @Test
    void healthAnswersOk() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(stack.baseUrl().resolve("/_local/health")).GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> post = send(HttpRequest.newBuilder(stack.baseUrl().resolve("/_local/health"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
    }
}

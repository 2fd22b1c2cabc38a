package dev.sipcredentials.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EMF document as CloudWatch reads it: every metric the directive names has a numeric member at the top level,
 * the one dimension Route has a string member, and nothing about the tenant is in the line. The document is also
 * validated against the EMF specification's JSON schema in infra (EmbeddedMetricFormatSchemaTest), over lines the
 * real handlers wrote.
 */
class RequestMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = "POST /accounts/{accountId}/sipcredentials";

    private static JsonNode line(RouteOutcome outcome) throws Exception {
        return JSON.readTree(RequestMetrics.line("SipCredentials", 1_700_000_000_123L, ROUTE, "req-1", 201, outcome,
                42, true));
    }

    @Test
    void everyNamedMetricHasItsValueAndTheOnlyDimensionIsTheRoute() throws Exception {
        RouteOutcome outcome = RouteOutcome.NONE.withCreated(3).withDuplicates(2).withRefused(RefusalClass.INVALID, 4)
                .withRefused(RefusalClass.FORBIDDEN, 1).withStoreErrors(1).withThrottled(5);
        JsonNode line = line(outcome);

        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(1_700_000_000_123L);
        assertThat(directive.path("Namespace").asText()).isEqualTo("SipCredentials");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Route\"]]");
        assertThat(line.path("Route").asText()).isEqualTo(ROUTE);
        List<String> names = new ArrayList<>();
        for (JsonNode metric : directive.path("Metrics")) {
            String name = metric.path("Name").asText();
            names.add(name);
            assertThat(line.path(name).isNumber()).as(name + " has a numeric value").isTrue();
            assertThat(metric.path("Unit").asText()).isEqualTo(name.equals("Latency") ? "Milliseconds" : "Count");
        }
        assertThat(names).containsExactly("Requests", "Created", "Duplicates", "Refused", "RefusedInvalid",
                "RefusedForbidden", "StoreErrors", "Throttled", "Latency");
        assertThat(line.path("Requests").asInt()).isEqualTo(1);
        assertThat(line.path("Created").asInt()).isEqualTo(3);
        assertThat(line.path("Duplicates").asInt()).isEqualTo(2);
        assertThat(line.path("Refused").asInt()).isEqualTo(5);
        assertThat(line.path("RefusedInvalid").asInt()).isEqualTo(4);
        assertThat(line.path("RefusedForbidden").asInt()).isEqualTo(1);
        assertThat(line.path("StoreErrors").asInt()).isEqualTo(1);
        assertThat(line.path("Throttled").asInt()).isEqualTo(5);
        assertThat(line.path("Latency").asInt()).isEqualTo(42);
        assertThat(line.path("status").asInt()).isEqualTo(201);
        assertThat(line.path("coldStart").asBoolean()).isTrue();
        assertThat(line.path("requestId").asText()).isEqualTo("req-1");
    }

    @Test
    void refusalClassesWithoutRefusalsAreLeftOutButTheBaseMetricsAreAlwaysThere() throws Exception {
        JsonNode line = line(RouteOutcome.NONE.withCreated(1));
        List<String> names = new ArrayList<>();
        line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").forEach(m -> names.add(m.path("Name").asText()));
        assertThat(names).containsExactly("Requests", "Created", "Duplicates", "Refused", "StoreErrors", "Throttled",
                "Latency");
        assertThat(line.path("Refused").asInt()).isZero();
    }

    @Test
    void goesThroughTheLoggersByteMethodAsOneLineSoLambdaDoesNotWrapItInItsJsonFormat() throws Exception {
        List<String> strings = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                strings.add(message);
            }

            @Override
            public void log(byte[] message) {
                bytes.add(message);
            }
        };
        Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getLogger" -> logger;
                    case "getAwsRequestId" -> "req-9";
                    default -> null;
                });

        RequestMetrics.emit(context, ROUTE, 400, RouteOutcome.refusedWith(415), 7, false);

        assertThat(strings).isEmpty();
        assertThat(bytes).hasSize(1);
        String written = new String(bytes.get(0), StandardCharsets.UTF_8);
        assertThat(written).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode line = JSON.readTree(written);
        assertThat(line.path("RefusedMediaType").asInt()).isEqualTo(1);
        assertThat(line.path("requestId").asText()).isEqualTo("req-9");
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                .as("METRICS_NAMESPACE unset in this JVM").isEqualTo(RequestMetrics.DEFAULT_NAMESPACE);
    }

    @Test
    void aRouteWithQuotesOrControlCharactersStillMakesValidJson() throws Exception {
        JsonNode line = JSON.readTree(RequestMetrics.line("N", 1, "POST /\"x\"\n\\", null, 500, RouteOutcome.NONE, -3,
                false));
        assertThat(line.path("Route").asText()).isEqualTo("POST /\"x\"\n\\");
        assertThat(line.path("Latency").asInt()).isZero();
        assertThat(line.has("requestId")).isFalse();
    }
}

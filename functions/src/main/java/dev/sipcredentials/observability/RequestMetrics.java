package dev.sipcredentials.observability;

import com.amazonaws.services.lambda.runtime.Context;
import dev.sipcredentials.config.Settings;

import java.nio.charset.StandardCharsets;

/**
 * One CloudWatch embedded-metric-format (EMF) line per request: CloudWatch Logs turns it into the metrics
 * {@code Requests, Created, Duplicates, Refused, Refused<Class>, StoreErrors, Throttled} (Count) and
 * {@code Latency} (Milliseconds) in the namespace {@code METRICS_NAMESPACE} (template parameter MetricsNamespace),
 * with the one dimension {@code Route} (the API Gateway route key, a value the template bounds). Never a tenant,
 * token or name: dimensions are what CloudWatch bills and indexes, and the line must stay free of secrets.
 *
 * <p>Written by hand (a StringBuilder), not with Powertools' metrics module: see docs/operations.md
 * for the cold-start measurement behind that. The line goes through the Lambda logger's {@code byte[]} method,
 * which the Java runtime passes on unformatted even under LoggingConfig LogFormat JSON (a String would be wrapped
 * in a {"message": ...} object and CloudWatch would no longer see the EMF document at the top level).
 */
public final class RequestMetrics {
    static final String DEFAULT_NAMESPACE = "SipCredentials";
    private static final String NAMESPACE = Settings.optional("METRICS_NAMESPACE").orElse(DEFAULT_NAMESPACE);
    private static final RefusalClass[] CLASSES = RefusalClass.values();

    private RequestMetrics() {
    }

    /**
     * Writes the request's metrics line.
     *
     * @param route the route key ({@code event.getRouteKey()}, e.g. {@code POST /accounts/{accountId}/sipcredentials})
     * @param status the HTTP status answered
     * @param outcome what the request did, in counts
     * @param latencyMillis from the handler's start to its answer
     * @param coldStart whether this was the environment's first request ({@link ColdStart#take})
     */
    public static void emit(Context context, String route, int status, RouteOutcome outcome, long latencyMillis,
                            boolean coldStart) {
        String requestId = context == null ? null : context.getAwsRequestId();
        String line = line(NAMESPACE, System.currentTimeMillis(), route, requestId, status, outcome, latencyMillis,
                coldStart);
        if (context != null && context.getLogger() != null) {
            context.getLogger().log((line + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            System.out.println(line);
        }
    }

    /** The EMF document, one line of JSON. */
    static String line(String namespace, long timestampMillis, String route, String requestId, int status,
                       RouteOutcome outcome, long latencyMillis, boolean coldStart) {
        StringBuilder metrics = new StringBuilder(256);
        StringBuilder values = new StringBuilder(256);
        count(metrics, values, "Requests", 1);
        count(metrics, values, "Created", outcome.created());
        count(metrics, values, "Duplicates", outcome.duplicates());
        count(metrics, values, "Refused", outcome.refused());
        for (RefusalClass refusal : CLASSES) {
            int n = outcome.refused(refusal);
            if (n > 0) {
                count(metrics, values, refusal.metricName(), n);
            }
        }
        count(metrics, values, "StoreErrors", outcome.storeErrors());
        count(metrics, values, "Throttled", outcome.throttled());
        metrics.append(",{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}");
        values.append(",\"Latency\":").append(Math.max(0, latencyMillis));

        StringBuilder line = new StringBuilder(640);
        line.append("{\"_aws\":{\"Timestamp\":").append(timestampMillis)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(json(namespace))
                .append("\",\"Dimensions\":[[\"Route\"]],\"Metrics\":[").append(metrics, 1, metrics.length())
                .append("]}]},\"Route\":\"").append(json(route == null || route.isEmpty() ? "unknown" : route))
                .append('"').append(values)
                .append(",\"status\":").append(status)
                .append(",\"coldStart\":").append(coldStart);
        if (requestId != null) {
            line.append(",\"requestId\":\"").append(json(requestId)).append('"');
        }
        return line.append('}').toString();
    }

    private static void count(StringBuilder metrics, StringBuilder values, String name, int value) {
        metrics.append(",{\"Name\":\"").append(name).append("\",\"Unit\":\"Count\"}");
        values.append(",\"").append(name).append("\":").append(value);
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

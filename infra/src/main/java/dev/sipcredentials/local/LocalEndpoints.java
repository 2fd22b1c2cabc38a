package dev.sipcredentials.local;

import dev.sipcredentials.httpserver.Http11Server;
import dev.sipcredentials.kms.KmsServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local stack's own endpoints under {@code /_local/}, beside the emulated API (API Gateway has no such paths):
 * <ul>
 *   <li>{@code GET /_local/health}: 200 {@code {"status":"ok"}} once the stack serves requests;
 *   <li>{@code GET /_local/metrics}: the functions' EMF metrics summed per namespace and Route, as CloudWatch would
 *       have them ({@link LocalMetrics#toJson}); {@code DELETE /_local/metrics} starts the counts afresh.
 *   <li>{@code GET /_local/kms}: the local KMS endpoint's requests since start,
 *       {@code {"calls": {"<Operation>": n, ...}, "throttled": n}}; {@code DELETE /_local/kms} starts them afresh.
 *   <li>{@code GET /_local/credentials}: the functions' dummy role credentials, in the shape of Lambda's container
 *       credentials endpoint, only with this start's token in {@code Authorization} (else 403).
 * </ul>
 * No token is needed for the others: the stack listens on 127.0.0.1 only, and nothing there reveals a tenant or a
 * secret.
 */
final class LocalEndpoints implements Http11Server.Handler {
    static final String PREFIX = "/_local/";
    static final String CREDENTIALS_PATH = "/_local/credentials";

    private final LocalMetrics metrics;
    private final KmsServer kms;
    private final String credentialsToken;

    LocalEndpoints(LocalMetrics metrics, KmsServer kms, String credentialsToken) {
        this.metrics = metrics;
        this.kms = kms;
        this.credentialsToken = credentialsToken;
    }

    @Override
    public Http11Server.Response handle(Http11Server.Request request) {
        String path = request.uri().getPath();
        String method = request.method();
        return switch (path) {
            case "/_local/health" -> answer(method, "GET", 200, "{\"status\":\"ok\"}");
            case "/_local/metrics" -> {
                if ("DELETE".equals(method)) {
                    metrics.reset();
                    yield answer(method, "DELETE", 204, null);
                }
                yield answer(method, "GET", 200, metrics.toJson());
            }
            case "/_local/kms" -> {
                if ("DELETE".equals(method)) {
                    kms.resetCounters();
                    yield answer(method, "DELETE", 204, null);
                }
                yield answer(method, "GET", 200, kms.counters().toJson());
            }
            case CREDENTIALS_PATH -> credentialsToken.equals(request.header("Authorization"))
                    ? answer(method, "GET", 200, dummyCredentials())
                    : answer(method, "GET", 403, "{\"message\":\"Forbidden\"}");
            default -> answer(method, method, 404, "{\"message\":\"Not Found\"}");
        };
    }

    /** What Lambda's credentials endpoint answers; the local endpoints check no signature, so any keys do. */
    private static String dummyCredentials() {
        return "{\"AccessKeyId\":\"" + EmbeddedDynamoDb.ACCESS_KEY + "\",\"SecretAccessKey\":\""
                + EmbeddedDynamoDb.SECRET_KEY + "\",\"Token\":\"local\",\"Expiration\":\""
                + java.time.Instant.now().plus(java.time.Duration.ofHours(12)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\"}";
    }

    private static Http11Server.Response answer(String method, String allowed, int status, String json) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (!allowed.equals(method) && !("HEAD".equals(method) && "GET".equals(allowed))) {
            headers.add(Map.entry("Allow", allowed));
            status = 405;
            json = "{\"message\":\"Method Not Allowed\"}";
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        return new Http11Server.Response(status, headers, body);
    }
}

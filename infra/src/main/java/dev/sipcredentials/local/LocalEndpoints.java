package dev.sipcredentials.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sipcredentials.kms.KmsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
final class LocalEndpoints implements HttpHandler {
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
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/_local/health" -> answer(exchange, method, "GET", 200, "{\"status\":\"ok\"}");
                case "/_local/metrics" -> {
                    if ("DELETE".equals(method)) {
                        metrics.reset();
                        answer(exchange, method, "DELETE", 204, null);
                    } else {
                        answer(exchange, method, "GET", 200, metrics.toJson());
                    }
                }
                case "/_local/kms" -> {
                    if ("DELETE".equals(method)) {
                        kms.resetCounters();
                        answer(exchange, method, "DELETE", 204, null);
                    } else {
                        answer(exchange, method, "GET", 200, kms.counters().toJson());
                    }
                }
                case CREDENTIALS_PATH -> {
                    if (credentialsToken.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        answer(exchange, method, "GET", 200, dummyCredentials());
                    } else {
                        answer(exchange, method, "GET", 403, "{\"message\":\"Forbidden\"}");
                    }
                }
                default -> answer(exchange, method, method, 404, "{\"message\":\"Not Found\"}");
            }
        }
    }

    /** What Lambda's credentials endpoint answers; the local endpoints check no signature, so any keys do. */
    private static String dummyCredentials() {
        return "{\"AccessKeyId\":\"" + EmbeddedDynamoDb.ACCESS_KEY + "\",\"SecretAccessKey\":\""
                + EmbeddedDynamoDb.SECRET_KEY + "\",\"Token\":\"local\",\"Expiration\":\""
                + java.time.Instant.now().plus(java.time.Duration.ofHours(12)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\"}";
    }

    private static void answer(HttpExchange exchange, String method, String allowed, int status, String json)
            throws IOException {
        if (!allowed.equals(method) && !("HEAD".equals(method) && "GET".equals(allowed))) {
            exchange.getResponseHeaders().add("Allow", allowed);
            status = 405;
            json = "{\"message\":\"Method Not Allowed\"}";
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        boolean noBody = body.length == 0 || "HEAD".equals(method);
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

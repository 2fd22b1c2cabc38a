package dev.sipcredentials.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The local stack's own endpoints under {@code /_local/}, beside the emulated API (API Gateway has no such paths):
 * <ul>
 *   <li>{@code GET /_local/health}: 200 {@code {"status":"ok"}} once the stack serves requests;
 *   <li>{@code GET /_local/metrics}: the functions' EMF metrics summed per namespace and Route, as CloudWatch would
 *       have them ({@link LocalMetrics#toJson}); {@code DELETE /_local/metrics} starts the counts afresh.
 * </ul>
 * No token is needed: the stack listens on 127.0.0.1 only, and nothing here reveals a tenant or a secret.
 */
final class LocalEndpoints implements HttpHandler {

    private final LocalMetrics metrics;

    LocalEndpoints(LocalMetrics metrics) {
        this.metrics = metrics;
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
                default -> answer(exchange, method, method, 404, "{\"message\":\"Not Found\"}");
            }
        }
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

package dev.sipcredentials.local;

import dev.sipcredentials.httpserver.Http11Server;
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
 * </ul>
 * No token is needed: the stack listens on 127.0.0.1 only, and nothing here reveals a tenant or a secret.
 */
final class LocalEndpoints implements Http11Server.Handler {
    static final String PREFIX = "/_local/";

    private final LocalMetrics metrics;

    LocalEndpoints(LocalMetrics metrics) {
        this.metrics = metrics;
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
            default -> answer(method, method, 404, "{\"message\":\"Not Found\"}");
        };
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

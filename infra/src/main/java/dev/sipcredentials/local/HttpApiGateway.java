package dev.sipcredentials.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipcredentials.httpserver.Http11Server;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API Gateway HTTP API emulation: route, build the payload-2.0 event, invoke the function, translate its answer,
 * and give API Gateway's own answers where API Gateway would. Logs one line per request (method, path, status,
 * milliseconds, request id); never bodies, headers or query strings, which carry secrets.
 */
final class HttpApiGateway implements Http11Server.Handler {

    /** HTTP API payload quota: "Payload size 10 MB", not raisable (http-api-quotas.html). 10,485,760 bytes. */
    static final int MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
    /**
     * Lambda's synchronous invocation request limit: 6 MB, i.e. 6,291,456 bytes for the whole event JSON ("Request must
     * be smaller than 6291456 bytes for the InvokeFunction operation"). A base64-encoded body grows by a third.
     */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;
    /** Lambda's synchronous response limit, 6 MB + 100 bytes ("Exceeded maximum allowed payload size (6291556 bytes)"). */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;
    /** HTTP API maximum integration timeout: 30 seconds, not raisable (http-api-quotas.html). */
    static final long INTEGRATION_TIMEOUT_MILLIS = 30_000;

    private final RouteTable routes;
    private final Map<String, LambdaFunction> functions;
    private final ExecutorService invocations;
    private final GatewayAuth auth;
    private final LocalMetrics metrics;
    private final boolean jsonLogs;

    HttpApiGateway(RouteTable routes, Map<String, LambdaFunction> functions, ExecutorService invocations) {
        this(routes, functions, invocations, GatewayAuth.none());
    }

    HttpApiGateway(RouteTable routes, Map<String, LambdaFunction> functions, ExecutorService invocations,
            GatewayAuth auth) {
        this(routes, functions, invocations, auth, null);
    }

    /** With {@code metrics}, the functions' EMF lines are counted there (served at {@code GET /_local/metrics}). */
    HttpApiGateway(RouteTable routes, Map<String, LambdaFunction> functions, ExecutorService invocations,
            GatewayAuth auth, LocalMetrics metrics) {
        this(routes, functions, invocations, auth, metrics, true);
    }

    /** {@code jsonLogs} false: the functions' JSON log lines are not printed, only the one access line per request. */
    HttpApiGateway(RouteTable routes, Map<String, LambdaFunction> functions, ExecutorService invocations,
            GatewayAuth auth, LocalMetrics metrics, boolean jsonLogs) {
        this.jsonLogs = jsonLogs;
        this.routes = routes;
        this.functions = functions;
        this.invocations = invocations;
        this.auth = auth;
        this.metrics = metrics;
    }

    @Override
    public Http11Server.Response handle(Http11Server.Request http) {
        long start = System.nanoTime();
        String requestId = HttpApiEventFactory.newRequestId();
        String method = http.method();
        String rawPath = http.rawPath();
        HttpApiResponse response;
        String[] logNote = new String[1]; // why the gateway refused, for this line only (never sent)
        try {
            response = respond(http, requestId, method, rawPath, logNote);
        } catch (RuntimeException e) {
            // A bug here must look like any other API Gateway 500 to the client.
            System.out.println("[local] " + requestId + " internal error in the local gateway: " + e);
            e.printStackTrace(System.out);
            response = HttpApiResponse.internalServerError();
        }
        response = response.withHeader("apigw-requestid", requestId);
        // Logged before the answer is written, so a client that has its answer finds the line already there.
        long millis = (System.nanoTime() - start) / 1_000_000L;
        System.out.println(method + " " + rawPath + " " + response.statusCode() + " " + millis + "ms " + requestId
                + (logNote[0] == null ? "" : " (" + logNote[0] + ")"));
        return new Http11Server.Response(response.statusCode(), response.headers(), response.body());
    }

    private HttpApiResponse respond(Http11Server.Request http, String requestId, String method, String rawPath,
            String[] logNote) {
        byte[] body = http.body();
        if (body == null) {
            return HttpApiResponse.requestEntityTooLarge();
        }
        var match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            return HttpApiResponse.notFound();
        }
        LambdaFunction function = functions.get(match.get().route().functionId());
        // As in API Gateway: the route is chosen first (no route is a 404 whatever the token), then the authorizer runs.
        GatewayAuth.Decision decision = auth.authorize(
                auth.header() == null ? null : http.header(auth.header()),
                match.get().pathParameters());
        if (!decision.authorized()) {
            LocalJwtAuthorizer.Verdict verdict = decision.verdict();
            logNote[0] = verdict == null ? null : "401: " + verdict.logNote();
            return HttpApiResponse.unauthorized(verdict == null ? null : verdict.description());
        }

        HttpApiEventFactory.IncomingRequest request = new HttpApiEventFactory.IncomingRequest(
                method,
                rawPath,
                http.rawQuery(),
                http.headers(),
                body,
                http.remote().getAddress().getHostAddress(),
                http.protocol(),
                http.local().getPort());
        ObjectNode event = HttpApiEventFactory.create(request, match.get(), requestId, Instant.now(), decision.claims());
        String eventJson = event.toString();
        if (eventJson.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            return HttpApiResponse.requestTooLong();
        }
        return invoke(function, eventJson, requestId);
    }

    private HttpApiResponse invoke(LambdaFunction function, String eventJson, String requestId) {
        SamTemplate.Function definition = function.definition();
        String name = definition.logicalId();
        // The function's Timeout runs from the invoke, as in Lambda.
        LocalContext context = new LocalContext(requestId, definition, System.nanoTime(), metrics, jsonLogs);
        Future<String> result = invocations.submit(() -> function.invoke(eventJson, context));
        long functionTimeoutMillis = definition.timeoutSeconds() * 1000L;
        long waitMillis = Math.min(functionTimeoutMillis, INTEGRATION_TIMEOUT_MILLIS);
        String output;
        try {
            output = result.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            if (functionTimeoutMillis < INTEGRATION_TIMEOUT_MILLIS) {
                System.out.println("[" + name + " " + requestId + "] Task timed out after "
                        + definition.timeoutSeconds() + " seconds");
                return HttpApiResponse.internalServerError();
            }
            System.out.println("[local] " + requestId + " integration timeout: " + name + " did not answer within 30 s");
            return HttpApiResponse.serviceUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return HttpApiResponse.internalServerError();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // Logged here, server side only; the client gets API Gateway's generic 500, as from a failed Lambda.
            System.out.println("[" + name + " " + requestId + "] Invoke error: " + cause);
            cause.printStackTrace(System.out);
            return HttpApiResponse.internalServerError();
        }
        if (output.getBytes(StandardCharsets.UTF_8).length > MAX_RESPONSE_BYTES) {
            System.out.println("[" + name + " " + requestId + "] response exceeds Lambda's 6 MB payload limit");
            return HttpApiResponse.internalServerError();
        }
        try {
            return HttpApiResponse.fromLambdaOutput(output);
        } catch (HttpApiResponse.MalformedLambdaResponse e) {
            System.out.println("[" + name + " " + requestId + "] malformed Lambda response: " + e.getMessage());
            return HttpApiResponse.internalServerError();
        }
    }
}

package dev.sipcredentials.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) as far as AWS's runtime interface client uses it: {@code invocation/next}
 * hands out queued events with their headers, {@code invocation/{id}/response} and {@code /error} complete them,
 * {@code init/error} records an init failure, and {@code restore/next} (SnapStart: called after the before-checkpoint
 * hooks) is answered when the test restores the "snapshot".
 */
final class LambdaRuntimeApiEmulator implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the runtime answered to one invocation; {@code error} true for /error. */
    record Result(boolean error, String body, long nanos) {}

    private record Invocation(String id, String event, CompletableFuture<Result> result, long[] handedOut) {}

    private final HttpServer server;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> restoreRequested = new CompletableFuture<>();
    private final CompletableFuture<Void> restored = new CompletableFuture<>();
    private final List<String> initErrors = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    LambdaRuntimeApiEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host:port. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event and waits for the runtime's answer. */
    Result invoke(String eventJson, Duration timeout) throws Exception {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson, new CompletableFuture<>(),
                new long[1]);
        queue.add(invocation);
        return invocation.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the runtime asks restore/next, i.e. its before-checkpoint hooks have run; returns when (nanoTime). */
    long awaitCheckpoint(Duration timeout) throws Exception {
        return restoreRequested.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets restore/next answer: the runtime then runs its after-restore hooks and asks for the first invocation. */
    void restore() {
        restored.complete(null);
    }

    /** Waits until the runtime has made this call (e.g. "GET invocation/next": its init is done). */
    void awaitCall(String call, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!calls.contains(call)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the runtime never called " + call + "; calls: " + calls + "; init errors: "
                        + initErrors);
            }
            Thread.sleep(20);
        }
    }

    boolean checkpointRequested() {
        return restoreRequested.isDone();
    }

    List<String> initErrors() {
        return initErrors;
    }

    /** The Runtime API calls received, as "METHOD path", in order. */
    List<String> calls() {
        return calls;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        calls.add(method + " " + path);
        try {
            if (method.equals("GET") && path.equals("invocation/next")) {
                Invocation next = queue.take();
                running.put(next.id(), next);
                next.handedOut()[0] = System.nanoTime();
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", next.id());
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 29_000));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:test:live");
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                send(exchange, 200, next.event().getBytes(StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.equals("restore/next")) {
                restoreRequested.complete(System.nanoTime());
                restored.get(120, TimeUnit.SECONDS);
                send(exchange, 200, new byte[0]);
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                Invocation invocation = running.remove(parts[1]);
                if (invocation == null || parts.length != 3) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                long nanos = System.nanoTime() - invocation.handedOut()[0];
                invocation.result().complete(new Result(parts[2].equals("error"), new String(body, StandardCharsets.UTF_8),
                        nanos));
                send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
            } else if (method.equals("POST") && (path.equals("init/error") || path.equals("restore/error"))) {
                initErrors.add(path + ": " + new String(body, StandardCharsets.UTF_8));
                send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, new byte[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (Exception e) {
            send(exchange, 500, new byte[0]);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.sipcredentials.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A KMS-compatible endpoint on 127.0.0.1: KMS's JSON 1.1 protocol ({@code POST /}, {@code X-Amz-Target:
 * TrentService.<Op>}), so the unmodified SDK {@code KmsClient} runs against it as deployed. With KMS's limits: one
 * token bucket shared by every operation (the cryptographic-request quota, default 5,500/s, the smallest regional
 * one), refusals answered {@code 400 ThrottlingException} like KMS; a latency added to every request served.
 *
 * <pre>{@code
 * try (KmsServer kms = KmsServer.start(KmsServer.options().persistentKey(material, "alias/sip-credentials"))) {
 *   KmsClient client = KmsClient.builder().endpointOverride(kms.endpoint())...build();
 *   kms.counters(); // {"calls": {"GenerateDataKey": 1}, "throttled": 0}
 * }
 * }</pre>
 *
 * <p>Request signatures are not verified; any credentials do. Keys made by CreateKey live in memory only; the key
 * given to {@link Options#persistentKey} comes back with the same id when started again with the same material.
 */
public final class KmsServer implements AutoCloseable {
    static final String TARGET_PREFIX = "TrentService.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    /** Start options; all optional. */
    public static final class Options {
        int port; // 0: a free port
        Duration latency = Duration.ZERO;
        double rateLimit = DEFAULT_RATE_LIMIT;
        String region = "us-east-1";
        String account = "123456789012";
        byte[] keyMaterial;
        String alias;
        LongSupplier nanoClock = System::nanoTime;

        public Options port(int port) {
            this.port = port;
            return this;
        }

        /** Added to every request served (not to those refused by the rate limit, which KMS answers at once). */
        public Options latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        /** Requests per second shared by all operations; 0 refuses every request. */
        public Options rateLimit(double perSecond) {
            this.rateLimit = perSecond;
            return this;
        }

        /** The region and account in key and alias ARNs (default us-east-1, 123456789012). */
        public Options arn(String region, String account) {
            this.region = region;
            this.account = account;
            return this;
        }

        /**
         * A symmetric key from 32 bytes the caller keeps (its id derived from them), named also by {@code alias}
         * (e.g. {@code alias/sip-credentials}; null for none). Without it, the endpoint starts with no key.
         */
        public Options persistentKey(byte[] material, String alias) {
            this.keyMaterial = material.clone();
            this.alias = alias;
            return this;
        }

        /** The token bucket's clock, for tests that step time themselves. */
        public Options nanoClock(LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
            return this;
        }
    }

    /** KMS's smallest regional cryptographic-request quota, per second. */
    public static final double DEFAULT_RATE_LIMIT = 5500;

    /** Requests per operation (refused ones included) and how many the rate limit refused, since start or reset. */
    public record Counters(Map<String, Long> calls, long throttled) {
        public long calls(String operation) {
            return calls.getOrDefault(operation, 0L);
        }

        public long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        /** {@code {"calls": {"<Operation>": n, ...}, "throttled": n}}. */
        public String toJson() {
            ObjectNode root = KmsOperations.JSON.createObjectNode();
            ObjectNode callsNode = root.putObject("calls");
            new TreeMap<>(calls).forEach(callsNode::put);
            root.put("throttled", throttled);
            return root.toString();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final KeyRing keys;
    private final KmsOperations operations;
    private final TokenBucket bucket;
    private final String keyArn;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();
    private volatile Duration latency;
    private boolean closed;

    public static Options options() {
        return new Options();
    }

    /** Starts listening on 127.0.0.1 before it returns. */
    public static KmsServer start(Options options) {
        return new KmsServer(options == null ? options() : options);
    }

    private KmsServer(Options options) {
        keys = new KeyRing(options.region, options.account);
        String arn = null;
        if (options.keyMaterial != null) {
            KeyRing.Key key = keys.addPersistent(options.keyMaterial, "local key of the SIP credentials stack");
            arn = key.arn();
            if (options.alias != null) {
                keys.alias(options.alias, key.id());
            }
        }
        keyArn = arn;
        operations = new KmsOperations(keys);
        bucket = new TokenBucket(options.rateLimit, options.nanoClock);
        latency = requireLatency(options.latency);
        AtomicInteger counter = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kms-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port), 256);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port + ": " + e.getMessage(), e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The ARN of the key given by {@link Options#persistentKey}, or null. */
    public String keyArn() {
        return keyArn;
    }

    public Counters counters() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        calls.forEach((op, n) -> snapshot.put(op, n.sum()));
        return new Counters(Map.copyOf(snapshot), throttled.sum());
    }

    /** Starts the counts afresh. */
    public void resetCounters() {
        calls.clear();
        throttled.reset();
    }

    /** Changes the shared rate limit (requests per second; 0 refuses all); the bucket starts full. */
    public void setRateLimit(double perSecond) {
        bucket.setRate(perSecond);
    }

    public double rateLimit() {
        return bucket.rate();
    }

    public void setLatency(Duration latency) {
        this.latency = requireLatency(latency);
    }

    public Duration latency() {
        return latency;
    }

    private static Duration requireLatency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("a latency is a duration >= 0");
        }
        return latency;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Answer answer = answer(exchange.getRequestMethod(), target, body);
            byte[] bytes = answer.json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(answer.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, String json) {}

    private Answer answer(String method, String target, byte[] body) {
        try {
            if (!"POST".equals(method)) {
                throw new KmsException(KmsException.UNKNOWN_OPERATION, null);
            }
            String operation = target != null && target.startsWith(TARGET_PREFIX)
                    ? target.substring(TARGET_PREFIX.length()) : null;
            Function<JsonNode, ObjectNode> handler = operation == null ? null : operations.get(operation);
            if (handler == null) {
                throw new KmsException(KmsException.UNKNOWN_OPERATION, null);
            }
            calls.computeIfAbsent(operation, op -> new LongAdder()).increment();
            if (!bucket.tryTake()) {
                throttled.increment();
                throw new KmsException(KmsException.THROTTLING, "Rate exceeded");
            }
            Duration wait = latency;
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
            }
            if (body == null) {
                throw new KmsException(KmsException.VALIDATION, "Request is too large");
            }
            JsonNode request;
            try {
                request = KmsOperations.JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            } catch (IOException e) {
                throw new KmsException(KmsException.SERIALIZATION, "Start of structure or map found where not expected.");
            }
            if (request == null || !request.isObject()) {
                throw new KmsException(KmsException.SERIALIZATION, "Start of structure or map found where not expected.");
            }
            return new Answer(200, handler.apply(request).toString());
        } catch (KmsException e) {
            ObjectNode error = KmsOperations.JSON.createObjectNode();
            error.put("__type", e.type());
            if (e.getMessage() != null) {
                error.put("message", e.getMessage());
            }
            return new Answer(e.status(), error.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(500, "{\"__type\":\"KMSInternalException\"}");
        } catch (RuntimeException e) {
            // A bug of ours: answered as KMS answers its own failures, never with a stack trace.
            System.err.println("kms endpoint: internal error: " + e.getClass().getName());
            return new Answer(500, "{\"__type\":\"KMSInternalException\",\"message\":\"The request failed due to an internal error.\"}");
        }
    }

    /** The body, or null when it exceeds {@value #MAX_REQUEST_BYTES} bytes. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (bytes.length > MAX_REQUEST_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return bytes;
    }

    /** Stops listening; requests in flight are cut off. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}

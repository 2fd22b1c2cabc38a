package dev.sipcredentials.bench;

import dev.sipcredentials.local.EmbeddedDynamoDb;
import dev.sipcredentials.local.LocalStack;
import dev.sipcredentials.local.SamTemplate;
import dev.sipcredentials.local.TableCreator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The figures of our DynamoDB engine (issue #9): the floor (conditional PutItems through the SDK, 32 writers) in
 * memory, with {@code --db-path}, and moto's beside them when {@code moto_server} is on the PATH; a 5,000-entry
 * batch through the local stack over HTTP, in memory and with {@code --db-path}; the time from {@code java -jar} to
 * the local stack's first answer; the local jar's size; 100,000 stored credentials in a 256 MB heap.
 */
final class EngineBench {
    private static final AtomicInteger TABLES = new AtomicInteger();

    private EngineBench() {
    }

    static void run(PrintStream out, boolean quick) throws Exception {
        floors(out, quick);
        int entries = quick ? 50 : 5000;
        int runs = quick ? 1 : 5;
        stackBatches(out, entries, runs);
        startup(out, quick);
        heap(out, quick);
    }

    /** The floor in memory, with --db-path, and moto's (section {@code floor} alone, e.g. under a profiler). */
    static void floors(PrintStream out, boolean quick) throws Exception {
        int entries = quick ? 50 : 5000;
        int runs = quick ? 1 : 5;
        out.println("== DynamoDB engine floor: conditional PutItems through the SDK, "
                + dev.sipcredentials.store.DynamoDbClients.WRITE_CONCURRENCY + " writers, " + entries
                + " per run, median of " + runs + " runs (targets: memory <= 120 us, --db-path <= 2x memory)");
        Floor inMemory;
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.start(null)) {
            inMemory = floorOf(engine.endpoint(), entries, runs);
        }
        double memory = inMemory.wallMicros();
        out.printf(Locale.ROOT, "  %-28s %8.1f us/entry  (CPU %.1f us/entry, SDK client and engine together)%n",
                "engine, in memory", memory, inMemory.cpuMicros());
        Path dir = Files.createTempDirectory("engine-bench");
        try {
            Floor durable;
            try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.start(dir)) {
                durable = floorOf(engine.endpoint(), entries, runs);
            }
            out.printf(Locale.ROOT, "  %-28s %8.1f us/entry  (%.2f x memory; CPU %.1f us/entry)%n",
                    "engine, --db-path", durable.wallMicros(), durable.wallMicros() / memory, durable.cpuMicros());
        } finally {
            deleteTree(dir);
        }
        try (Moto moto = Moto.startIfInstalled()) {
            if (moto == null) {
                out.println("  moto                         (moto_server not on PATH: skipped)");
            } else {
                int motoEntries = Math.min(entries, 1000);
                Floor motoFloor = floorOf(moto.endpoint, motoEntries, Math.min(runs, 3));
                out.printf(Locale.ROOT, "  %-28s %8.1f us/entry  (%.1f x engine; %d per run)%n", "moto_server",
                        motoFloor.wallMicros(), motoFloor.wallMicros() / memory, motoEntries);
            }
        }
    }

    static void stackBatches(PrintStream out, int entries, int runs) throws Exception {
        out.println("== " + entries + "-entry batch through the local stack over HTTP (--no-auth), median of " + runs
                + " (targets: <= 3 s in memory, <= 6 s with --db-path)");
        out.printf(Locale.ROOT, "  %-28s %8.0f ms%n", "in memory", stackBatch(null, entries, runs));
        Path stackDir = Files.createTempDirectory("engine-bench-stack");
        try {
            out.printf(Locale.ROOT, "  %-28s %8.0f ms%n", "--db-path", stackBatch(stackDir, entries, runs));
        } finally {
            deleteTree(stackDir);
        }
    }

    static void startup(PrintStream out, boolean quick) throws Exception {
        Path localJar = Path.of("infra/target/sip-credentials-local.jar");
        if (Files.isRegularFile(localJar)) {
            out.printf(Locale.ROOT, "== Local jar: %.1f MB (was 58 MB with DynamoDB Local)%n",
                    Files.size(localJar) / 1e6);
            List<Double> firstAnswers = new ArrayList<>();
            for (int i = 0; i < (quick ? 1 : 5); i++) {
                firstAnswers.add(firstAnswerMillis(localJar));
            }
            out.printf(Locale.ROOT, "== Local stack: first answer %.0f ms after `java -jar` started (median of %d;"
                    + " target <= 1500 ms)%n", Stats.median(firstAnswers), firstAnswers.size());
        } else {
            out.println("== Local jar: not built (mvn -B -DskipTests package)");
        }
    }

    static void heap(PrintStream out, boolean quick) throws Exception {
        int stored = quick ? 2000 : 100_000;
        ChildJvm.Outcome heap = ChildJvm.run(List.of("-Xmx256m", "-XX:+UseSerialGC"), Map.of(),
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)),
                EngineHeapChild.class.getName(), Integer.toString(stored));
        out.println("== Engine heap: " + stored + " stored credentials in a JVM with -Xmx256m: " + heap.result());
    }

    /**
     * Medians per conditional PutItem of {@code entries} fresh items, each run in a fresh table: wall microseconds
     * (elapsed / entries, 32 in flight) and this process's CPU microseconds (the SDK client's, plus the engine's when
     * it runs in this JVM). On 2 cores, wall cannot go below CPU / 2; a shared machine adds the other users' share.
     */
    record Floor(double wallMicros, double cpuMicros) {}

    static Floor floorOf(URI endpoint, int entries, int runs) throws Exception {
        List<Double> cpu = new ArrayList<>();
        double wall = floor(endpoint, entries, runs, cpu);
        return new Floor(wall, Stats.median(cpu));
    }

    static double floor(URI endpoint, int entries, int runs) throws Exception {
        return floor(endpoint, entries, runs, new ArrayList<>());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double floor(URI endpoint, int entries, int runs, List<Double> cpuPerEntry) throws Exception {
        SamTemplate.Table declared = declaredTable();
        ExecutorService writers = Executors.newFixedThreadPool(dev.sipcredentials.store.DynamoDbClients.WRITE_CONCURRENCY);
        try (DynamoDbClient client = client(endpoint)) {
            List<Double> perEntry = new ArrayList<>();
            for (int run = -1; run < runs; run++) { // run -1 warms up
                String table = "engine-bench-" + TABLES.incrementAndGet();
                TableCreator.create(client, new SamTemplate.Table(declared.logicalId(), table, declared.keySchema(),
                        declared.attributeDefinitions(), declared.globalSecondaryIndexes(),
                        declared.localSecondaryIndexes()));
                String account = "a" + run;
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> done = new ArrayList<>();
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                for (int w = 0; w < dev.sipcredentials.store.DynamoDbClients.WRITE_CONCURRENCY; w++) {
                    done.add(writers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < entries; i = next.getAndIncrement()) {
                            client.putItem(BatchOverhead.floorRequest(table, account, i, "bench#" + i));
                        }
                    }));
                }
                for (Future<?> writer : done) {
                    writer.get();
                }
                long elapsed = System.nanoTime() - start;
                long cpu = processCpuNanos() - cpuStart;
                if (run >= 0) {
                    perEntry.add(elapsed / 1e3 / entries);
                    cpuPerEntry.add(cpu / 1e3 / entries);
                }
                client.deleteTable(b -> b.tableName(table));
            }
            return Stats.median(perEntry);
        } finally {
            writers.shutdownNow();
        }
    }

    /** Median milliseconds of an {@code entries}-entry batch POSTed to a fresh local stack (one per run). */
    static double stackBatch(Path dbPath, int entries, int runs) throws Exception {
        List<Double> millis = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        String xml = Workloads.bandwidthXml(entries);
        Path state = Files.createTempDirectory("engine-bench-state");
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // the stack's per-request log lines
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withDbPath(dbPath)
                .withTemplate(templateFile()).withStateDir(state).withAuth(false))) {
            for (int run = -1; run < runs; run++) {
                HttpRequest request = HttpRequest.newBuilder(
                                stack.baseUrl().resolve("/accounts/" + (1000 + run + 1) + "/sipcredentials"))
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                double elapsed = (System.nanoTime() - start) / 1e6;
                int created = Workloads.count(response.body(), "<SipCredential>");
                if (response.statusCode() != 201 || created != entries || response.body().contains("<Errors>")) {
                    throw new IllegalStateException("local stack batch: status " + response.statusCode() + ", "
                            + created + " of " + entries + " created");
                }
                if (run >= 0) {
                    millis.add(elapsed);
                }
            }
        } finally {
            System.setOut(stdout);
            deleteTree(state);
        }
        return Stats.median(millis);
    }

    /** Milliseconds from starting {@code java -jar} until the local stack answered a request (any status). */
    static double firstAnswerMillis(Path localJar) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path state = Files.createTempDirectory("engine-bench-first");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accounts/41/sipcredentials"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", localJar.toString(), "--port", Integer.toString(port), "--template", templateFile().toString(),
                "--state-dir", state.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
                try {
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return (System.nanoTime() - start) / 1e6;
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
            }
            throw new IllegalStateException("the local stack did not answer within 60 s");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            deleteTree(state);
        }
    }

    /**
     * The floor's client, built as the function builds its own (AwsClientSettings): HttpURLConnection keeps only
     * {@code http.maxConnections} idle connections per host (default 5), so with 32 writers and the default 27 of
     * every 32 calls would open a new TCP connection (and the engine a new thread). Set before the JDK's
     * keep-alive cache is first used; an explicit -Dhttp.maxConnections wins.
     */
    static DynamoDbClient client(URI endpoint) {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections",
                    Integer.toString(dev.sipcredentials.store.DynamoDbClients.WRITE_CONCURRENCY));
        }
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static Path templateFile() {
        String templateFile = System.getProperty("templateFile");
        return templateFile != null ? Path.of(templateFile) : SamTemplate.locate(Path.of("."));
    }

    private static SamTemplate.Table declaredTable() {
        return SamTemplate.parse(templateFile()).table("SipCredentialsTable").orElseThrow();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** moto's server on a free loopback port, or null where {@code moto_server} is not installed. */
    static final class Moto implements AutoCloseable {
        final URI endpoint;
        private final Process process;

        private Moto(URI endpoint, Process process) {
            this.endpoint = endpoint;
            this.process = process;
        }

        static Moto startIfInstalled() throws Exception {
            boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, "moto_server")));
            if (!installed) {
                return null;
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    http.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.discarding());
                    return new Moto(endpoint, process);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("moto_server did not answer within 30 s");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

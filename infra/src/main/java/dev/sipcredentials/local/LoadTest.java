package dev.sipcredentials.local;

import dev.sipcredentials.store.DynamoDbClients;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Sustained-load benchmark for the local stack (not a test; see infra/load-test.sh). Closed-loop workers send a
 * mix of XML batches and JSON creates over loopback HTTP for a fixed time, some with an Idempotency-Key and some
 * repeating an earlier keyed request, and the lifecycle routes on credentials each worker owns (GET, PUT, DELETE of
 * one credential in both APIs, both listings); then the table is scanned through the engine's endpoint and compared
 * with what the answers reported: created and not deleted, JSON changes included.
 *
 * <p>{@code --noisy}: the same quiet load twice, alone and then beside one noisy tenant (its own account) looping
 * 5,000-entry batches and {@code size=1000} pages; the quiet tenants' p50/p99 are printed for both phases. With
 * {@code --tenant-rate-limit N} the in-process stack limits every tenant (see docs/operations.md).
 *
 * <pre>
 * java -cp infra/target/sip-credentials-local.jar dev.sipcredentials.local.LoadTest [--duration S] [--workers N]
 *      [--batch N] [--noisy] [--tenant-rate-limit N]
 *      [--url http://127.0.0.1:3000 --dynamodb http://127.0.0.1:PORT [--table NAME] [--token JWT]]
 * </pre>
 * Without --url it starts its own local stack (in memory, free ports) in this JVM and signs its own token. Exit
 * status 0 only when the table matches the responses, no request got an unexpected status, and both APIs created
 * something.
 */
public final class LoadTest {
    private static final Pattern VALID = Pattern.compile("<ValidSipCredentials>(.*)</ValidSipCredentials>");
    private static final Pattern USER_NAME = Pattern.compile("<UserName>([^<]*)</UserName>");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    /** Results go here; when the stack runs in this JVM its per-request log lines (System.out) are dropped. */
    private static final PrintStream OUT = System.out;
    private static final Set<String> EXPECTED_STATUSES = Set.of("xml 201", "xml 400", "json 201", "json 409",
            "xml-get 200", "xml-put 200", "xml-delete 200", "xml-list 200", "json-get 200", "json-put 200",
            "json-delete 200", "json-list 200");
    /** What a tenant's rate limit answers (--tenant-rate-limit): expected, counted apart, nothing stored. */
    private static final int LIMITED = 429;
    private static final Pattern PORT = Pattern.compile("\"port\":([0-9]+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final int batchSize;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final String account = "load-" + runId;
    private final String vendor = UUID.randomUUID().toString();
    private final List<String> organizations = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
    /** The noisy tenant of --noisy: its own account, never checked against the table. */
    private final String noisyAccount = "noisy-" + runId;
    /** JSON credentials the lifecycle changed: id -> the port its last 200 PUT answered. */
    private final Map<String, Integer> changedPorts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> noisyStatuses = new ConcurrentHashMap<>();
    private final AtomicLong worker = new AtomicLong();
    /** Name spaces sized so that concurrent requests sometimes collide (duplicates are part of the mix). */
    private final int xmlNames;
    private final int jsonUsers;

    private final Set<String> reportedXml = ConcurrentHashMap.newKeySet();
    private final Set<String> reportedJson = ConcurrentHashMap.newKeySet();
    private final AtomicLong reportedTwice = new AtomicLong();
    private final AtomicLong replayMismatches = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong transportErrors = new AtomicLong();
    /** Bearer token sent with every request; null against a stack running with --no-auth. */
    private String token;

    private LoadTest(URI baseUrl, int batchSize, int xmlNames, int jsonUsers) {
        this.baseUrl = baseUrl;
        this.batchSize = batchSize;
        this.xmlNames = xmlNames;
        this.jsonUsers = jsonUsers;
    }

    /** One request as sent, so that a worker can send it again with the same key. */
    private record Sent(String api, String method, String path, String contentType, String body, String key,
                        int status, String responseBody) {}

    /** Latencies of one worker, in microseconds, by kind of request ({@code xml}, {@code json}, {@code xml-get}...). */
    private static final class Samples {
        final Map<String, long[]> byKind = new java.util.HashMap<>();
        final Map<String, Integer> counts = new java.util.HashMap<>();

        void add(String kind, long micros) {
            long[] values = byKind.computeIfAbsent(kind, k -> new long[1 << 12]);
            int count = counts.getOrDefault(kind, 0);
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
                byKind.put(kind, values);
            }
            values[count] = micros;
            counts.put(kind, count + 1);
        }

        java.util.stream.LongStream of(String kind) {
            long[] values = byKind.get(kind);
            return values == null ? java.util.stream.LongStream.empty() : Arrays.stream(values, 0, counts.get(kind));
        }
    }

    public static void main(String[] args) throws Exception {
        int durationSeconds = 60;
        int workers = 16;
        int batch = 20;
        URI url = null;
        URI dynamoDb = null;
        String table = "SipCredentialsTable";
        String token = null;
        boolean noisy = false;
        double tenantRateLimit = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--duration" -> durationSeconds = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--url" -> url = URI.create(args[++i]);
                case "--dynamodb" -> dynamoDb = URI.create(args[++i]);
                case "--table" -> table = args[++i];
                case "--token" -> token = args[++i];
                case "--noisy" -> noisy = true;
                case "--tenant-rate-limit" -> tenantRateLimit = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; options: --duration S --workers N --batch N --noisy --tenant-rate-limit N --url U"
                            + " --dynamodb U --table T --token JWT");
                    System.exit(2);
                }
            }
        }
        if ((url == null) != (dynamoDb == null)) {
            System.err.println("--url and --dynamodb go together (the banner of the running stack prints both)");
            System.exit(2);
        }
        LocalStack stack = null;
        if (url == null) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withTenantRateLimit(tenantRateLimit));
            url = stack.baseUrl();
            dynamoDb = stack.dynamoDbEndpoint();
        }
        OUT.printf(Locale.ROOT, "load: %s for %d s%s, %d workers, XML batches of %d, DynamoDB %s, %d cores,"
                        + " tenant rate limit %s, load average %.2f%n", url, durationSeconds, noisy ? " twice (--noisy)" : "",
                workers, batch, dynamoDb, Runtime.getRuntime().availableProcessors(),
                tenantRateLimit == 0 ? "off" : tenantRateLimit + "/s", loadAverage());
        try {
            LoadTest test = new LoadTest(url, batch, Math.max(1000, durationSeconds * 2000), Math.max(500, durationSeconds * 200));
            // Like any client: a token granting exactly the tenants the load uses (a running stack: --token, or --no-auth).
            test.token = stack == null ? token : stack.authorizer().map(authorizer -> authorizer.issue(
                    List.of(test.account, test.noisyAccount),
                    test.organizations.stream().map(o -> test.vendor + "/" + o).toList(),
                    Duration.ofHours(2))).orElse(null);
            boolean passed = test.run(Duration.ofSeconds(durationSeconds), workers, dynamoDb, table, noisy);
            System.exit(passed ? 0 : 1);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private boolean run(Duration duration, int workers, URI dynamoDbEndpoint, String table, boolean noisy)
            throws Exception {
        // Warm-up: class loading and the first SDK client of each function are not what is measured.
        for (int i = 0; i < 20; i++) {
            // Recorded like any other request (their credentials are in the table), but neither timed nor tallied.
            send(xmlRequest(null), new Samples(), true);
            send(jsonRequest(null), new Samples(), true);
        }
        // And every lifecycle route once or more (each is its own function, with its own first request).
        Lifecycle warm = new Lifecycle(0);
        for (int i = 0; i < 40; i++) {
            warm.step(new Samples(), ThreadLocalRandom.current());
        }
        statuses.clear();
        long errors = phase("quiet tenants alone", duration, workers, false);
        if (noisy) {
            errors += phase("quiet tenants beside the noisy one", duration, workers, true);
            OUT.println("noisy tenant: " + new TreeMap<>(noisyStatuses));
        }
        boolean consistent = check(dynamoDbEndpoint, table);
        boolean createdAny = !reportedXml.isEmpty() && !reportedJson.isEmpty();
        if (!createdAny) {
            OUT.println("FAILED: no credential of each API was created (check the token or the stack)");
        }
        return consistent && errors == 0 && replayMismatches.get() == 0 && createdAny;
    }

    /** One timed run of the quiet load (and the noisy tenant beside it); prints its figures, returns its errors. */
    private long phase(String name, Duration duration, int workers, boolean noisy) throws InterruptedException {
        statuses.clear();
        long end = System.nanoTime() + duration.toNanos();
        List<Samples> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            Samples own = new Samples();
            samples.add(own);
            Thread thread = new Thread(() -> work(end, own), "load-" + w);
            threads.add(thread);
            thread.start();
        }
        if (noisy) {
            Thread thread = new Thread(() -> noise(end), "noisy");
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        OUT.printf(Locale.ROOT, "--- %s (load average %.2f)%n", name, loadAverage());
        return report(samples, seconds);
    }

    /** The noisy tenant: 5,000-entry batches and pages of 1,000 of its own account, back to back, until the end. */
    private void noise(long endNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Samples ignored = new Samples();
        while (System.nanoTime() < endNanos) {
            Sent request;
            if (random.nextBoolean()) {
                StringBuilder xml = new StringBuilder(5000 * 90).append("<SipCredentials>");
                for (int i = 0; i < 5000; i++) {
                    xml.append("<SipCredential><UserName>n").append(random.nextInt(1_000_000))
                            .append("</UserName><Domain>noisy.example</Domain><Hash1>h</Hash1></SipCredential>");
                }
                request = new Sent("noisy-xml", "POST", "/accounts/" + noisyAccount + "/sipcredentials",
                        "application/xml", xml.append("</SipCredentials>").toString(), null, 0, null);
            } else {
                request = new Sent("noisy-list", "GET", "/accounts/" + noisyAccount + "/sipcredentials?size=1000",
                        null, null, null, 0, null);
            }
            Sent answered = send(request, ignored, false);
            if (answered != null) {
                noisyStatuses.computeIfAbsent(request.api() + " " + answered.status(), k -> new AtomicLong())
                        .incrementAndGet();
            }
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void work(long endNanos, Samples samples) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Lifecycle lifecycle = new Lifecycle(worker.incrementAndGet());
        Sent lastKeyed = null;
        while (System.nanoTime() < endNanos) {
            Sent request;
            int dice = random.nextInt(100);
            if (dice >= 70) {
                lifecycle.step(samples, random);
                continue;
            }
            if (lastKeyed != null && dice < 10) {
                // A client retrying a request it already got an answer for: must get the same answer back.
                Sent replay = send(lastKeyed, samples, false);
                replays.incrementAndGet();
                if (replay != null && (replay.status() != lastKeyed.status()
                        || !replay.responseBody().equals(lastKeyed.responseBody()))) {
                    replayMismatches.incrementAndGet();
                }
                continue;
            }
            String key = dice < 40 ? "k-" + UUID.randomUUID() : null;
            request = dice % 4 == 0 ? xmlRequest(key) : jsonRequest(key);
            Sent answered = send(request, samples, true);
            if (answered != null && key != null && answered.status() < 500) {
                lastKeyed = answered;
            }
        }
    }

    private Sent xmlRequest(String key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder xml = new StringBuilder(64 + batchSize * 100).append("<SipCredentials>");
        for (int i = 0; i < batchSize; i++) {
            int n = random.nextInt(xmlNames);
            xml.append("<SipCredential><UserName>").append(random.nextBoolean() ? "User" : "user").append(n)
                    .append("</UserName><Domain>load.example</Domain><Hash1>").append(Long.toHexString(random.nextLong()))
                    .append("</Hash1></SipCredential>");
        }
        xml.append("</SipCredentials>");
        return new Sent("xml", "POST", "/accounts/" + account + "/sipcredentials", "application/xml", xml.toString(),
                key, 0, null);
    }

    private Sent jsonRequest(String key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String organization = organizations.get(random.nextInt(organizations.size()));
        String body = "{\"hostname\":\"sip" + random.nextInt(3) + ".load.example\",\"port\":5060,\"username\":\"agent"
                + random.nextInt(jsonUsers) + "\",\"password\":\"pw-" + random.nextInt() + "\",\"maxAgentTasks\":4}";
        return new Sent("json", "POST", "/api/v1/vendors/" + vendor + "/organizations/" + organization
                + "/sip/credentials", "application/json", body, key, 0, null);
    }

    /** Sends, times, tallies; records what a 201 reported created unless {@code record} is false (a replay). */
    private Sent send(Sent request, Samples samples, boolean record) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(request.path()))
                .timeout(Duration.ofSeconds(35))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (request.key() != null) {
            builder.header("Idempotency-Key", request.key());
        }
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            transportErrors.incrementAndGet();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        samples.add(request.api(), (System.nanoTime() - start) / 1000);
        if (!request.api().startsWith("noisy")) {
            statuses.computeIfAbsent(request.api() + " " + response.statusCode(), k -> new AtomicLong())
                    .incrementAndGet();
        }
        if (record && response.statusCode() == 201 && !request.api().startsWith("noisy")) {
            if (request.api().equals("xml")) {
                Matcher valid = VALID.matcher(response.body());
                if (valid.find()) {
                    Matcher name = USER_NAME.matcher(valid.group(1));
                    while (name.find()) {
                        if (!reportedXml.add((name.group(1) + "@load.example").toLowerCase(Locale.ROOT))) {
                            reportedTwice.incrementAndGet();
                        }
                    }
                }
            } else {
                Matcher id = ID.matcher(response.body());
                if (id.find() && !reportedJson.add(id.group(1))) {
                    reportedTwice.incrementAndGet();
                }
            }
        }
        return new Sent(request.api(), request.method(), request.path(), request.contentType(), request.body(),
                request.key(), response.statusCode(), response.body());
    }

    /** Prints the figures; returns the errors: transport failures and every status a correct run never gets. */
    private long report(List<Samples> samples, double seconds) {
        java.util.SortedSet<String> kinds = new java.util.TreeSet<>();
        samples.forEach(s -> kinds.addAll(s.byKind.keySet()));
        long[] all = samples.stream().flatMapToLong(s -> kinds.stream().flatMapToLong(s::of)).sorted().toArray();
        long[] xml = samples.stream().flatMapToLong(s -> s.of("xml")).sorted().toArray();
        long[] json = samples.stream().flatMapToLong(s -> s.of("json")).sorted().toArray();
        OUT.printf(Locale.ROOT, "requests: %d in %.1f s = %.1f requests/s (%d XML batches of %d = %.0f entries/s,"
                        + " %d JSON creates; %d were repeats of a keyed request)%n",
                all.length, seconds, all.length / seconds, xml.length, batchSize, xml.length * batchSize / seconds,
                json.length, replays.get());
        OUT.printf(Locale.ROOT, "latency all:  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                pct(all, 50), pct(all, 99), pct(all, 100));
        for (String kind : kinds) {
            long[] values = samples.stream().flatMapToLong(s -> s.of(kind)).sorted().toArray();
            OUT.printf(Locale.ROOT, "latency %-12s p50 %7.1f ms  p99 %7.1f ms  (%d)%n", kind + ":", pct(values, 50),
                    pct(values, 99), values.length);
        }
        long errors = transportErrors.get();
        long limited = 0;
        for (Map.Entry<String, AtomicLong> status : new TreeMap<>(statuses).entrySet()) {
            OUT.println("status " + status.getKey() + ": " + status.getValue().get());
            // Expected: created, every entry a duplicate (XML 400 with 23009s) / a duplicate (JSON 409), the
            // lifecycle's 200s, and a tenant's own rate limit (429, nothing stored).
            if (status.getKey().endsWith(" " + LIMITED)) {
                limited += status.getValue().get();
            } else if (!EXPECTED_STATUSES.contains(status.getKey())) {
                errors += status.getValue().get();
            }
        }
        OUT.println("limited by the tenant rate limit (429): " + limited);
        OUT.println("errors (any other status, and transport): " + errors + " (transport " + transportErrors.get() + ")");
        OUT.println("replays answered differently from the original: " + replayMismatches.get());
        return errors;
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    /** Compares the table with the 201 responses; true when they agree exactly. */
    private boolean check(URI dynamoDbEndpoint, String table) {
        Set<String> storedXml = new HashSet<>();
        Set<String> storedJson = new HashSet<>();
        try (DynamoDbClient client = DynamoDbClients.create(dynamoDbEndpoint, List.of())) {
            client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items()
                    .forEach(item -> collect(item, storedXml, storedJson));
        }
        long xmlMissing = reportedXml.stream().filter(n -> !storedXml.contains(n)).count();
        long jsonMissing = reportedJson.stream().filter(id -> !storedJson.contains(id)).count();
        long xmlUnreported = storedXml.stream().filter(n -> !reportedXml.contains(n)).count();
        long jsonUnreported = storedJson.stream().filter(id -> !reportedJson.contains(id)).count();
        OUT.printf(Locale.ROOT, "table: %d XML credentials, %d JSON credentials (run %s)%n", storedXml.size(),
                storedJson.size(), runId);
        OUT.printf(Locale.ROOT, "reported created but not in the table: XML %d, JSON %d%n", xmlMissing, jsonMissing);
        OUT.printf(Locale.ROOT, "in the table but never reported created: XML %d, JSON %d%n", xmlUnreported,
                jsonUnreported);
        OUT.println("names/ids reported created more than once: " + reportedTwice.get());
        long portsDiffering = changedPorts.entrySet().stream()
                .filter(e -> storedJson.contains(e.getKey()) && !e.getValue().equals(storedPorts.get(e.getKey())))
                .count();
        OUT.printf(Locale.ROOT, "JSON credentials changed by PUT: %d, whose stored port is not the last answered: %d%n",
                changedPorts.size(), portsDiffering);
        boolean consistent = xmlMissing == 0 && jsonMissing == 0 && xmlUnreported == 0 && jsonUnreported == 0
                && reportedTwice.get() == 0 && replayMismatches.get() == 0 && portsDiffering == 0;
        OUT.println(consistent ? "CONSISTENT: the table holds exactly what the responses reported"
                : "INCONSISTENT");
        return consistent;
    }

    private final Map<String, Integer> storedPorts = new ConcurrentHashMap<>();

    private void collect(Map<String, AttributeValue> item, Set<String> xml, Set<String> json) {
        if (item.get("kind") == null) {
            return;
        }
        String kind = item.get("kind").s();
        if (kind.equals("bandwidth-sip-credential") && account.equals(item.get("accountId").s())) {
            xml.add(item.get("name").s().toLowerCase(Locale.ROOT));
        } else if (kind.equals("deepslate-sip-credential") && vendor.equals(item.get("vendorId").s())) {
            json.add(item.get("id").s());
            if (item.get("port") != null && item.get("port").n() != null) {
                storedPorts.put(item.get("id").s(), Integer.parseInt(item.get("port").n()));
            }
        }
    }

    /**
     * The lifecycle routes on credentials one worker owns (names and usernames no other worker uses, so what it was
     * answered is what the table must hold): create one, then GET, PUT, DELETE it, list its tenant's pages.
     */
    private final class Lifecycle {
        private final long id;
        private int next;
        private String xmlName;
        private String jsonId;
        private String jsonPath;

        Lifecycle(long id) {
            this.id = id;
        }

        void step(Samples samples, ThreadLocalRandom random) {
            if (random.nextBoolean()) {
                xml(samples, random);
            } else {
                json(samples, random);
            }
        }

        private void xml(Samples samples, ThreadLocalRandom random) {
            String collection = "/accounts/" + account + "/sipcredentials";
            if (xmlName == null) {
                String user = "life" + id + "x" + next++;
                Sent created = send(new Sent("xml", "POST", collection, "application/xml", "<SipCredentials><SipCredential>"
                        + "<UserName>" + user + "</UserName><Domain>load.example</Domain><Hash1>"
                        + Long.toHexString(random.nextLong()) + "</Hash1></SipCredential></SipCredentials>", null, 0,
                        null), samples, true);
                if (created != null && created.status() == 201 && created.responseBody().contains("<ValidSipCredentials>")) {
                    xmlName = user + "@load.example";
                }
                return;
            }
            String one = collection + "/" + xmlName.replace("@", "%40");
            switch (random.nextInt(4)) {
                case 0 -> send(new Sent("xml-get", "GET", one, null, null, null, 0, null), samples, false);
                case 1 -> send(new Sent("xml-put", "PUT", one, "application/xml", "<SipCredential><Hash1>"
                        + Long.toHexString(random.nextLong()) + "</Hash1></SipCredential>", null, 0, null), samples, false);
                case 2 -> send(new Sent("xml-list", "GET", collection + "?size=100", null, null, null, 0, null), samples,
                        false);
                default -> {
                    Sent deleted = send(new Sent("xml-delete", "DELETE", one, null, null, null, 0, null), samples, false);
                    if (deleted != null && deleted.status() == 200) {
                        reportedXml.remove(xmlName.toLowerCase(Locale.ROOT));
                        xmlName = null;
                    }
                }
            }
        }

        private void json(Samples samples, ThreadLocalRandom random) {
            if (jsonId == null) {
                String organization = organizations.get(random.nextInt(organizations.size()));
                jsonPath = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials";
                Sent created = send(new Sent("json", "POST", jsonPath, "application/json", body(5060), null, 0, null),
                        samples, true);
                Matcher matched = created == null || created.status() != 201 ? null : ID.matcher(created.responseBody());
                if (matched != null && matched.find()) {
                    jsonId = matched.group(1);
                }
                return;
            }
            String one = jsonPath + "/" + jsonId;
            switch (random.nextInt(4)) {
                case 0 -> send(new Sent("json-get", "GET", one, null, null, null, 0, null), samples, false);
                case 1 -> {
                    int port = 5000 + random.nextInt(1000);
                    Sent changed = send(new Sent("json-put", "PUT", one, "application/json", body(port), null, 0, null),
                            samples, false);
                    if (changed != null && changed.status() == 200) {
                        Matcher answered = PORT.matcher(changed.responseBody());
                        changedPorts.put(jsonId, answered.find() ? Integer.parseInt(answered.group(1)) : -1);
                    }
                }
                case 2 -> send(new Sent("json-list", "GET", jsonPath + "?limit=100", null, null, null, 0, null), samples,
                        false);
                default -> {
                    Sent deleted = send(new Sent("json-delete", "DELETE", one, null, null, null, 0, null), samples, false);
                    if (deleted != null && deleted.status() == 200) {
                        reportedJson.remove(jsonId);
                        changedPorts.remove(jsonId);
                        jsonId = null;
                    }
                }
            }
        }

        private String body(int port) {
            return "{\"hostname\":\"life.load.example\",\"port\":" + port + ",\"username\":\"life" + id + "x" + next
                    + "\",\"password\":\"pw-" + id + "\",\"maxAgentTasks\":4}";
        }
    }
}

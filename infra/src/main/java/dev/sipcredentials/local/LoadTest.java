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
 * repeating an earlier keyed request; then the table is scanned through the engine's endpoint and compared
 * with what the 201 responses reported created.
 *
 * <pre>
 * java -cp infra/target/sip-credentials-local.jar dev.sipcredentials.local.LoadTest [--duration S] [--workers N]
 *      [--batch N] [--url http://127.0.0.1:3000 --dynamodb http://127.0.0.1:PORT [--table NAME] [--token JWT]]
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
    private static final Set<String> EXPECTED_STATUSES = Set.of("xml 201", "xml 400", "json 201", "json 409");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final int batchSize;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final String account = "load-" + runId;
    private final String vendor = UUID.randomUUID().toString();
    private final List<String> organizations = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
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
    private record Sent(String api, String path, String contentType, String body, String key, int status,
                                            String responseBody) {}

    /** Latencies of one worker, in microseconds, by API. */
    private static final class Samples {
        long[] xml = new long[1 << 14];
        int xmlCount;
        long[] json = new long[1 << 14];
        int jsonCount;

        void add(String api, long micros) {
            if (api.equals("xml")) {
                if (xmlCount == xml.length) {
                    xml = Arrays.copyOf(xml, xml.length * 2);
                }
                xml[xmlCount++] = micros;
            } else {
                if (jsonCount == json.length) {
                    json = Arrays.copyOf(json, json.length * 2);
                }
                json[jsonCount++] = micros;
            }
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
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--duration" -> durationSeconds = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--url" -> url = URI.create(args[++i]);
                case "--dynamodb" -> dynamoDb = URI.create(args[++i]);
                case "--table" -> table = args[++i];
                case "--token" -> token = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; options: --duration S --workers N --batch N --url U --dynamodb U --table T --token JWT");
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
            stack = LocalStack.start(LocalStack.Options.defaults().withPort(0));
            url = stack.baseUrl();
            dynamoDb = stack.dynamoDbEndpoint();
        }
        OUT.printf(Locale.ROOT, "load: %s for %d s, %d workers, XML batches of %d, DynamoDB %s, %d cores%n",
                url, durationSeconds, workers, batch, dynamoDb, Runtime.getRuntime().availableProcessors());
        try {
            LoadTest test = new LoadTest(url, batch, Math.max(1000, durationSeconds * 2000), Math.max(500, durationSeconds * 200));
            // Like any client: a token granting exactly the tenants the load uses (a running stack: --token, or --no-auth).
            test.token = stack == null ? token : stack.authorizer().map(authorizer -> authorizer.issue(
                    List.of(test.account), test.organizations.stream().map(o -> test.vendor + "/" + o).toList(),
                    Duration.ofHours(2))).orElse(null);
            boolean passed = test.run(Duration.ofSeconds(durationSeconds), workers, dynamoDb, table);
            System.exit(passed ? 0 : 1);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private boolean run(Duration duration, int workers, URI dynamoDbEndpoint, String table) throws Exception {
        // Warm-up: class loading and the first SDK client of each function are not what is measured.
        for (int i = 0; i < 20; i++) {
            // Recorded like any other request (their credentials are in the table), but neither timed nor tallied.
            send(xmlRequest(null), new Samples(), true);
            send(jsonRequest(null), new Samples(), true);
        }
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
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long errors = report(samples, seconds);
        boolean consistent = check(dynamoDbEndpoint, table);
        boolean createdAny = !reportedXml.isEmpty() && !reportedJson.isEmpty();
        if (!createdAny) {
            OUT.println("FAILED: no credential of each API was created (check the token or the stack)");
        }
        return consistent && errors == 0 && replayMismatches.get() == 0 && createdAny;
    }

    private void work(long endNanos, Samples samples) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Sent lastKeyed = null;
        while (System.nanoTime() < endNanos) {
            Sent request;
            int dice = random.nextInt(100);
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
        return new Sent("xml", "/accounts/" + account + "/sipcredentials", "application/xml", xml.toString(), key, 0,
                null);
    }

    private Sent jsonRequest(String key) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String organization = organizations.get(random.nextInt(organizations.size()));
        String body = "{\"hostname\":\"sip" + random.nextInt(3) + ".load.example\",\"port\":5060,\"username\":\"agent"
                + random.nextInt(jsonUsers) + "\",\"password\":\"pw-" + random.nextInt() + "\",\"maxAgentTasks\":4}";
        return new Sent("json", "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials",
                "application/json", body, key, 0, null);
    }

    /** Sends, times, tallies; records what a 201 reported created unless {@code record} is false (a replay). */
    private Sent send(Sent request, Samples samples, boolean record) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(request.path()))
                .timeout(Duration.ofSeconds(35))
                .header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
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
        statuses.computeIfAbsent(request.api() + " " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
        if (record && response.statusCode() == 201) {
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
        return new Sent(request.api(), request.path(), request.contentType(), request.body(), request.key(),
                response.statusCode(), response.body());
    }

    /** Prints the figures; returns the errors: transport failures and every status a correct run never gets. */
    private long report(List<Samples> samples, double seconds) {
        long[] xml = samples.stream().flatMapToLong(s -> Arrays.stream(s.xml, 0, s.xmlCount)).sorted().toArray();
        long[] json = samples.stream().flatMapToLong(s -> Arrays.stream(s.json, 0, s.jsonCount)).sorted().toArray();
        long[] all = java.util.stream.LongStream.concat(Arrays.stream(xml), Arrays.stream(json)).sorted().toArray();
        OUT.printf(Locale.ROOT, "requests: %d in %.1f s = %.1f requests/s (%d XML batches of %d = %.0f entries/s,"
                        + " %d JSON creates; %d were repeats of a keyed request)%n",
                all.length, seconds, all.length / seconds, xml.length, batchSize, xml.length * batchSize / seconds,
                json.length, replays.get());
        OUT.printf(Locale.ROOT, "latency all:  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                pct(all, 50), pct(all, 99), pct(all, 100));
        OUT.printf(Locale.ROOT, "latency XML:  p50 %.1f ms  p99 %.1f ms%n", pct(xml, 50), pct(xml, 99));
        OUT.printf(Locale.ROOT, "latency JSON: p50 %.1f ms  p99 %.1f ms%n", pct(json, 50), pct(json, 99));
        long errors = transportErrors.get();
        for (Map.Entry<String, AtomicLong> status : new TreeMap<>(statuses).entrySet()) {
            OUT.println("status " + status.getKey() + ": " + status.getValue().get());
            // Expected: created, or every entry a duplicate (XML 400 with 23009s) / a duplicate (JSON 409).
            if (!EXPECTED_STATUSES.contains(status.getKey())) {
                errors += status.getValue().get();
            }
        }
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
        boolean consistent = xmlMissing == 0 && jsonMissing == 0 && xmlUnreported == 0 && jsonUnreported == 0
                && reportedTwice.get() == 0 && replayMismatches.get() == 0;
        OUT.println(consistent ? "CONSISTENT: the table holds exactly what the responses reported"
                : "INCONSISTENT");
        return consistent;
    }

    private void collect(Map<String, AttributeValue> item, Set<String> xml, Set<String> json) {
        String kind = item.get("kind").s();
        if (kind.equals("bandwidth-sip-credential") && account.equals(item.get("accountId").s())) {
            xml.add(item.get("name").s().toLowerCase(Locale.ROOT));
        } else if (kind.equals("deepslate-sip-credential") && vendor.equals(item.get("vendorId").s())) {
            json.add(item.get("id").s());
        }
    }
}

package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import dev.sipcredentials.dynamodb.DynamoDbEngine;
import dev.sipcredentials.kms.KmsServer;
import dev.sipcredentials.local.EmbeddedDynamoDb;
import dev.sipcredentials.local.SamTemplate;
import dev.sipcredentials.local.TableCreator;
import dev.sipcredentials.testkit.GrantedEvents;
import dev.sipcredentials.testkit.LambdaContexts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cloud profile (issue #18): the deployable functions jar's own handlers, each built as the Lambda runtime builds
 * it, against our DynamoDB engine with DynamoDB-like latency (5 ms per write, 3 ms per read) and our KMS endpoint
 * with KMS-like latency (5 ms per request, KMS's 5,500/s quota), so the functions' real DynamoDB and KMS clients make
 * the calls they make deployed. Per route: wall time of one warm invocation, the KMS calls (and how many KMS
 * refused), the DynamoDB calls and capacity units as the engine counts them ({@link DynamoDbEngine#usage()}), and
 * the Lambda GB-seconds at 1024 MB. Given {@code -DbaselineJar=PATH} (an older build's functions jar), the same
 * routes with that jar, side by side: the harness drives routes, not a sealing design, so it measures whatever the
 * jar contains.
 *
 * <p>Each jar's classes are loaded by a class loader of their own (the Lambda runtime's interfaces and event types
 * shared, as the runtime shares them), over a fresh table and a fresh key hierarchy per run.
 */
final class CloudBench implements AutoCloseable {
    static final Duration DYNAMODB_WRITE_LATENCY = Duration.ofMillis(5);
    static final Duration DYNAMODB_READ_LATENCY = Duration.ofMillis(3);
    static final Duration KMS_LATENCY = Duration.ofMillis(5);
    static final double LAMBDA_GB = 1024 / 1024.0;

    private static final String BW_CREATE = "POST /accounts/{accountId}/sipcredentials";
    private static final String BW_LIST = "GET /accounts/{accountId}/sipcredentials";
    private static final String BW_GET = "GET /accounts/{accountId}/sipcredentials/{compositeUserName}";
    private static final String DS_CREATE = "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials";
    private static final String DS_LIST = "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials";

    /** One measured invocation. */
    record Figures(int status, int entryErrors, double wallMillis, long kmsCalls, long kmsThrottled,
                   long dynamoDbCalls, double readUnits, double writeUnits) {
        double gbSeconds() {
            return wallMillis / 1000 * LAMBDA_GB;
        }
    }

    private final SamTemplate template;
    private final EmbeddedDynamoDb dynamoDb;
    private final DynamoDbClient admin;
    private final KmsServer kms;
    private final HttpServer credentials;
    private final Map<String, String> previous = new LinkedHashMap<>();
    private int tables;

    private CloudBench(Path templateFile) {
        template = SamTemplate.parse(templateFile);
        dynamoDb = EmbeddedDynamoDb.start(null, 0, DYNAMODB_READ_LATENCY, DYNAMODB_WRITE_LATENCY);
        admin = dynamoDb.newClient();
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        kms = KmsServer.start(KmsServer.options().persistentKey(material, "alias/sip-credentials").latency(KMS_LATENCY));
        String token = UUID.randomUUID().toString();
        credentials = credentialsEndpoint(token);
        Map<String, String> settings = new LinkedHashMap<>();
        for (SamTemplate.Function function : template.functions()) {
            function.environment().forEach(settings::putIfAbsent);
        }
        settings.put("DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        settings.put("AWS_REGION", "us-east-1");
        settings.put("PASSWORD_KEY_ID", kms.keyArn());
        settings.put("aws.endpointUrlKms", kms.endpoint().toString());
        settings.put("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + credentials.getAddress().getPort() + "/credentials");
        settings.put("aws.containerAuthorizationToken", token);
        settings.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
        // The deployed path only: no local master key in place of KMS.
        previous.put("LOCAL_MASTER_KEY_FILE", System.getProperty("LOCAL_MASTER_KEY_FILE"));
        System.clearProperty("LOCAL_MASTER_KEY_FILE");
    }

    /**
     * Prints the cloud profile of this build's functions jar and, with {@code -DbaselineJar}, of that one.
     *
     * @param batch entries of the XML batch (5,000 in the issue); the XML listing page is min(batch, 1,000)
     * @param jsonSeed deepslate credentials created before the measured JSON create; the JSON page lists them all
     */
    static void run(PrintStream out, Path templateFile, int batch, int jsonSeed, int runs) throws Exception {
        Path baseline = Optional.ofNullable(System.getProperty("baselineJar")).map(Path::of).orElse(null);
        Map<String, Path> builds = new LinkedHashMap<>();
        builds.put("this build", ChildJvm.functionsJar());
        if (baseline != null) {
            builds.put("baseline " + baseline.getFileName(), baseline);
        }
        List<String> routes = List.of("XML batch of " + batch, "XML list page of " + Math.min(batch, 1000),
                "XML GET one", "JSON create", "JSON list page of " + Math.min(jsonSeed + 1, 500));
        Map<String, Map<String, List<Figures>>> figures = new LinkedHashMap<>(); // route -> build -> runs
        try (CloudBench bench = new CloudBench(templateFile)) {
            for (int run = 0; run < runs; run++) {
                // Alternate the order, so a load that rises or falls over the runs costs both builds alike.
                List<String> order = new ArrayList<>(builds.keySet());
                if (run % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String build : order) {
                    List<Figures> measured = bench.measure(builds.get(build), batch, jsonSeed, run);
                    for (int i = 0; i < routes.size(); i++) {
                        figures.computeIfAbsent(routes.get(i), k -> new LinkedHashMap<>())
                                .computeIfAbsent(build, k -> new ArrayList<>()).add(measured.get(i));
                    }
                }
                out.printf(Locale.ROOT, "  cloud run %d/%d done (%s)%n", run + 1, runs, Machine.load());
            }
        }
        out.println("== Cloud profile: through the handlers of the functions jar, DynamoDB engine "
                + DYNAMODB_WRITE_LATENCY.toMillis() + " ms per write / " + DYNAMODB_READ_LATENCY.toMillis()
                + " ms per read, KMS endpoint " + KMS_LATENCY.toMillis() + " ms per request ("
                + (long) KmsServer.DEFAULT_RATE_LIMIT + "/s shared); warm invocations, median wall of " + runs
                + " run(s), calls and units of the last; now " + Machine.load());
        out.println("   errors: entries the answer reports as not stored (<Error>); KMS calls include attempts KMS refused (thr); DynamoDB calls and capacity units as the engine"
                + " counts them (RCU/WCU: read/write capacity units); GB-s = wall seconds x 1024 MB");
        out.printf(Locale.ROOT, "  %-24s %-36s %6s %6s %10s %10s %5s %10s %9s %9s %10s%n", "route", "build", "status",
                "errors", "wall ms", "KMS calls", "thr", "DDB calls", "RCU", "WCU", "GB-s");
        for (Map.Entry<String, Map<String, List<Figures>>> route : figures.entrySet()) {
            for (Map.Entry<String, List<Figures>> build : route.getValue().entrySet()) {
                List<Figures> all = build.getValue();
                Figures last = all.get(all.size() - 1);
                double wall = Stats.median(all.stream().map(Figures::wallMillis).toList());
                out.printf(Locale.ROOT, "  %-24s %-36s %6d %6d %10.1f %10d %5d %10d %9.1f %9.1f %10.4f%n",
                        route.getKey(), build.getKey(), last.status(), last.entryErrors(), wall, last.kmsCalls(), last.kmsThrottled(), last.dynamoDbCalls(),
                        last.readUnits(), last.writeUnits(), wall / 1000 * LAMBDA_GB);
            }
        }
    }

    /** One run of every route with one jar: a warm-up of each, then the measured invocations, in a fresh table. */
    private List<Figures> measure(Path jar, int batch, int jsonSeed, int run) throws Exception {
        String table = "cloud-" + (++tables);
        SamTemplate.Table declared = template.table("SipCredentialsTable").orElseThrow();
        TableCreator.create(admin, new SamTemplate.Table(declared.logicalId(), table, declared.keySchema(),
                declared.attributeDefinitions(), declared.globalSecondaryIndexes(), declared.localSecondaryIndexes()));
        System.setProperty("TABLE_NAME", table);
        try (JarLoader loader = new JarLoader(jar)) {
            Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new LinkedHashMap<>();
            Function<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handler =
                    routeKey -> handlers.computeIfAbsent(routeKey, key -> loader.handler(handlerClass(key)));

            String vendor = UUID.randomUUID().toString();
            // Warm-up: each route once on a tenant of its own (class loading, clients, connections, the JIT's start).
            invoke(handler.apply(BW_CREATE), bandwidthCreate("warm" + run, 10), 201);
            invoke(handler.apply(BW_LIST), bandwidthList("warm" + run, 10), 200);
            invoke(handler.apply(BW_GET), bandwidthGet("warm" + run), 200);
            String warmOrganization = UUID.randomUUID().toString();
            invoke(handler.apply(DS_CREATE), Workloads.deepslateEvent(vendor, warmOrganization, "warm", "warm"), 201);
            invoke(handler.apply(DS_LIST), deepslateList(vendor, warmOrganization, 1), 200);

            String account = "cloud" + run;
            List<Figures> figures = new ArrayList<>();
            figures.add(measured(handler.apply(BW_CREATE), bandwidthCreate(account, batch), 201));
            figures.add(measured(handler.apply(BW_LIST), bandwidthList(account, Math.min(batch, 1000)), 200));
            figures.add(measured(handler.apply(BW_GET), bandwidthGet(account), 200));
            String organization = UUID.randomUUID().toString();
            for (int i = 0; i < jsonSeed; i++) {
                invoke(handler.apply(DS_CREATE), Workloads.deepslateEvent(vendor, organization, "seed" + i, "s" + i), 201);
            }
            figures.add(measured(handler.apply(DS_CREATE),
                    Workloads.deepslateEvent(vendor, organization, "measured", "m" + run), 201));
            figures.add(measured(handler.apply(DS_LIST), deepslateList(vendor, organization,
                    Math.min(jsonSeed + 1, 500)), 200));
            return figures;
        } finally {
            admin.deleteTable(r -> r.tableName(table));
        }
    }

    private String handlerClass(String routeKey) {
        return template.functions().stream()
                .filter(f -> f.httpApiEvents().stream().anyMatch(e -> e.routeKey().equals(routeKey)))
                .map(SamTemplate.Function::handlerClass).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no function for " + routeKey));
    }

    private Figures measured(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event, int expected) {
        kms.resetCounters();
        dynamoDb.resetUsage();
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = invoke(handler, event, expected);
        double wall = (System.nanoTime() - start) / 1e6;
        KmsServer.Counters calls = kms.counters();
        DynamoDbEngine.Usage usage = dynamoDb.usage();
        // A batch that ran out of its time budget still answers 201, with the entries it did not store as errors.
        int entryErrors = response.getBody() == null ? 0 : Workloads.count(response.getBody(), "<Error>");
        return new Figures(response.getStatusCode(), entryErrors, wall, calls.totalCalls(), calls.throttled(),
                usage.totalCalls(), usage.readCapacityUnits(), usage.writeCapacityUnits());
    }

    private static APIGatewayV2HTTPResponse invoke(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event, int expected) {
        Context context = LambdaContexts.quiet();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        if (response.getStatusCode() != expected) {
            String body = response.getBody() == null ? "" : response.getBody();
            throw new IllegalStateException(event.getRouteKey() + " answered " + response.getStatusCode()
                    + " where " + expected + " was expected: " + body.substring(0, Math.min(300, body.length())));
        }
        return response;
    }

    private static APIGatewayV2HTTPEvent bandwidthCreate(String account, int entries) {
        return Workloads.bandwidthEvent(account, Workloads.bandwidthXml(entries), false, "create-" + account);
    }

    private static APIGatewayV2HTTPEvent bandwidthList(String account, int size) {
        APIGatewayV2HTTPEvent event = GrantedEvents.post(BW_LIST, "/accounts/" + account + "/sipcredentials",
                Map.of("accountId", account), null, null, false, "list-" + account);
        event.setRawQueryString("size=" + size);
        event.setQueryStringParameters(Map.of("size", Integer.toString(size)));
        return event;
    }

    private static APIGatewayV2HTTPEvent bandwidthGet(String account) {
        return Workloads.bandwidthGetEvent(account, Workloads.userName(0) + "@" + Workloads.DOMAIN, "get-" + account);
    }

    private static APIGatewayV2HTTPEvent deepslateList(String vendor, String organization, int limit) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials";
        APIGatewayV2HTTPEvent event = GrantedEvents.post(DS_LIST, path,
                Map.of("vendorId", vendor, "organizationId", organization), null, null, false, "list-" + organization);
        event.setRawQueryString("limit=" + limit);
        event.setQueryStringParameters(Map.of("limit", Integer.toString(limit)));
        return event;
    }

    /** Dummy role credentials where the functions' Lambda credentials provider looks with SnapStart. */
    private static HttpServer credentialsEndpoint(String token) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/credentials", exchange -> {
                try (exchange) {
                    boolean allowed = token.equals(exchange.getRequestHeaders().getFirst("Authorization"));
                    byte[] body = (allowed ? "{\"AccessKeyId\":\"local\",\"SecretAccessKey\":\"local\",\"Token\":\"local\","
                            + "\"Expiration\":\"" + java.time.Instant.now().plus(Duration.ofHours(12))
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}" : "{}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(allowed ? 200 : 403, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "CloudBench[" + dynamoDb.endpoint() + ", " + kms.endpoint() + "]";
    }

    @Override
    public void close() {
        credentials.stop(0);
        kms.close();
        admin.close();
        dynamoDb.close();
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    /**
     * A functions jar's own classes, child-first; the Lambda runtime's interfaces and event types
     * ({@code com.amazonaws.services.lambda.runtime}) shared with the harness, as the runtime shares them.
     */
    private static final class JarLoader extends URLClassLoader {
        private static final String RUNTIME = "com.amazonaws.services.lambda.runtime.";

        JarLoader(Path jar) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(RUNTIME)) {
                return CloudBench.class.getClassLoader().loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String className) {
            try {
                return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) loadClass(className)
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + className + " from the jar", e);
            }
        }
    }
}

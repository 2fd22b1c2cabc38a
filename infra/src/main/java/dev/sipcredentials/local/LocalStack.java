package dev.sipcredentials.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import dev.sipcredentials.httpserver.Http11Server;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import dev.sipcredentials.kms.KmsServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole local stack: our DynamoDB engine with the template's tables, and an API Gateway HTTP API emulation on
 * 127.0.0.1 serving the template's HttpApi routes with their Lambda handlers.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0))) {
 *   HttpClient.newHttpClient().send(
 *       HttpRequest.newBuilder(stack.baseUrl().resolve("/accounts/41/sipcredentials")) ... );
 * }
 * }</pre>
 *
 * <p>Handlers read configuration with System.getProperty(NAME) falling back to System.getenv(NAME), so the stack
 * publishes every function's Environment.Variables, DYNAMODB_ENDPOINT and AWS_REGION as system properties before any
 * handler class is loaded, and restores the previous values on close. System properties are global: run one
 * LocalStack per JVM at a time. Each function gets its own class loader (see {@link FunctionClassLoader}), so static
 * state in handlers does not leak from one stack to the next.
 */
public final class LocalStack implements AutoCloseable {

    public static final int DEFAULT_PORT = 3000;
    /**
     * @param port HTTP port on 127.0.0.1; 0 picks a free one
     * @param dbPath directory for the database's data, or null to keep it in memory
     * @param template the SAM template, or null to find template.yaml in the working directory or the nearest folder above
     * @param stateDir where the local signing key and password master key live (created on first start); null for
     *     {@code .local} next to the template, so every command run anywhere in the checkout finds the same key
     * @param auth whether the template's JWT authorizer is emulated; false is {@code --no-auth}
     * @param dynamoDbPort the embedded DynamoDB engine's port on 127.0.0.1; 0 picks a free one
     * @param limits the cloud's latencies and KMS's request quota (default: no latency, 5,500 KMS requests/s), and the
     *     per-tenant limit on every route ({@code --tenant-rate-limit}; 0 is off, the default, whatever the
     *     template's deployed defaults say, so examples and suites are unaffected)
     */
    public record Options(int port, Path dbPath, Path template, Path stateDir, boolean auth, int dynamoDbPort,
            Limits limits) {
        public static Options defaults() {
            return new Options(DEFAULT_PORT, null, null, null, true, 0, Limits.defaults());
        }

        public Options withDynamoDbPort(int dynamoDbPort) {
            return new Options(port, dbPath, template, stateDir, auth, dynamoDbPort, limits);
        }

        public Options withPort(int port) {
            return new Options(port, dbPath, template, stateDir, auth, dynamoDbPort, limits);
        }

        public Options withDbPath(Path dbPath) {
            return new Options(port, dbPath, template, stateDir, auth, dynamoDbPort, limits);
        }

        public Options withTemplate(Path template) {
            return new Options(port, dbPath, template, stateDir, auth, dynamoDbPort, limits);
        }

        public Options withStateDir(Path stateDir) {
            return new Options(port, dbPath, template, stateDir, auth, dynamoDbPort, limits);
        }

        public Options withAuth(boolean auth) {
            return new Options(port, dbPath, template, stateDir, auth, dynamoDbPort, limits);
        }

        public Options withLimits(Limits limits) {
            return new Options(port, dbPath, template, stateDir, auth, dynamoDbPort, limits);
        }

        /** Units per second per tenant on every route; 0 is off. */
        public Options withTenantRateLimit(double unitsPerSecond) {
            return withLimits(limits.withTenantRateLimit(unitsPerSecond));
        }

        public double tenantRateLimit() {
            return limits.tenantRateLimit();
        }
    }

    /**
     * The cloud's limits the local stack can play: DynamoDB's latency per read and per write request
     * ({@code --dynamodb-latency-ms}), KMS's latency per request ({@code --kms-latency-ms}) and KMS's request quota
     * shared by every operation ({@code --kms-rate-limit}, requests per second).
     */
    public record Limits(Duration dynamoDbWriteLatency, Duration dynamoDbReadLatency, Duration kmsLatency,
            double kmsRateLimit, double tenantRateLimit) {
        public static Limits defaults() {
            return new Limits(Duration.ZERO, Duration.ZERO, Duration.ZERO, KmsServer.DEFAULT_RATE_LIMIT, 0);
        }

        public Limits withDynamoDbLatency(Duration writes, Duration reads) {
            return new Limits(writes, reads, kmsLatency, kmsRateLimit, tenantRateLimit);
        }

        public Limits withKmsLatency(Duration latency) {
            return new Limits(dynamoDbWriteLatency, dynamoDbReadLatency, latency, kmsRateLimit, tenantRateLimit);
        }

        public Limits withTenantRateLimit(double unitsPerSecond) {
            if (!(unitsPerSecond >= 0) || Double.isInfinite(unitsPerSecond)) {
                throw new IllegalArgumentException("--tenant-rate-limit takes units per second, 0 or more");
            }
            return new Limits(dynamoDbWriteLatency, dynamoDbReadLatency, kmsLatency, kmsRateLimit, unitsPerSecond);
        }

        public Limits withKmsRateLimit(double perSecond) {
            return new Limits(dynamoDbWriteLatency, dynamoDbReadLatency, kmsLatency, perSecond, tenantRateLimit);
        }
    }

    private final Path templateFile;
    private final SamTemplate template;
    private final RouteTable routes;
    private final EmbeddedDynamoDb dynamoDb;
    private final Map<String, Boolean> tablesCreated;
    private final Map<String, LambdaFunction> functions;
    private final Map<String, String> previousProperties;
    private final List<String> warnings;
    private final Http11Server httpServer;
    private final ExecutorService invocationThreads;
    private final URI baseUrl;
    private final LocalStateDirectory stateDir;
    private final LocalJwtAuthorizer authorizer;
    private final GatewayAuth gatewayAuth;
    private final LocalMetrics metrics;
    private final KmsServer kms;
    private final Options options;
    private boolean closed;

    private LocalStack(Builder b) {
        this.templateFile = b.templateFile;
        this.template = b.template;
        this.routes = b.routes;
        this.dynamoDb = b.dynamoDb;
        this.tablesCreated = b.tablesCreated;
        this.functions = b.functions;
        this.previousProperties = b.previousProperties;
        this.warnings = List.copyOf(b.warnings);
        this.httpServer = b.httpServer;
        this.invocationThreads = b.invocationThreads;
        this.baseUrl = URI.create("http://127.0.0.1:" + b.httpServer.port());
        this.stateDir = b.stateDir;
        this.authorizer = b.authorizer;
        this.gatewayAuth = b.gatewayAuth;
        this.metrics = b.metrics;
        this.kms = b.kms;
        this.options = b.options;
    }

    /** Mutable state of a start in progress, so a failure half-way can undo what was done. */
    /** The functions' setting of their per-tenant rate limit (functions/.../http/TenantRateLimit). */
    static final String TENANT_RATE_LIMIT = "TENANT_RATE_LIMIT";

    private static final class Builder {
        Path templateFile;
        SamTemplate template;
        RouteTable routes;
        EmbeddedDynamoDb dynamoDb;
        Map<String, Boolean> tablesCreated = new LinkedHashMap<>();
        Map<String, LambdaFunction> functions = new LinkedHashMap<>();
        Map<String, String> previousProperties = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Http11Server httpServer;
        ExecutorService invocationThreads;
        LocalStateDirectory stateDir;
        LocalJwtAuthorizer authorizer;
        GatewayAuth gatewayAuth = GatewayAuth.none();
        LocalMetrics metrics = new LocalMetrics();
        KmsServer kms;
        Options options;
        String credentialsToken = UUID.randomUUID().toString();
    }

    /** Starts with the functions' JSON log lines printed, as Lambda would have them. */
    public static LocalStack start(Options options) {
        return start(options, true);
    }

    /**
     * @param jsonLogs print the functions' structured log lines (request log, EMF) as Lambda gets them; false leaves
     *     one readable access line per request ({@code --log-format text}, the command line's default)
     */
    public static LocalStack start(Options options, boolean jsonLogs) {
        Builder b = new Builder();
        b.options = options;
        try {
            b.templateFile = options.template() != null
                    ? options.template().toAbsolutePath().normalize()
                    : SamTemplate.locate(Path.of(System.getProperty("user.dir")));
            b.template = SamTemplate.parse(b.templateFile);
            b.warnings.addAll(b.template.warnings());
            b.routes = RouteTable.from(b.template);

            Limits limits = options.limits();
            b.dynamoDb = EmbeddedDynamoDb.start(options.dbPath(), options.dynamoDbPort(),
                    limits.dynamoDbReadLatency(), limits.dynamoDbWriteLatency());
            try (DynamoDbClient client = b.dynamoDb.newClient()) {
                for (SamTemplate.Table table : b.template.tables()) {
                    List<String> missing = LocalIndexes.missing(client, table);
                    if (!missing.isEmpty()) {
                        // Served as it is, its credentials would be missing from every listing, silently.
                        throw new IllegalStateException(LocalIndexes.refusal(table, missing, options.dbPath()));
                    }
                    b.tablesCreated.put(table.tableName(), TableCreator.create(client, table));
                }
            }

            b.stateDir = new LocalStateDirectory(
                    options.stateDir() != null ? options.stateDir() : LocalStateDirectory.besideTemplate(b.templateFile));
            b.kms = LocalKms.start(b.stateDir, limits);
            var jwtConfig = JwtAuthorizerConfig.fromTemplate(b.templateFile);
            if (jwtConfig.isPresent() && options.auth()) {
                b.authorizer = new LocalJwtAuthorizer(jwtConfig.get(), b.stateDir.jwtSigningKey(), java.time.Clock.systemUTC());
                b.gatewayAuth = GatewayAuth.jwt(b.authorizer);
            } else if (jwtConfig.isPresent()) {
                b.gatewayAuth = GatewayAuth.disabled();
            }

            publishConfiguration(b, options.tenantRateLimit());
            for (SamTemplate.Function function : b.template.functions()) {
                b.functions.put(function.logicalId(), new LambdaFunction(function));
            }

            b.invocationThreads = Executors.newCachedThreadPool(daemonThreads("lambda-invoke-"));
            Http11Server.Handler api = new ApiDocsPages(
                    new HttpApiGateway(b.routes, b.functions, b.invocationThreads, b.gatewayAuth, b.metrics, jsonLogs));
            Http11Server.Handler local = new LocalEndpoints(b.metrics, b.kms, b.credentialsToken);
            b.httpServer = listen(options.port(), request ->
                    request.rawPath().startsWith(LocalEndpoints.PREFIX) ? local.handle(request) : api.handle(request));
            publishCredentialsEndpoint(b);
            return new LocalStack(b);
        } catch (IOException e) {
            undo(b);
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            undo(b);
            throw e;
        }
    }

    /** HTTP API's 10 MB payload limit; idle kept-alive connections closed after 30 s; at most 256 at a time. */
    private static Http11Server listen(int port, Http11Server.Handler handler) throws IOException {
        try {
            return Http11Server.start(Http11Server.options().port(port)
                    .maxBodyBytes(HttpApiGateway.MAX_REQUEST_BODY_BYTES)
                    .idleTimeoutMillis(30_000)
                    .maxConnections(256)
                    .threadName("http-api"), handler);
        } catch (BindException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use; choose another with --port");
        }
    }

    /** The handlers' configuration contract: system properties, set before any handler class is loaded. */
    private static void publishConfiguration(Builder b, double tenantRateLimit) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> ownerOf = new HashMap<>();
        for (SamTemplate.Function function : b.template.functions()) {
            function.environment().forEach((name, value) -> {
                if (TENANT_RATE_LIMIT.equals(name)) {
                    return; // Per route deployed; one value for every route locally, set below.
                }
                String earlier = properties.putIfAbsent(name, value);
                ownerOf.putIfAbsent(name, function.logicalId());
                if (earlier != null && !earlier.equals(value)) {
                    b.warnings.add("Environment variable " + name + " differs between " + ownerOf.get(name) + " and "
                            + function.logicalId() + "; system properties are JVM-wide, so both see \"" + earlier + "\"");
                }
            });
        }
        // Off unless --tenant-rate-limit N: the template's deployed defaults would make examples and suites depend on
        // how fast they run.
        properties.put(TENANT_RATE_LIMIT, tenantRateLimit == 0 ? "0" : Double.toString(tenantRateLimit));
        properties.put("DYNAMODB_ENDPOINT", b.dynamoDb.endpoint().toString());
        properties.put("AWS_REGION", EmbeddedDynamoDb.REGION.id());
        // The deployed code path: the functions' own KmsClient, pointed at the local KMS endpoint by the SDK's
        // service-specific endpoint setting, under the local key (its ARN, as Ref of the template's key gives).
        properties.put("LOCAL_MASTER_KEY_FILE", b.stateDir.passwordMasterKeyFile().toString());
        properties.put(LocalKms.KEY_ID_SETTING, b.kms.keyArn());
        properties.put(LocalKms.ENDPOINT_PROPERTY, b.kms.endpoint().toString());
        publish(b, properties);
    }

    /**
     * The functions' KMS client takes the Lambda role's credentials from the container credentials endpoint (the
     * SnapStart way; see AwsClientSettings.lambdaCredentials): the stack serves dummy ones at
     * {@code /_local/credentials}, behind a token of this start, as Lambda's endpoint is.
     */
    private static void publishCredentialsEndpoint(Builder b) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + b.httpServer.port() + LocalEndpoints.CREDENTIALS_PATH);
        properties.put("aws.containerAuthorizationToken", b.credentialsToken);
        publish(b, properties);
    }

    private static void publish(Builder b, Map<String, String> properties) {
        properties.forEach((name, value) -> {
            b.previousProperties.putIfAbsent(name, System.getProperty(name));
            System.setProperty(name, value);
        });
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The functions' EMF metrics, summed as CloudWatch would (also served at {@code GET /_local/metrics}). */
    public LocalMetrics metrics() {
        return metrics;
    }

    /** The emulated JWT authorizer, empty with --no-auth or when the template declares none. */
    public Optional<LocalJwtAuthorizer> authorizer() {
        return Optional.ofNullable(authorizer);
    }

    /** One line saying how requests are authorised. */
    public String authDescription() {
        return gatewayAuth.describe();
    }

    public LocalStateDirectory stateDir() {
        return stateDir;
    }

    /** e.g. {@code http://127.0.0.1:3000}; resolve paths against it. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return baseUrl.getPort();
    }

    /** The embedded engine's endpoint, also published to handlers as DYNAMODB_ENDPOINT. */
    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** The options it was started with. */
    public Options options() {
        return options;
    }

    /** The KMS-compatible endpoint the functions' KmsClient talks to (also {@code GET /_local/kms}). */
    public KmsServer kms() {
        return kms;
    }

    /** The embedded database, e.g. for {@link EmbeddedDynamoDb#newClient()} in tests. */
    public EmbeddedDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public Path templateFile() {
        return templateFile;
    }

    public SamTemplate template() {
        return template;
    }

    public List<RouteTable.Route> routes() {
        return routes.routes();
    }

    /** The route API Gateway would choose for this request, if any. */
    public Optional<RouteTable.Match> route(String method, String rawPath) {
        return routes.match(method, rawPath);
    }

    /** Table name to whether this start created it (false: it was kept in --db-path). */
    public Map<String, Boolean> tablesCreated() {
        return Map.copyOf(tablesCreated);
    }

    /** Things in the template the local stack could not emulate or resolve. */
    public List<String> warnings() {
        return warnings;
    }

    /** Stops HTTP, the functions and the DynamoDB engine, and restores the system properties it set. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Builder b = new Builder();
        b.httpServer = httpServer;
        b.invocationThreads = invocationThreads;
        b.functions = functions;
        b.dynamoDb = dynamoDb;
        b.kms = kms;
        b.previousProperties = previousProperties;
        undo(b);
    }

    private static void undo(Builder b) {
        if (b.httpServer != null) {
            b.httpServer.close();
        }
        if (b.invocationThreads != null) {
            b.invocationThreads.shutdownNow();
        }
        for (LambdaFunction function : b.functions.values()) {
            try {
                function.close();
            } catch (IOException | RuntimeException e) {
                System.out.println("[local] closing " + function.definition().logicalId() + ": " + e);
            }
        }
        if (b.dynamoDb != null) {
            b.dynamoDb.close();
        }
        if (b.kms != null) {
            b.kms.close();
        }
        b.previousProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}

package dev.sipcredentials.dynamodb.conformance;

import dev.sipcredentials.dynamodb.DynamoDbEngine;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * One DynamoDB endpoint the contract suite runs against, with its client and the fixture tables the cases share.
 * Every table this run creates has a unique name and is deleted when the target closes, so a real DynamoDB account
 * is left as it was found.
 */
public final class DynamoTarget implements AutoCloseable {

    /** The endpoints the suite knows. */
    public enum Kind {
        ENGINE("engine"),
        MOTO("moto"),
        LOCALSTACK("localstack"),
        AWS("aws");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Fixture table names; each is created on first use per target. */
    public static final String HASH = "hash"; // pk S
    public static final String RANGE = "range"; // pk S, sk S
    public static final String NUMERIC_RANGE = "nrange"; // pk S, sk N
    public static final String INDEXED = "indexed"; // pk S, sk S; gsiAll, gsiKeys, gsiInclude on gpk S / gsk N

    public static final String GSI_ALL = "gsiAll";
    public static final String GSI_KEYS = "gsiKeys";
    public static final String GSI_INCLUDE = "gsiInclude";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Kind kind;
    private URI endpoint; // local targets only: raw requests (RawWire) go there
    private final DynamoDbClient client;
    private final String unavailableReason;
    private final AutoCloseable resource;
    private final Map<String, String> fixtures = new ConcurrentHashMap<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    private DynamoTarget(Kind kind, DynamoDbClient client, AutoCloseable resource, String unavailableReason) {
        this.kind = kind;
        this.client = client;
        this.resource = resource;
        this.unavailableReason = unavailableReason;
    }

    static DynamoTarget start(Kind kind) {
        return switch (kind) {
            case ENGINE -> startEngine();
            case MOTO -> startMoto();
            case LOCALSTACK -> LocalStackTarget.start();
            case AWS -> startAws();
        };
    }

    static DynamoTarget unavailable(Kind kind, String reason) {
        return new DynamoTarget(kind, null, null, reason);
    }

    static DynamoTarget local(Kind kind, URI endpoint, AutoCloseable resource) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("conformance", "conformance")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                // A local endpoint that answers 500 or throttles must show up as such, not be hidden by retries.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .build();
        DynamoTarget target = new DynamoTarget(kind, client, resource, null);
        target.endpoint = endpoint;
        return target;
    }

    private static DynamoTarget startEngine() {
        DynamoDbEngine engine;
        try {
            engine = DynamoDbEngine.start(DynamoDbEngine.options());
        } catch (UnsupportedOperationException notBuilt) {
            // The module skeleton's placeholder; once the engine is built, a start failure fails every engine case.
            return unavailable(Kind.ENGINE, "DynamoDbEngine.start is not built yet: " + notBuilt.getMessage());
        }
        return local(Kind.ENGINE, engine.endpoint(), engine);
    }

    private static DynamoTarget startMoto() {
        Path motoServer = onPath("moto_server");
        if (motoServer == null) {
            return unavailable(Kind.MOTO, "moto_server is not on the PATH");
        }
        int port = freePort();
        Process process;
        try {
            Path log = Files.createTempFile("moto-server", ".log");
            process = new ProcessBuilder(motoServer.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            return unavailable(Kind.MOTO, "moto_server did not start: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        AutoCloseable stop = () -> {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        };
        DynamoTarget target = local(Kind.MOTO, URI.create("http://127.0.0.1:" + port), stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                target.client.listTables();
                return target;
            } catch (RuntimeException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    target.close();
                    throw new IllegalStateException("moto_server on port " + port + " did not answer", notYet);
                }
                sleep(100);
            }
        }
    }

    private static DynamoTarget startAws() {
        String region = System.getenv("SIP_TEST_DYNAMODB_REGION");
        if (region == null || region.isBlank()) {
            return unavailable(Kind.AWS, "SIP_TEST_DYNAMODB_REGION is not set");
        }
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException none) {
            return unavailable(Kind.AWS, "no AWS credentials: " + none.getMessage());
        }
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new DynamoTarget(Kind.AWS, client, null, null);
    }

    /** The local endpoint, or null for a real DynamoDB (whose requests must be signed). */
    public URI endpoint() {
        return endpoint;
    }

    public Kind kind() {
        return kind;
    }

    public boolean is(Kind other) {
        return kind == other;
    }

    /**
     * True where this target is known to deviate from the DynamoDB API Reference on the assertion that follows, so the
     * case checks the rest and leaves that one out. Every use is listed, with its reason, in infra/dynamodb/README.md
     * ("Conformance"); the engine never gets one (its deviations are bugs).
     */
    public boolean deviates(Kind where, String reason) {
        return kind == where && !IGNORE_DEVIATIONS;
    }

    /**
     * {@code -Dconformance.ignoreDeviations=true} runs every marked case in full, to check that each marked deviation is
     * still one (every marked case should then fail on its target).
     */
    private static final boolean IGNORE_DEVIATIONS = Boolean.getBoolean("conformance.ignoreDeviations");

    /** Skips the whole case on a target that deviates from the API Reference on it (README.md, "Conformance"). */
    public void skipWhere(Kind where, String reason) {
        org.junit.jupiter.api.Assumptions.assumeFalse(kind == where && !IGNORE_DEVIATIONS, () -> where.label() + " deviates: " + reason);
    }

    boolean available() {
        return unavailableReason == null;
    }

    String unavailableReason() {
        return unavailableReason;
    }

    public DynamoDbClient db() {
        return client;
    }

    /** A partition-key value no other case of this run uses. */
    public String key() {
        return "k" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** A table name unique to this run; the table is deleted when the target closes. */
    public String newTableName(String base) {
        String name = "conformance-" + RUN + "-" + base + "-" + SEQUENCE.incrementAndGet();
        created.add(name);
        return name;
    }

    /** Creates a table, waits until it is ACTIVE, and remembers it for deletion. */
    public String createTable(CreateTableRequest request) {
        created.add(request.tableName());
        client.createTable(request);
        awaitActive(request.tableName());
        return request.tableName();
    }

    public void awaitActive(String table) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (client.describeTable(r -> r.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(table + " did not become ACTIVE");
            }
            sleep(is(Kind.AWS) ? 1000 : 20);
        }
    }

    /** Waits until DescribeTable says the table is gone (at once on local targets, seconds on DynamoDB). */
    public void awaitDeleted(String table) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                client.describeTable(r -> r.tableName(table));
            } catch (ResourceNotFoundException gone) {
                return;
            }
            sleep(is(Kind.AWS) ? 1000 : 20);
        }
        throw new IllegalStateException(table + " was not deleted");
    }

    /** The shared fixture table {@code base} (one of the constants above), created on first use. */
    public String table(String base) {
        return fixtures.computeIfAbsent(base, b -> createTable(fixtureRequest(b, newTableName(b))));
    }

    public static CreateTableRequest.Builder hashTableRequest(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH));
    }

    private static CreateTableRequest fixtureRequest(String base, String name) {
        return switch (base) {
            case HASH -> hashTableRequest(name).build();
            case RANGE -> hashTableRequest(name)
                    .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .build();
            case NUMERIC_RANGE -> hashTableRequest(name)
                    .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .build();
            case INDEXED -> hashTableRequest(name)
                    .attributeDefinitions(
                            attribute("pk", ScalarAttributeType.S),
                            attribute("sk", ScalarAttributeType.S),
                            attribute("gpk", ScalarAttributeType.S),
                            attribute("gsk", ScalarAttributeType.N))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(
                            gsi(GSI_ALL, Projection.builder().projectionType(ProjectionType.ALL).build()),
                            gsi(GSI_KEYS, Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()),
                            gsi(GSI_INCLUDE, Projection.builder()
                                    .projectionType(ProjectionType.INCLUDE).nonKeyAttributes("inc").build()))
                    .build();
            default -> throw new IllegalArgumentException(base);
        };
    }

    private static GlobalSecondaryIndex gsi(String name, Projection projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key("gpk", KeyType.HASH), key("gsk", KeyType.RANGE))
                .projection(projection)
                .build();
    }

    public static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    public static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                for (String table : List.copyOf(created)) {
                    try {
                        client.deleteTable(r -> r.tableName(table));
                    } catch (RuntimeException alreadyGone) {
                        // deleted by its case, or never created
                    }
                }
                client.close();
            }
        } finally {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException(kind.label() + " did not stop", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return kind.label();
    }

    private static Path onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.sipcredentials.local;

import dev.sipcredentials.dynamodb.DynamoDbEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Our own DynamoDB-compatible engine ({@code infra/dynamodb}) running inside this JVM on a loopback port, in memory
 * or durable in a directory: what the local stack, the integration tests, the load test and the benchmarks talk to.
 *
 * <pre>{@code
 * try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
 *      DynamoDbClient client = db.newClient()) {
 *   client.listTables();
 * }
 * }</pre>
 *
 * <p>The engine does not verify request signatures, so any credentials do; one database serves every access key
 * and region, so a table created by the local stack is visible to a handler with other dummy credentials.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** Dummy credentials: the engine accepts any. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    public static final Region REGION = Region.US_EAST_1;

    private final DynamoDbEngine engine;
    private final Path dbPath;
    private boolean closed;

    private EmbeddedDynamoDb(DynamoDbEngine engine, Path dbPath) {
        this.engine = engine;
        this.dbPath = dbPath;
    }

    /**
     * Starts the engine on 127.0.0.1 and a free port.
     *
     * @param dbPathOrNull a directory to keep the data in across restarts (created if missing), or null for memory
     */
    public static EmbeddedDynamoDb start(Path dbPathOrNull) {
        return start(dbPathOrNull, 0);
    }

    /**
     * Starts the engine on 127.0.0.1.
     *
     * @param dbPathOrNull a directory to keep the data in across restarts (created if missing), or null for memory
     * @param port the port, or 0 for a free one
     */
    public static EmbeddedDynamoDb start(Path dbPathOrNull, int port) {
        return start(dbPathOrNull, port, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * Starts the engine on 127.0.0.1 with DynamoDB-like latency: every read request waits {@code readLatency}, every
     * write request {@code writeLatency}, before it is carried out.
     */
    public static EmbeddedDynamoDb start(Path dbPathOrNull, int port, Duration readLatency, Duration writeLatency) {
        return start(dbPathOrNull, port, readLatency, writeLatency, Clock.systemUTC());
    }

    /**
     * Starts the engine on 127.0.0.1 with its TTL sweeper on {@code clock}: a test that runs its handlers on a fixed
     * clock gives the engine one that agrees, or the sweeper deletes by the real date what the test just wrote.
     */
    public static EmbeddedDynamoDb start(Path dbPathOrNull, int port, Clock clock) {
        return start(dbPathOrNull, port, Duration.ZERO, Duration.ZERO, clock);
    }

    /** Starts the engine on 127.0.0.1 with both: latency and the TTL sweeper's clock. */
    public static EmbeddedDynamoDb start(Path dbPathOrNull, int port, Duration readLatency, Duration writeLatency,
                                         Clock clock) {
        Path dbPath = null;
        if (dbPathOrNull != null) {
            dbPath = dbPathOrNull.toAbsolutePath().normalize();
            try {
                Files.createDirectories(dbPath);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create --db-path " + dbPath, e);
            }
        }
        DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().port(port).dbPath(dbPath)
                .latency(readLatency, writeLatency).clock(clock));
        return new EmbeddedDynamoDb(engine, dbPath);
    }

    /** The endpoint to give an SDK client, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return engine.endpoint();
    }

    public int port() {
        return engine.port();
    }

    /** The directory holding the data, or null when in memory. */
    public Path dbPath() {
        return dbPath;
    }

    /** The engine's fault hooks and per-partition limits, for tests that need DynamoDB to misbehave. */
    public DynamoDbEngine.Faults faults() {
        return engine.faults();
    }

    /** Requests per operation and capacity units consumed since start or {@link #resetUsage()}. */
    public DynamoDbEngine.Usage usage() {
        return engine.usage();
    }

    public void resetUsage() {
        engine.resetUsage();
    }

    /** A new SDK v2 client for this database (URLConnection HTTP client, dummy credentials); the caller closes it. */
    public DynamoDbClient newClient() {
        return DynamoDbClient.builder()
                .endpointOverride(engine.endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.close(); // flushes --db-path
    }
}

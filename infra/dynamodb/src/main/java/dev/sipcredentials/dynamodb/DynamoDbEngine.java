package dev.sipcredentials.dynamodb;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The engine, started in this JVM: DynamoDB's JSON 1.0 protocol over HTTP on 127.0.0.1.
 *
 * <pre>{@code
 * try (DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options())) {
 *   DynamoDbClient client = DynamoDbClient.builder().endpointOverride(engine.endpoint())...build();
 * }
 * }</pre>
 */
public interface DynamoDbEngine extends AutoCloseable {

    static Options options() {
        return new Options();
    }

    /**
     * Starts an engine with these options: listening on 127.0.0.1 when this returns; with {@code dbPath}, the
     * tables and items written before are loaded first.
     *
     * @throws java.io.UncheckedIOException when the port is taken or the directory cannot be used
     */
    static DynamoDbEngine start(Options options) {
        return new EngineServer(options == null ? options() : options);
    }

    /** Starts an in-memory engine on a free port. */
    static DynamoDbEngine start() {
        return start(options());
    }

    /** {@code http://127.0.0.1:PORT}. */
    URI endpoint();

    int port();

    /** Fault hooks and limits the tests drive; off by default. */
    Faults faults();

    /** Requests per operation and the capacity units they consumed, since start or {@link #resetUsage()}. */
    Usage usage();

    void resetUsage();

    /**
     * What DynamoDB would bill: requests per operation (refused ones included) and the read and write capacity
     * units consumed, as the engine computes ConsumedCapacity (whatever the requests asked for).
     */
    record Usage(java.util.Map<String, Long> calls, double readCapacityUnits, double writeCapacityUnits) {
        public long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Stops the server, flushes and closes the storage. Idempotent. */
    @Override
    void close();

    /** Start options; all optional. */
    final class Options {
        public int port; // 0: a free port
        public Path dbPath; // null: in memory
        public Duration ttlSweepInterval = Duration.ofSeconds(1);
        public boolean partitionLimits; // per-partition-key throughput limits as DynamoDB documents them
        public Duration readLatency = Duration.ZERO; // added to every GetItem, BatchGetItem, Query, Scan, TransactGetItems
        public Duration writeLatency = Duration.ZERO; // added to every PutItem, UpdateItem, DeleteItem, BatchWrite/TransactWrite
        public Clock clock = Clock.systemUTC(); // "now" for TTL expiry; a test with a fixed clock passes the same one
        /** How long a new table is CREATING and a deleted one DELETING; ZERO (default): ACTIVE at once, gone at once. */
        public Duration tableStatusDelay = Duration.ZERO;

        public Options port(int port) {
            this.port = port;
            return this;
        }

        public Options dbPath(Path dbPath) {
            this.dbPath = dbPath;
            return this;
        }

        public Options ttlSweepInterval(Duration interval) {
            this.ttlSweepInterval = interval;
            return this;
        }

        /** DynamoDB-like latency: each read and each write request waits this long before it is carried out. */
        public Options latency(Duration reads, Duration writes) {
            if (reads == null || writes == null || reads.isNegative() || writes.isNegative()) {
                throw new IllegalArgumentException("a latency is a duration >= 0");
            }
            this.readLatency = reads;
            this.writeLatency = writes;
            return this;
        }

        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Options partitionLimits(boolean on) {
            this.partitionLimits = on;
            return this;
        }

        public Options tableStatusDelay(Duration delay) {
            this.tableStatusDelay = delay;
            return this;
        }
    }

    /** What the tests switch on to see how clients behave when DynamoDB misbehaves. */
    interface Faults {
        /** The next {@code n} requests (of {@code operation}, or any when null) fail with this error type. */
        void failNext(String operationOrNull, int n, String errorType);

        /** Every request of {@code operation} (any when null) waits this long first; Duration.ZERO clears. */
        void delay(String operationOrNull, Duration delay);

        /** The next {@code n} requests of {@code operation} are carried out, then the connection is dropped unanswered. */
        void commitThenDrop(String operationOrNull, int n);

        /** Switches the per-partition throughput limits on or off at run time. */
        void partitionLimits(boolean on);

        /** Clears every fault. */
        void clear();
    }
}

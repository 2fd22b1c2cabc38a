package dev.sipcredentials.dynamodb;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a cloud profile needs of the engine: DynamoDB's latency per request (one for reads, one for writes), and what
 * DynamoDB would bill: requests per operation and the capacity units they consumed (counted whatever the request's
 * ReturnConsumedCapacity), read units and write units apart.
 */
final class EngineUsage {
    static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");

    /** The units the request on this thread consumed so far; {@link Capacity} adds to it. */
    private static final ThreadLocal<double[]> CURRENT = new ThreadLocal<>();

    private final Duration readLatency;
    private final Duration writeLatency;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();

    EngineUsage(Duration readLatency, Duration writeLatency) {
        this.readLatency = readLatency == null ? Duration.ZERO : readLatency;
        this.writeLatency = writeLatency == null ? Duration.ZERO : writeLatency;
    }

    static void charge(double units) {
        double[] current = CURRENT.get();
        if (current != null) {
            current[0] += units;
        }
    }

    /** Counts the request and waits its latency; {@link #end} must follow on the same thread. */
    void begin(String operation) throws InterruptedException {
        calls.computeIfAbsent(operation, op -> new LongAdder()).increment();
        CURRENT.set(new double[1]);
        Duration latency = READS.contains(operation) ? readLatency : WRITES.contains(operation) ? writeLatency : Duration.ZERO;
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        }
    }

    void end(String operation) {
        double[] units = CURRENT.get();
        CURRENT.remove();
        if (units != null && units[0] > 0) {
            (READS.contains(operation) ? readUnits : writeUnits).add(units[0]);
        }
    }

    DynamoDbEngine.Usage snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((op, n) -> counts.put(op, n.sum()));
        return new DynamoDbEngine.Usage(Map.copyOf(counts), readUnits.sum(), writeUnits.sum());
    }

    void reset() {
        calls.clear();
        readUnits.reset();
        writeUnits.reset();
    }
}

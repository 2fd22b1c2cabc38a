package dev.sipcredentials.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fault hooks the tests drive: failing the next requests, delaying, answering nothing after committing. */
final class FaultInjector implements DynamoDbEngine.Faults {
    private static final String ANY = "*";

    private final List<Rule> failures = new ArrayList<>();
    private final List<Rule> drops = new ArrayList<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final PartitionThroughput throughput;
    private volatile boolean anySet;

    FaultInjector(PartitionThroughput throughput) {
        this.throughput = throughput;
    }

    private static final class Rule {
        final String operation;
        int remaining;
        final String errorType;

        Rule(String operation, int remaining, String errorType) {
            this.operation = operation;
            this.remaining = remaining;
            this.errorType = errorType;
        }

        boolean matches(String op) {
            return remaining > 0 && (operation.equals(ANY) || operation.equals(op));
        }
    }

    @Override
    public synchronized void failNext(String operationOrNull, int n, String errorType) {
        failures.add(new Rule(operationOrNull == null ? ANY : operationOrNull, n, errorType));
        anySet = true;
    }

    @Override
    public void delay(String operationOrNull, Duration delay) {
        String op = operationOrNull == null ? ANY : operationOrNull;
        if (delay == null || delay.isZero()) {
            delays.remove(op);
        } else {
            delays.put(op, delay);
            anySet = true;
        }
    }

    @Override
    public synchronized void commitThenDrop(String operationOrNull, int n) {
        drops.add(new Rule(operationOrNull == null ? ANY : operationOrNull, n, null));
        anySet = true;
    }

    @Override
    public void partitionLimits(boolean on) {
        throughput.enable(on);
    }

    @Override
    public synchronized void clear() {
        failures.clear();
        drops.clear();
        delays.clear();
        anySet = false;
    }

    /** Before a request: waits its delay, then throws the error of a matching failNext rule. */
    void beforeRequest(String operation) throws InterruptedException {
        if (!anySet) {
            return;
        }
        Duration delay = delays.getOrDefault(operation, delays.get(ANY));
        if (delay != null) {
            Thread.sleep(delay.toMillis());
        }
        String errorType = null;
        synchronized (this) {
            for (Rule r : failures) {
                if (r.matches(operation)) {
                    r.remaining--;
                    errorType = r.errorType;
                    break;
                }
            }
        }
        if (errorType != null) {
            throw new DynamoDbException(errorType, messageOf(errorType));
        }
    }

    /** After a request was carried out: whether its answer is to be dropped. */
    boolean dropAnswer(String operation) {
        if (!anySet) {
            return false;
        }
        synchronized (this) {
            for (Rule r : drops) {
                if (r.matches(operation)) {
                    r.remaining--;
                    return true;
                }
            }
        }
        return false;
    }

    static String messageOf(String errorType) {
        switch (errorType) {
            case DynamoDbException.PROVISIONED_THROUGHPUT_EXCEEDED:
                return PartitionThroughput.MESSAGE;
            case DynamoDbException.THROTTLING:
                return "Rate of requests exceeds the allowed throughput.";
            case DynamoDbException.INTERNAL_SERVER_ERROR:
                return "Internal server error";
            default:
                return "Injected fault: " + errorType;
        }
    }
}

package dev.sipcredentials.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DynamoDB's per-partition limits, off unless switched on: each partition-key value of a table, and of each GSI,
 * serves at most 1,000 WCU/s and 3,000 RCU/s, with a burst of {@link #BURST_SECONDS} worth. Token buckets, one per
 * (table, index, key value, read/write). A write whose table partition or any of its GSI partitions is exhausted is
 * refused whole: on DynamoDB an index that throttles holds back its table's writes.
 */
final class PartitionThroughput {
    static final double WRITE_UNITS_PER_SECOND = 1000;
    static final double READ_UNITS_PER_SECOND = 3000;
    static final double BURST_SECONDS = 1.0;
    static final String MESSAGE = "Throughput exceeds the current capacity for one or more global secondary indexes or "
            + "partitions of your table. DynamoDB is automatically scaling your table or index so please try again shortly.";

    private volatile boolean on;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    PartitionThroughput(boolean on) {
        this.on = on;
    }

    void enable(boolean on) {
        this.on = on;
        if (!on) {
            buckets.clear();
        }
    }

    boolean enabled() {
        return on;
    }

    /** Charges of one request, refused together or taken together. */
    final class Charges {
        private final List<Bucket> buckets = new ArrayList<>(2);
        private final List<Double> units = new ArrayList<>(2);

        Charges write(String table, String indexOrNull, KeyValue partition, double wcu) {
            return add(table, indexOrNull, partition, 'W', wcu);
        }

        Charges read(String table, String indexOrNull, KeyValue partition, double rcu) {
            return add(table, indexOrNull, partition, 'R', rcu);
        }

        private Charges add(String table, String index, KeyValue partition, char kind, double amount) {
            if (on) {
                String id = table + '\u0000' + (index == null ? "" : index) + '\u0000' + kind + partition;
                buckets.add(PartitionThroughput.this.buckets.computeIfAbsent(id,
                        k -> new Bucket(kind == 'W' ? WRITE_UNITS_PER_SECOND : READ_UNITS_PER_SECOND)));
                units.add(amount);
            }
            return this;
        }

        /** Takes the units, or throws ProvisionedThroughputExceededException having taken none. */
        void take() {
            if (!tryTake()) {
                throw throttled();
            }
        }

        boolean tryTake() {
            if (buckets.isEmpty()) {
                return true;
            }
            long now = System.nanoTime();
            for (int i = 0; i < buckets.size(); i++) {
                if (!buckets.get(i).has(units.get(i), now)) {
                    return false;
                }
            }
            for (int i = 0; i < buckets.size(); i++) {
                buckets.get(i).take(units.get(i));
            }
            return true;
        }
    }

    Charges charges() {
        return new Charges();
    }

    static DynamoDbException throttled() {
        return new DynamoDbException(DynamoDbException.PROVISIONED_THROUGHPUT_EXCEEDED, MESSAGE);
    }

    private static final class Bucket {
        private final double perSecond;
        private final double capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double perSecond) {
            this.perSecond = perSecond;
            this.capacity = perSecond * BURST_SECONDS;
            this.tokens = capacity;
        }

        synchronized boolean has(double amount, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            return tokens >= Math.min(amount, capacity);
        }

        synchronized void take(double amount) {
            tokens -= amount;
        }
    }
}

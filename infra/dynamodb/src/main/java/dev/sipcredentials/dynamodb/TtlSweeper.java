package dev.sipcredentials.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes items whose TTL attribute (a number: epoch seconds) is in the past, every sweep interval. Until swept, an
 * expired item is still returned by every read, as on DynamoDB (which sweeps within days, here within the
 * interval). A deletion is a normal write: index entries go with it and it is journaled.
 */
final class TtlSweeper implements AutoCloseable {
    private final Database db;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    /** {@code clock}: what "now" is for expiry; tests that fix their own clock give the engine the same one. */
    TtlSweeper(Database db, Duration interval, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamodb-engine-ttl");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweepNow();
        } catch (RuntimeException e) {
            System.err.println("dynamodb engine: TTL sweep failed: " + e);
        }
    }

    /** Deletes every item that expired before the clock's now; returns how many. */
    int sweepNow() {
        return sweep(clock.millis() / 1000);
    }

    /** Deletes every item that expired before {@code nowSeconds}; returns how many. */
    int sweep(long nowSeconds) {
        int deleted = 0;
        for (Table table : db.tables()) {
            if (table.ttlAttribute == null) {
                continue;
            }
            for (StoredItem item : table.items.values()) {
                if (item.expiresAt >= nowSeconds) {
                    continue;
                }
                try (Database.WriteScope scope = db.lockItem(table, item.key)) {
                    if (table.get(item.key) == item && item.expiresAt < nowSeconds) { // not rewritten meanwhile
                        scope.commit(new Mutation(table, item.key, item, null, null, null));
                        deleted++;
                    }
                }
            }
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package dev.sipcredentials.http;

import dev.sipcredentials.config.Settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per tenant, in this function instance: {@code unitsPerSecond} flow in, up to one second's worth
 * held; a request costs the work it asks for (entries in a batch, items in a page, else 1). A request is let through
 * when its tenant's bucket holds its cost, or, for a request costing more than a full bucket (a 5,000-entry batch),
 * when the bucket is full; the bucket may then go into debt, which holds the tenant back for as long as the work
 * takes to earn. Other tenants' buckets are untouched: one tenant hammering a route gets 429s while the others, on
 * the same instance, are served.
 *
 * <p>Per instance: Lambda runs each instance on its own, so the ceiling a tenant meets across the function is this
 * limit times the instances serving it (bounded by the function's reserved concurrency). What it buys is that a
 * flooding tenant's excess is answered at once and cheaply, before any store call, instead of holding the instance
 * and the table.
 *
 * <p>Time comes from an injected ticker (nanoseconds), so tests move it by hand.
 */
public final class TenantRateLimit {
    /** The setting a function's limit is read from (units per second per tenant; absent or 0: no limit). */
    public static final String SETTING = "TENANT_RATE_LIMIT";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Beyond this many tenants in one instance, buckets that have filled up again are dropped (a full bucket is as
     * good as none). */
    static final int MAX_TRACKED_TENANTS = 10_000;
    private static final TenantRateLimit NONE = new TenantRateLimit(0, System::nanoTime);

    private final double unitsPerSecond;
    private final LongSupplier ticker;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param unitsPerSecond the rate and the bucket's size; 0 for no limit */
    public TenantRateLimit(double unitsPerSecond, LongSupplier ticker) {
        if (unitsPerSecond < 0 || Double.isNaN(unitsPerSecond)) {
            throw new IllegalArgumentException("a rate is a number of units per second, 0 or more");
        }
        this.unitsPerSecond = unitsPerSecond;
        this.ticker = ticker;
    }

    /** No limit. */
    public static TenantRateLimit none() {
        return NONE;
    }

    /** The limit the settings give ({@value #SETTING}; none when absent or 0), on the system's monotonic clock. */
    public static TenantRateLimit fromSettings() {
        double rate = Settings.optional(SETTING).map(Double::parseDouble).orElse(0.0);
        return rate == 0 ? NONE : new TenantRateLimit(rate, System::nanoTime);
    }

    public boolean isLimited() {
        return unitsPerSecond > 0;
    }

    /**
     * Takes {@code cost} units from the tenant's bucket.
     *
     * @return 0 when the request may run; otherwise the whole seconds until it would be let through (Retry-After)
     */
    public long take(String tenant, long cost) {
        if (unitsPerSecond == 0) {
            return 0;
        }
        if (buckets.size() >= MAX_TRACKED_TENANTS) {
            forgetFullBuckets();
        }
        Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket(unitsPerSecond, ticker.getAsLong()));
        synchronized (bucket) {
            long now = ticker.getAsLong();
            bucket.refill(now, unitsPerSecond);
            double needed = Math.min(Math.max(cost, 1), unitsPerSecond);
            if (bucket.tokens >= needed) {
                bucket.tokens -= Math.max(cost, 1);
                return 0;
            }
            double missing = needed - bucket.tokens;
            return Math.max(1, (long) Math.ceil(missing / unitsPerSecond));
        }
    }

    private void forgetFullBuckets() {
        long now = ticker.getAsLong();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now, unitsPerSecond);
                return bucket.tokens >= unitsPerSecond;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, double unitsPerSecond) {
            if (now > at) {
                tokens = Math.min(unitsPerSecond, tokens + (now - at) * unitsPerSecond / NANOS_PER_SECOND);
                at = now;
            }
        }
    }
}

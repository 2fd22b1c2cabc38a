package dev.sipcredentials.observability;

import java.util.Arrays;

/**
 * What one request did, in counts: entries (or the one credential) created, refused as duplicates, refused for a
 * {@link RefusalClass}, lost to a store fault ({@code StoreErrors}: not stored, not retryable) or to the store's
 * capacity or the time budget ({@code Throttled}: not stored, the client is told to retry). Immutable; the
 * {@code with...} methods return a new value, so a pipeline can add to it step by step.
 */
public final class RouteOutcome {
    private static final RefusalClass[] CLASSES = RefusalClass.values();
    public static final RouteOutcome NONE = new RouteOutcome(0, 0, 0, 0, new int[CLASSES.length]);

    private final int created;
    private final int duplicates;
    private final int storeErrors;
    private final int throttled;
    private final int[] refused;

    private RouteOutcome(int created, int duplicates, int storeErrors, int throttled, int[] refused) {
        this.created = created;
        this.duplicates = duplicates;
        this.storeErrors = storeErrors;
        this.throttled = throttled;
        this.refused = refused;
    }

    /** A whole request refused with this client-error status (the class from the status; others count nothing). */
    public static RouteOutcome refusedWith(int status) {
        RefusalClass refusal = RefusalClass.ofStatus(status);
        return refusal == null ? NONE : NONE.withRefused(refusal, 1);
    }

    public RouteOutcome withCreated(int n) {
        return new RouteOutcome(created + n, duplicates, storeErrors, throttled, refused);
    }

    public RouteOutcome withDuplicates(int n) {
        return new RouteOutcome(created, duplicates + n, storeErrors, throttled, refused);
    }

    public RouteOutcome withStoreErrors(int n) {
        return new RouteOutcome(created, duplicates, storeErrors + n, throttled, refused);
    }

    public RouteOutcome withThrottled(int n) {
        return new RouteOutcome(created, duplicates, storeErrors, throttled + n, refused);
    }

    public RouteOutcome withRefused(RefusalClass refusal, int n) {
        int[] more = Arrays.copyOf(refused, refused.length);
        more[refusal.ordinal()] += n;
        return new RouteOutcome(created, duplicates, storeErrors, throttled, more);
    }

    public int created() {
        return created;
    }

    public int duplicates() {
        return duplicates;
    }

    public int storeErrors() {
        return storeErrors;
    }

    public int throttled() {
        return throttled;
    }

    public int refused(RefusalClass refusal) {
        return refused[refusal.ordinal()];
    }

    /** All refusals, every class together. */
    public int refused() {
        int total = 0;
        for (int n : refused) {
            total += n;
        }
        return total;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("created=").append(created).append(" duplicates=").append(duplicates)
                .append(" refused=").append(refused()).append(" storeErrors=").append(storeErrors)
                .append(" throttled=").append(throttled);
        for (RefusalClass refusal : CLASSES) {
            if (refused[refusal.ordinal()] > 0) {
                text.append(' ').append(refusal.metricName()).append('=').append(refused[refusal.ordinal()]);
            }
        }
        return text.toString();
    }
}

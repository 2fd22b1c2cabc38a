package dev.sipcredentials.kms;

import java.util.function.LongSupplier;

/**
 * KMS's request quota: one bucket of {@code ratePerSecond} tokens shared by every operation (the quota is per account
 * and region), refilled continuously, holding at most one second's worth. A rate of 0 refuses every request.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final LongSupplier nanoClock;
    private double rate;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.last = nanoClock.getAsLong();
        setRate(ratePerSecond);
    }

    synchronized void setRate(double ratePerSecond) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("a rate limit is a finite number of requests per second >= 0");
        }
        rate = ratePerSecond;
        tokens = capacity(); // a new limit starts full, like a quota increase taking effect
        last = nanoClock.getAsLong();
    }

    synchronized double rate() {
        return rate;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity(), tokens + (now - last) / NANOS_PER_SECOND * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private double capacity() {
        return rate == 0 ? 0 : Math.max(1, rate);
    }
}

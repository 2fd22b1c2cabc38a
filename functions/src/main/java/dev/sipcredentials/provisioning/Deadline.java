package dev.sipcredentials.provisioning;

import java.time.Duration;

/**
 * The moment by which a request must have its answer ready. Writes that cannot start before it are
 * reported as not attempted (retryable) instead of running past API Gateway's 30 s integration limit.
 */
public final class Deadline {
    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + Math.max(0, budget.toNanos()));
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    public boolean hasLessThan(Duration needed) {
        return remaining().compareTo(needed) < 0;
    }

    /** The same deadline moved earlier, to keep time back for work after the writes (recording an answer). */
    public Deadline earlier(Duration by) {
        return new Deadline(deadlineNanos - Math.max(0, by.toNanos()));
    }
}

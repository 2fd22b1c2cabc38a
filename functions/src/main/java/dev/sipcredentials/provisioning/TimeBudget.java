package dev.sipcredentials.provisioning;

import java.time.Duration;

/**
 * The one time policy of every route. A request has an answer deadline: the route's budget or the Lambda's
 * remaining time, whichever ends first. Store writes end {@link #RESPONSE_RESERVE} before it, so the answer can
 * still be built and returned; with an Idempotency-Key they end {@link #RECORD_RESERVE} earlier again, so the
 * answer can be recorded too. A write is not started with less than {@link #MIN_WRITE_TIME} left: it is reported
 * as not attempted (retryable) instead of running past API Gateway's 30 s integration limit.
 */
public final class TimeBudget {
    /** API Gateway gives up at 30 s whatever the function's timeout; no route answers later than this. */
    public static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(28);
    /** Time kept back from a deadline to build and return the response. */
    public static final Duration RESPONSE_RESERVE = Duration.ofMillis(500);
    /** Kept back from the writes when an Idempotency-Key is given, to record the answer before the deadline. */
    public static final Duration RECORD_RESERVE = Duration.ofSeconds(1);
    /** A write is not started with less time than this left: it would most likely time out. */
    public static final Duration MIN_WRITE_TIME = Duration.ofMillis(200);
    /** The most one idempotency record write may take; it runs before and after the route's writes. */
    public static final Duration MAX_RECORD_CALL = Duration.ofSeconds(2);
    /** An idempotency record write with less time than this is not sent. */
    public static final Duration MIN_RECORD_CALL = Duration.ofMillis(100);
    /** A store's own retry of a conflicting transaction is not sent with less than this left. */
    public static final Duration MIN_ATTEMPT_TIME = Duration.ofMillis(50);

    private TimeBudget() {
    }

    /**
     * @param routeBudget     the longest the route may take (at most {@link #MAX_REQUEST_TIME})
     * @param remainingMillis the Lambda's remaining time, or null outside Lambda; no time left means no time: a
     *                        Lambda at its end attempts nothing rather than the full budget
     */
    public static Deadline answerDeadline(Duration routeBudget, Long remainingMillis) {
        Duration budget = routeBudget.compareTo(MAX_REQUEST_TIME) < 0 ? routeBudget : MAX_REQUEST_TIME;
        if (remainingMillis != null) {
            Duration remaining = Duration.ofMillis(Math.max(0, remainingMillis));
            budget = remaining.compareTo(budget) < 0 ? remaining : budget;
        }
        return Deadline.after(budget);
    }

    /** The deadline a keyed request's writes get: the answer must still be recorded after them. */
    public static Deadline keyedWrites(Deadline answer) {
        return answer.earlier(RECORD_RESERVE);
    }

    /** The deadline an Idempotency-Key's claim and recorded answer get: before the response is built. */
    public static Deadline records(Deadline answer) {
        return answer.earlier(RESPONSE_RESERVE);
    }

    /** How long one write may take before {@code deadline}; null when too little is left to start it. */
    public static Duration writeTimeout(Deadline deadline) {
        Duration available = deadline.remaining().minus(RESPONSE_RESERVE);
        return available.compareTo(MIN_WRITE_TIME) < 0 ? null : available;
    }

    /** How long one idempotency record write may take; null when too little is left to send it. */
    public static Duration recordCallTimeout(Deadline deadline) {
        Duration left = deadline.remaining();
        if (left.compareTo(MIN_RECORD_CALL) < 0) {
            return null;
        }
        return left.compareTo(MAX_RECORD_CALL) < 0 ? left : MAX_RECORD_CALL;
    }
}

package dev.sipcredentials.http;

/**
 * What a route answers: the status and body on the wire, the outcome for the request's log line (never a secret,
 * never a name), whether the answer is a replay of an earlier request with the same Idempotency-Key, and the seconds
 * of its {@code Retry-After} header (0: none beyond the 503 default).
 */
public record Reply(int status, String body, String outcome, boolean replayed, long retryAfterSeconds) {

    public Reply(int status, String body, String outcome, boolean replayed) {
        this(status, body, outcome, replayed, 0);
    }

    public static Reply of(int status, String body, String outcome) {
        return new Reply(status, body, outcome, false);
    }

    public Reply withOutcome(String outcome) {
        return new Reply(status, body, outcome, replayed, retryAfterSeconds);
    }

    /** This reply with a {@code Retry-After} of {@code seconds}. */
    public Reply withRetryAfter(long seconds) {
        return new Reply(status, body, outcome, replayed, seconds);
    }

    /** This reply as the refusal a {@link RouteSpec.BodyReader} throws. */
    public Refused refusal() {
        return new Refused(this);
    }

    /** A request refused while its body was read: the reply to send instead. Carries no stack trace. */
    public static final class Refused extends Exception {
        private final transient Reply reply;

        Refused(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }

        public Reply reply() {
            return reply;
        }
    }
}

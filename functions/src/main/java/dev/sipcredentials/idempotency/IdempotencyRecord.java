package dev.sipcredentials.idempotency;

import java.time.Instant;

/**
 * One Idempotency-Key of one tenant: which request body it was first used with (a SHA-256 fingerprint), whose
 * claim it is, and, once completed, the answer to replay.
 *
 * @param scope       the tenant as the store spells it ({@link IdempotencyStore#scopeOf})
 * @param claimToken  unique to the execution that claimed the key
 * @param leaseUntil  a pending record older than this belongs to a request that can no longer be running
 * @param expiresAt   after this the record counts as absent (DynamoDB's TTL deletes it some time later)
 * @param status      the answer's HTTP status; 0 unless COMPLETED
 * @param body        the answer's body; null unless COMPLETED
 */
public record IdempotencyRecord(String scope, String key, String fingerprint, String claimToken, State state,
                                Instant leaseUntil, Instant expiresAt, int status, String body) {

    public enum State {
        /** Claimed by a request that is running (or died; see leaseUntil). */
        PENDING,
        /** The request finished; its answer is replayed for the same key and body. */
        COMPLETED,
        /** The request finished without a lasting answer (5xx): the same key and body may run again. */
        RELEASED
    }

    public IdempotencyRecord completed(int status, String body) {
        return new IdempotencyRecord(scope, key, fingerprint, claimToken, State.COMPLETED, leaseUntil, expiresAt,
                status, body);
    }

    public IdempotencyRecord released() {
        return new IdempotencyRecord(scope, key, fingerprint, claimToken, State.RELEASED, leaseUntil, expiresAt, 0,
                null);
    }

    @Override
    public String toString() {
        // The body can echo Hash1/Hash1b; never print it.
        return "IdempotencyRecord[scope=" + scope + ", state=" + state + ", status=" + status + "]";
    }
}

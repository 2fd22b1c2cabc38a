package dev.sipcredentials.idempotency;

import dev.sipcredentials.provisioning.Tenant;

import java.time.Duration;

/**
 * Where idempotency records are kept. Both calls are single conditional writes (no read first); neither
 * throws for store faults.
 */
public interface IdempotencyStore {

    /**
     * The tenant as this store spells it in its keys ({@link IdempotencyRecord#scope()}). Write tokens are derived
     * from it too, so they stay the same for a key and body as long as the key scheme does.
     */
    String scopeOf(Tenant tenant);

    /**
     * Writes {@code claim} as the key's pending record unless a live record is there. A record is absent for
     * this purpose when it has expired, when it was released (its request ended without a lasting answer) with
     * the same fingerprint, or when it is pending with the same fingerprint but its lease has run out (the
     * request that claimed it died).
     *
     * @return {@link ClaimResult#claimed()} when the claim is now ours; the record found otherwise
     */
    ClaimResult claim(IdempotencyRecord claim, Duration timeout);

    /**
     * Replaces our pending record with its final state ({@code COMPLETED} with the answer, or {@code RELEASED}),
     * only while the record is still ours (same claimToken).
     *
     * @return false when nothing was written (a fault, or the claim was taken over)
     */
    boolean complete(IdempotencyRecord record, Duration timeout);

    /** What a claim found: either the claim is ours, or the live record in the way, or the store failed. */
    record ClaimResult(Kind kind, IdempotencyRecord existing) {
        public enum Kind { CLAIMED, EXISTING, UNAVAILABLE }

        public static ClaimResult claimed() {
            return new ClaimResult(Kind.CLAIMED, null);
        }

        public static ClaimResult existing(IdempotencyRecord record) {
            return new ClaimResult(Kind.EXISTING, record);
        }

        public static ClaimResult unavailable() {
            return new ClaimResult(Kind.UNAVAILABLE, null);
        }
    }
}

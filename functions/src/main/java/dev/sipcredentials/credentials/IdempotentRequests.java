package dev.sipcredentials.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs a create at most once per tenant and {@code Idempotency-Key}: the first request with a key claims it
 * (a conditional write) and records its answer; a repeat with the same body gets that answer again without
 * writing anything; a repeat with another body, or while the first still runs, is refused.
 *
 * <p>Fails closed: when the claim cannot be written the request is not run at all. Answers with a 5xx status
 * are not kept (the key is released), so a retry of a request that stored nothing runs again. Every run of a
 * key and body uses the same write token ({@link #writeToken}), so a run after a crash or a released key
 * recognises the credentials an earlier run of it stored and reports them created, not as duplicates.
 */
public final class IdempotentRequests {
    /** How long a key is remembered (DynamoDB TTL on the record; also checked in code, TTL deletion is lazy). */
    public static final Duration RETENTION = Duration.ofHours(24);
    /** Longer than any request can run (Lambda timeout 29 s): a pending record older than this is abandoned. */
    public static final Duration LEASE = Duration.ofSeconds(60);
    public static final int MAX_KEY_LENGTH = 255;
    /** The most one idempotency write may take; it runs before and after the credential writes. */
    static final Duration MAX_STORE_CALL = Duration.ofSeconds(2);
    static final Duration MIN_STORE_CALL = Duration.ofMillis(100);

    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotentRequests(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The tenant a key belongs to; the same key in another tenant is another key. */
    public record Scope(String value) {
        public static Scope account(String accountId) {
            return new Scope("bw#" + accountId);
        }

        /** UUIDs in any case are one organization (as the grant and the stored ids treat them). */
        public static Scope organization(String vendorId, String organizationId) {
            return new Scope("ds#" + vendorId.toLowerCase(java.util.Locale.ROOT) + "#"
                    + organizationId.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** An answer as it is kept and replayed. */
    public record Response(int status, String body) {
    }

    public enum Kind {
        /** The action ran now; {@code result} is its answer. */
        EXECUTED,
        /** An earlier request with this key and body finished; {@code replayed} is its answer. */
        REPLAYED,
        /** The key was first used with a different body. Nothing ran. */
        KEY_REUSED,
        /** The first request with this key is still running. Nothing ran. */
        IN_PROGRESS,
        /** The key could not be claimed (store fault). Nothing ran. */
        UNAVAILABLE
    }

    /**
     * @param recorded for EXECUTED: whether the answer (or the release of the key) was written; when false the
     *                 key stays pending until its lease ends, and a retry after that runs again
     */
    public record Outcome<R>(Kind kind, R result, Response replayed, boolean recorded) {
    }

    /** 1 to 255 printable ASCII characters, no spaces (as Stripe and the IETF draft's examples use them). */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The write token every run of this key and body uses: 36 characters (it fits DynamoDB's token limits and
     * reads as a UUID), derived, not random, so that a second run recognises the first one's writes.
     */
    public static String writeToken(Scope scope, String key, byte[] request) {
        return UUID.nameUUIDFromBytes((scope.value() + "\n" + key + "\n" + fingerprint(request))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Runs {@code action} unless this key was used before in this scope.
     *
     * @param request  the request as received (decoded body): same key with other bytes is a reuse
     * @param deadline the answer must be ready by then; the claim and the recording each take at most 2 s of it
     * @param action   given the {@link #writeToken}, does the writes and builds the answer
     * @param keep     what of the answer is kept for replay
     */
    public <R> Outcome<R> execute(Scope scope, String key, byte[] request, Deadline deadline,
                                  Function<String, R> action, Function<R, Response> keep) {
        String fingerprint = fingerprint(request);
        Instant now = clock.instant();
        IdempotencyRecord claim = new IdempotencyRecord(scope.value(), key, fingerprint, UUID.randomUUID().toString(),
                IdempotencyRecord.State.PENDING, now.plus(LEASE), now.plus(RETENTION), 0, null);
        Duration claimTime = callTime(deadline);
        if (claimTime == null) {
            return new Outcome<>(Kind.UNAVAILABLE, null, null, false);
        }
        IdempotencyStore.ClaimResult claimed = store.claim(claim, claimTime);
        switch (claimed.kind()) {
            case UNAVAILABLE:
                return new Outcome<>(Kind.UNAVAILABLE, null, null, false);
            case EXISTING:
                IdempotencyRecord existing = claimed.existing();
                if (!existing.claimToken().equals(claim.claimToken())) {
                    return answerFrom(existing, fingerprint);
                }
                // Our own claim, met again by the SDK's retry of a write whose response was lost.
                break;
            case CLAIMED:
            default:
                break;
        }
        R result;
        Response answer;
        try {
            result = action.apply(writeToken(scope, key, request));
            answer = keep.apply(result);
        } catch (RuntimeException | Error e) {
            // A fault of ours: release the key now rather than leave it pending for its whole lease.
            Duration releaseTime = callTime(deadline);
            if (releaseTime != null) {
                store.complete(claim.released(), releaseTime);
            }
            throw e;
        }
        IdempotencyRecord last = answer.status() >= 500 ? claim.released() : claim.completed(answer.status(),
                answer.body());
        Duration recordTime = deadline.remaining().compareTo(MAX_STORE_CALL) < 0 ? deadline.remaining()
                : MAX_STORE_CALL;
        boolean recorded = recordTime.compareTo(MIN_STORE_CALL) >= 0 && store.complete(last, recordTime);
        return new Outcome<>(Kind.EXECUTED, result, null, recorded);
    }

    private <R> Outcome<R> answerFrom(IdempotencyRecord existing, String fingerprint) {
        if (!existing.fingerprint().equals(fingerprint)) {
            return new Outcome<>(Kind.KEY_REUSED, null, null, false);
        }
        if (existing.state() == IdempotencyRecord.State.COMPLETED) {
            return new Outcome<>(Kind.REPLAYED, null, new Response(existing.status(), existing.body()), false);
        }
        // PENDING within its lease. (RELEASED, expired and abandoned records never come back here: the claim's
        // condition treats them as absent and overwrites them.)
        return new Outcome<>(Kind.IN_PROGRESS, null, null, false);
    }

    private static Duration callTime(Deadline deadline) {
        Duration left = deadline.remaining();
        if (left.compareTo(MIN_STORE_CALL) < 0) {
            return null;
        }
        return left.compareTo(MAX_STORE_CALL) < 0 ? left : MAX_STORE_CALL;
    }

    static String fingerprint(byte[] request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

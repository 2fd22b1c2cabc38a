package dev.sipcredentials.idempotency;

import dev.sipcredentials.provisioning.Deadline;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.sealing.ServiceMacKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs a write at most once per tenant and {@code Idempotency-Key}: the first request with a key claims it
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

    /** Marks a fingerprint that is a keyed MAC; a record without it holds a plain SHA-256 (before the MAC). */
    static final String MAC_PREFIX = "m1:";

    private final IdempotencyStore store;
    private final Clock clock;
    private final ServiceMacKey macKey;

    /**
     * @param macKey the service MAC key: fingerprints and write tokens are MACs under its
     *               {@link ServiceMacKey#REQUEST_FINGERPRINT} sub-key, so the secrets a request carries (Hash1/Hash1b,
     *               a password) can be part of what identifies it without becoming an offline password oracle
     */
    public IdempotentRequests(IdempotencyStore store, Clock clock, ServiceMacKey macKey) {
        this.store = store;
        this.clock = clock;
        this.macKey = macKey;
    }

    /** An answer as it is kept and replayed: the status and body the route answered with. */
    public record Answer(int status, String body) {
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
    public record Outcome<R>(Kind kind, R result, Answer replayed, boolean recorded) {
    }

    /**
     * The write token every run of this key and body uses: 36 characters (it fits DynamoDB's token limits and
     * reads as a UUID), derived, not random, so that a second run recognises the first one's writes.
     */
    public String writeToken(Tenant tenant, String key, byte[] request) {
        return writeToken(store.scopeOf(tenant), key, fingerprint(request));
    }

    /** A UUID (v3) of the scope, the key and the MAC fingerprint: without the MAC key it tests no guess. */
    private static String writeToken(String scope, String key, String fingerprint) {
        return UUID.nameUUIDFromBytes((scope + "\n" + key + "\n" + fingerprint)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Runs {@code action} unless this key was used before in this scope.
     *
     * @param request  the request as received (decoded body): same key with other bytes is a reuse
     * @param deadline the claim and the recorded answer must be written by then ({@link TimeBudget#records})
     * @param action   given the {@link #writeToken}, does the writes and builds the answer
     * @param keep     what of the answer is kept for replay
     */
    public <R> Outcome<R> execute(Tenant tenant, String key, byte[] request, Deadline deadline,
                                  Function<String, R> action, Function<R, Answer> keep) {
        String scope = store.scopeOf(tenant);
        Duration claimTime = TimeBudget.recordCallTimeout(deadline);
        if (claimTime == null) {
            return new Outcome<>(Kind.UNAVAILABLE, null, null, false);
        }
        String fingerprint;
        try {
            fingerprint = fingerprint(request);
        } catch (ServiceMacKey.Unavailable e) {
            return new Outcome<>(Kind.UNAVAILABLE, null, null, false);
        }
        Instant now = clock.instant();
        IdempotencyRecord claim = new IdempotencyRecord(scope, key, fingerprint, UUID.randomUUID().toString(),
                IdempotencyRecord.State.PENDING, now.plus(LEASE), now.plus(RETENTION), 0, null);
        IdempotencyStore.ClaimResult claimed = store.claim(claim, claimTime);
        switch (claimed.kind()) {
            case UNAVAILABLE:
                return new Outcome<>(Kind.UNAVAILABLE, null, null, false);
            case EXISTING:
                IdempotencyRecord existing = claimed.existing();
                if (!existing.claimToken().equals(claim.claimToken())) {
                    return answerFrom(existing, fingerprint, request, now);
                }
                // Our own claim, met again by the SDK's retry of a write whose response was lost.
                break;
            case CLAIMED:
            default:
                break;
        }
        R result;
        Answer answer;
        try {
            result = action.apply(writeToken(scope, key, fingerprint));
            answer = keep.apply(result);
        } catch (RuntimeException | Error e) {
            // A fault of ours: release the key now rather than leave it pending for its whole lease.
            Duration releaseTime = TimeBudget.recordCallTimeout(deadline);
            if (releaseTime != null) {
                store.complete(claim.released(), releaseTime);
            }
            throw e;
        }
        IdempotencyRecord last = answer.status() >= 500 ? claim.released() : claim.completed(answer.status(),
                answer.body());
        Duration recordTime = TimeBudget.recordCallTimeout(deadline);
        boolean recorded = recordTime != null && store.complete(last, recordTime);
        return new Outcome<>(Kind.EXECUTED, result, null, recorded);
    }

    private <R> Outcome<R> answerFrom(IdempotencyRecord existing, String fingerprint, byte[] request, Instant now) {
        if (!existing.fingerprint().equals(fingerprint)) {
            if (isLegacy(existing) && existing.fingerprint().equals(legacyFingerprint(request))) {
                return answerFromLegacy(existing, now);
            }
            return new Outcome<>(Kind.KEY_REUSED, null, null, false);
        }
        if (existing.state() == IdempotencyRecord.State.COMPLETED) {
            return new Outcome<>(Kind.REPLAYED, null, new Answer(existing.status(), existing.body()), false);
        }
        // PENDING within its lease. (RELEASED, expired and abandoned records never come back here: the claim's
        // condition treats them as absent and overwrites them.)
        return new Outcome<>(Kind.IN_PROGRESS, null, null, false);
    }

    /**
     * A record written before fingerprints were MACs (a plain SHA-256 in hex), kept at most {@link #RETENTION} after
     * the deploy. Its completed answer is still replayed for the same body; one pending within its lease is still
     * in progress; one released or abandoned cannot be claimed again (the claim's condition compares fingerprints),
     * so it is refused as reused until it expires: the client uses a new key.
     */
    private static <R> Outcome<R> answerFromLegacy(IdempotencyRecord existing, Instant now) {
        if (existing.state() == IdempotencyRecord.State.COMPLETED) {
            return new Outcome<>(Kind.REPLAYED, null, new Answer(existing.status(), existing.body()), false);
        }
        if (existing.state() == IdempotencyRecord.State.PENDING && now.isBefore(existing.leaseUntil())) {
            return new Outcome<>(Kind.IN_PROGRESS, null, null, false);
        }
        return new Outcome<>(Kind.KEY_REUSED, null, null, false);
    }

    private static boolean isLegacy(IdempotencyRecord record) {
        return !record.fingerprint().startsWith(MAC_PREFIX);
    }

    /** {@value #MAC_PREFIX} and the base64url HMAC-SHA256 of the request under the fingerprint sub-key. */
    String fingerprint(byte[] request) {
        return MAC_PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(macKey.mac(ServiceMacKey.REQUEST_FINGERPRINT, request));
    }

    /** What records written before the MAC hold: computed only to compare with one of them, never stored. */
    static String legacyFingerprint(byte[] request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package dev.sipcredentials.sealing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The service's one MAC key (32 random bytes, kept wrapped in the table, see {@code store.ServiceKeyItem}) and the
 * sub-keys derived from it per purpose ({@link #REQUEST_FINGERPRINT}, {@link #LISTING_CURSOR}). What it MACs (a
 * request with its secrets, a listing position) is worthless to someone who can read the table or a backup: without
 * the key, which only KMS (or the local master key) unwraps, no guess can be checked against a stored value.
 *
 * <p>The plaintext is fetched once and kept for {@link #CACHE_PERIOD}: at most one unwrap (one KMS Decrypt) per
 * function instance per period, never one per request; after it the next use unwraps again, so a revoked Decrypt
 * takes effect within the period. A failed unwrap is {@link Unavailable}: the pipeline answers it as a store fault
 * (503, nothing written) and the next request tries again.
 */
public final class ServiceMacKey {
    /** The sub-key of Idempotency-Key fingerprints and write tokens. */
    public static final String REQUEST_FINGERPRINT = "request-fingerprint";
    /** The sub-key of deepslate's listing cursors. */
    public static final String LISTING_CURSOR = "listing-cursor";
    /** How long an unwrapped key is used before it is unwrapped again (at most 5 min, as the design asks). */
    public static final Duration CACHE_PERIOD = Duration.ofMinutes(5);
    private static final String HMAC = "HmacSHA256";

    private final Supplier<byte[]> unwrap;
    private final Clock clock;
    private volatile Unwrapped current;

    /** The plaintext root key and its sub-keys, valid until {@code until}. */
    private record Unwrapped(Map<String, SecretKeySpec> subKeys, byte[] root, Instant until) {
    }

    /**
     * @param unwrap gives the 32-byte plaintext key (reads the wrapped key from the table, creating it on first use,
     *               and unwraps it); called at most once per {@link #CACHE_PERIOD}
     */
    public ServiceMacKey(Supplier<byte[]> unwrap, Clock clock) {
        this.unwrap = unwrap;
        this.clock = clock;
    }

    /** A key that lives in memory only, for SnapStart priming and tests: MACs made with it verify nowhere else. */
    public static ServiceMacKey ephemeral() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ServiceMacKey(key::clone, Clock.systemUTC());
    }

    /** HMAC-SHA256 of {@code data} under the sub-key of {@code purpose}. */
    public byte[] mac(String purpose, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(subKey(purpose));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** The sub-key of {@code purpose} as an AES-256 key (for what must be hidden, not only authenticated). */
    public SecretKeySpec encryptionKey(String purpose) {
        return new SecretKeySpec(subKey(purpose).getEncoded(), "AES");
    }

    private SecretKeySpec subKey(String purpose) {
        Instant now = clock.instant();
        Unwrapped key = current;
        if (key == null || !now.isBefore(key.until())) {
            synchronized (this) {
                key = current;
                if (key == null || !now.isBefore(key.until())) {
                    byte[] root;
                    try {
                        root = unwrap.get();
                    } catch (RuntimeException e) {
                        throw new Unavailable(e);
                    }
                    if (root == null || root.length != 32) {
                        throw new Unavailable(null);
                    }
                    // The old plaintext is not zeroed: a request may still be deriving from it.
                    key = new Unwrapped(new ConcurrentHashMap<>(), root, now.plus(CACHE_PERIOD));
                    current = key;
                }
            }
        }
        byte[] root = key.root();
        return key.subKeys().computeIfAbsent(purpose, p -> new SecretKeySpec(expand(root, p), HMAC));
    }

    /**
     * HKDF-Expand (RFC 5869) to one 32-byte block: HMAC(root, info || 0x01). The root key is already uniformly random
     * (KMS or SecureRandom), so the Extract step adds nothing.
     */
    static byte[] expand(byte[] root, String info) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(root, HMAC));
            mac.update(info.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** The key could not be read or unwrapped (table or KMS fault): nothing that needs it can run now. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("the service MAC key is unavailable", cause);
        }
    }
}

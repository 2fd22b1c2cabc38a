package dev.sipcredentials.sealing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * SnapStart priming of the envelope encryption: one seal and one open through {@link EnvelopePasswordSealer} with a
 * throwaway in-memory data key, so that AES-GCM's classes are loaded and linked before the snapshot. Route priming
 * stops before the store (no time left), so without this the first password after a restore would pay for them.
 * The key is random, used once and dropped: nothing of it is in the snapshot that could open a real record, and no
 * KMS call is made.
 */
public final class CipherPriming {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CipherPriming() {
    }

    /**
     * Never throws; true when the sealed text opened to what was sealed. Walks the whole key hierarchy in memory (a
     * throwaway tenant key pair from a throwaway local vault, an epoch by ECDH and HKDF, AES-GCM both ways), so the EC,
     * ECDH, HMAC and GCM classes are loaded before the snapshot.
     */
    public static boolean prime() {
        byte[] master = new byte[32];
        RANDOM.nextBytes(master);
        java.util.Map<String, TenantKeyring.TenantKey> keys = new java.util.concurrent.ConcurrentHashMap<>();
        TenantKeyring.Store memory = new TenantKeyring.Store() {
            @Override
            public java.util.Optional<TenantKeyring.TenantKey> current(String scope) {
                return java.util.Optional.ofNullable(keys.get(scope));
            }

            @Override
            public java.util.Optional<TenantKeyring.TenantKey> version(String scope, int version) {
                return current(scope).filter(k -> k.version() == version);
            }

            @Override
            public boolean add(String scope, TenantKeyring.TenantKey key, int expectedCurrent) {
                return keys.putIfAbsent(scope, key) == null;
            }
        };
        try {
            EnvelopePasswordSealer sealer = new EnvelopePasswordSealer(new TenantKeyring(memory,
                    KeyPairVault.local(master), java.time.Clock.systemUTC(), TenantKeyring.MAX_CACHE_PERIOD), null);
            byte[] aad = "priming".getBytes(StandardCharsets.UTF_8);
            return "priming".equals(sealer.open("prime#", sealer.seal("prime#", "priming", aad), aad));
        } catch (RuntimeException e) {
            return false;
        }
    }
}

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

    /** Never throws; true when the sealed text opened to what was sealed. */
    public static boolean prime() {
        DataKeyProvider throwaway = new DataKeyProvider() {
            private final byte[] key = new byte[32];

            @Override
            public DataKey newDataKey(String context) {
                RANDOM.nextBytes(key);
                return new DataKey("priming", key.clone(), new byte[0]);
            }

            @Override
            public byte[] unwrap(String keyId, byte[] wrappedDataKey, String context) {
                return key.clone();
            }
        };
        try {
            EnvelopePasswordSealer sealer = new EnvelopePasswordSealer(throwaway);
            byte[] aad = "priming".getBytes(StandardCharsets.UTF_8);
            return "priming".equals(sealer.open(sealer.seal("priming", aad), aad));
        } catch (RuntimeException e) {
            return false;
        }
    }
}

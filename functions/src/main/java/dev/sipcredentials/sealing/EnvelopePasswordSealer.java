package dev.sipcredentials.sealing;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Envelope encryption of passwords: AES-256-GCM (random 96-bit nonce, 128-bit tag, the record's AAD) under a data key
 * of the organization's key hierarchy ({@link TenantKeyring}); the item keeps the key id ({@code tenant-key/vN}) and
 * the epoch's public key as its "wrapped data key". Passwords sealed before the hierarchy (one KMS data key each) still
 * open with {@code perItemKeys}.
 */
public final class EnvelopePasswordSealer implements PasswordSealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantKeyring tenantKeys;
    private final DataKeyProvider perItemKeys;

    /**
     * @param tenantKeys  seals every new password (the organization's key hierarchy: no KMS call per password)
     * @param perItemKeys opens passwords sealed with one KMS data key each (before the key hierarchy)
     */
    public EnvelopePasswordSealer(TenantKeyring tenantKeys, DataKeyProvider perItemKeys) {
        this.tenantKeys = tenantKeys;
        this.perItemKeys = perItemKeys;
    }

    @Override
    public SealedPassword seal(String tenant, String password, byte[] aad) {
        DataKeyProvider.DataKey dataKey = tenantKeys.sealingKey(tenant);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] plaintext = password.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey.plaintext(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return new SealedPassword(SealedPassword.AES_256_GCM, dataKey.keyId(), dataKey.wrapped(), nonce, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new SealException("cannot encrypt the password", e);
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public String open(String tenant, SealedPassword sealed, byte[] aad) {
        if (!SealedPassword.AES_256_GCM.equals(sealed.algorithm())) {
            throw new SealException("unknown algorithm", null);
        }
        byte[] dataKey = TenantKeyring.isTenantKey(sealed.keyId())
                ? tenantKeys.openingKey(tenant, sealed.keyId(), sealed.wrappedDataKey())
                : perItemKeys.unwrap(sealed.keyId(), sealed.wrappedDataKey(), context(aad));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad);
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealException("the password does not authenticate (tampered, or another record's)", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The wrapped key is bound to the same record as the ciphertext. */
    private static String context(byte[] aad) {
        return Base64.getEncoder().encodeToString(aad);
    }
}

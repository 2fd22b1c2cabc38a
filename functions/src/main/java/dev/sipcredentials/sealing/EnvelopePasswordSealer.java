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
 * Envelope encryption: each password gets its own data key from the {@link DataKeyProvider}, is encrypted with it
 * under AES-256-GCM (random 96-bit nonce, 128-bit tag, the record's AAD), and only the wrapped data key is kept.
 */
public final class EnvelopePasswordSealer implements PasswordSealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataKeyProvider keys;

    public EnvelopePasswordSealer(DataKeyProvider keys) {
        this.keys = keys;
    }

    @Override
    public SealedPassword seal(String password, byte[] aad) {
        DataKeyProvider.DataKey dataKey = keys.newDataKey(context(aad));
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
    public String open(SealedPassword sealed, byte[] aad) {
        if (!SealedPassword.AES_256_GCM.equals(sealed.algorithm())) {
            throw new SealException("unknown algorithm", null);
        }
        byte[] dataKey = keys.unwrap(sealed.keyId(), sealed.wrappedDataKey(), context(aad));
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

package dev.sipcredentials.sealing;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * KMS stand-in for the local stack: a 256-bit master key read from a file (base64) wraps each data key with
 * AES-256-GCM (nonce || ciphertext+tag), the record's context as AAD. The key id names the master key by fingerprint,
 * so an item wrapped under another local key is recognised as such, never mis-decrypted.
 */
public final class LocalMasterKeyProvider implements DataKeyProvider {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec masterKey;
    private final String keyId;

    public LocalMasterKeyProvider(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the local master key must be 32 bytes");
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(masterKey);
            this.keyId = "local:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LocalMasterKeyProvider fromFile(Path file) {
        try {
            return new LocalMasterKeyProvider(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local master key file", e);
        }
    }

    /** The key itself, for a local tool that derives another local key from the same file. */
    public byte[] masterKeyBytes() {
        return masterKey.getEncoded();
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public DataKey newDataKey(String context) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] wrapped = cipher.doFinal(dataKey);
            return new DataKey(keyId, dataKey, ByteBuffer.allocate(NONCE_BYTES + wrapped.length).put(nonce).put(wrapped).array());
        } catch (GeneralSecurityException e) {
            throw new PasswordSealer.SealException("cannot wrap a data key", e);
        }
    }

    @Override
    public byte[] unwrap(String keyId, byte[] wrappedDataKey, String context) {
        if (!this.keyId.equals(keyId) || wrappedDataKey.length <= NONCE_BYTES) {
            throw new PasswordSealer.SealException("the data key was not wrapped by this local master key", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey,
                    new GCMParameterSpec(128, Arrays.copyOfRange(wrappedDataKey, 0, NONCE_BYTES)));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(wrappedDataKey, NONCE_BYTES, wrappedDataKey.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new PasswordSealer.SealException("the wrapped data key does not authenticate", e);
        }
    }

    /**
     * AAD {@code service-key|purpose=<purpose>}: no record context can spell it (those are base64, or start with
     * {@code sip-credentials/}), so a service key never opens as a record's data key, nor the reverse.
     */
    @Override
    public DataKey newWrappedServiceKey(String purpose) {
        DataKey key = newDataKey(serviceContext(purpose));
        Arrays.fill(key.plaintext(), (byte) 0);
        return new DataKey(key.keyId(), null, key.wrapped());
    }

    @Override
    public byte[] unwrapServiceKey(String keyId, byte[] wrappedKey, String purpose) {
        return unwrap(keyId, wrappedKey, serviceContext(purpose));
    }

    private static String serviceContext(String purpose) {
        return "service-key|purpose=" + purpose;
    }
}

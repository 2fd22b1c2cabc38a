package dev.sipcredentials.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairWithoutPlaintextResponse;

/**
 * Where tenant key pairs come from and where their private halves are opened: AWS KMS deployed
 * ({@code GenerateDataKeyPairWithoutPlaintext} for a writer, which never sees the private key; {@code Decrypt} for a
 * reader), a local master key in tests that run without a KMS endpoint. The encryption context is bound into the
 * wrapped private key, so a wrapped key copied to another tenant or version does not open there.
 */
public interface KeyPairVault {

    /** A new P-256 key pair: the public key (DER SubjectPublicKeyInfo) and the private key wrapped (never in clear). */
    WrappedKeyPair newKeyPair(Map<String, String> context);

    /** The private key (DER PKCS#8) of a wrapped key pair: needs kms:Decrypt under the same context. */
    byte[] privateKey(byte[] wrappedPrivateKey, Map<String, String> context);

    record WrappedKeyPair(String keyId, byte[] publicKey, byte[] wrappedPrivateKey) {
    }

    /** KMS: a writer's role needs GenerateDataKeyPairWithoutPlaintext, a reader's Decrypt, both held to the context. */
    static KeyPairVault kms(KmsClient kms, String keyId) {
        return new KeyPairVault() {
            @Override
            public WrappedKeyPair newKeyPair(Map<String, String> context) {
                GenerateDataKeyPairWithoutPlaintextResponse pair = kms.generateDataKeyPairWithoutPlaintext(r -> r
                        .keyId(keyId).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256).encryptionContext(context));
                return new WrappedKeyPair(pair.keyId(), pair.publicKey().asByteArray(),
                        pair.privateKeyCiphertextBlob().asByteArray());
            }

            /** Decrypt with the configured key only: a blob wrapped under another key fails, whatever the item says. */
            @Override
            public byte[] privateKey(byte[] wrappedPrivateKey, Map<String, String> context) {
                return kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrappedPrivateKey))
                        .encryptionContext(context)).plaintext().asByteArray();
            }
        };
    }

    /**
     * A 256-bit master key in this process wraps each private key with AES-256-GCM (nonce || ciphertext+tag), the
     * canonical context as AAD: for unit tests and tools that run without a KMS endpoint.
     */
    static KeyPairVault local(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the local master key must be 32 bytes");
        }
        SecretKeySpec key = new SecretKeySpec(masterKey.clone(), "AES");
        String keyId;
        try {
            keyId = "local:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(masterKey), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        SecureRandom random = new SecureRandom();
        return new KeyPairVault() {
            @Override
            public WrappedKeyPair newKeyPair(Map<String, String> context) {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    KeyPair pair = generator.generateKeyPair();
                    byte[] nonce = new byte[12];
                    random.nextBytes(nonce);
                    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                    cipher.updateAAD(canonical(context));
                    byte[] privateKey = pair.getPrivate().getEncoded();
                    byte[] wrapped = cipher.doFinal(privateKey);
                    Arrays.fill(privateKey, (byte) 0);
                    return new WrappedKeyPair(keyId, pair.getPublic().getEncoded(),
                            ByteBuffer.allocate(12 + wrapped.length).put(nonce).put(wrapped).array());
                } catch (GeneralSecurityException e) {
                    throw new PasswordSealer.SealException("cannot make a tenant key pair", e);
                }
            }

            @Override
            public byte[] privateKey(byte[] wrappedPrivateKey, Map<String, String> context) {
                try {
                    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrappedPrivateKey, 0, 12));
                    cipher.updateAAD(canonical(context));
                    return cipher.doFinal(wrappedPrivateKey, 12, wrappedPrivateKey.length - 12);
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new PasswordSealer.SealException("the wrapped tenant key does not authenticate", e);
                }
            }
        };
    }

    private static byte[] canonical(Map<String, String> context) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(context).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}

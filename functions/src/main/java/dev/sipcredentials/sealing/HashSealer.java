package dev.sipcredentials.sealing;

import dev.sipcredentials.provisioning.AccountCredential;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Hash1 and Hash1b at rest. HA1 = MD5(user:realm:password) answers any digest challenge, so it is as secret as a
 * password and sealed the same way ({@link EnvelopePasswordSealer}): one fresh data key per item from the
 * {@link DataKeyProvider} (KMS deployed: GenerateDataKey only), AES-256-GCM per field with its own random nonce.
 *
 * <p>Binding (v{@value #CURRENT_VERSION}): the data key's context is
 * {@code sip-credentials/hash/v1|accountId|name}, each field's AAD {@code sip-credentials/hash/v1|accountId|field|name}
 * ({@code field} = hash1 or hash1b, {@code name} = the composite name lower-cased). A ciphertext copied to another
 * account, another name, or the other field does not open. Account ids cannot contain '|' and the free-form name
 * comes last, so the fields cannot be shifted.
 *
 * <p>Legacy items (written before hashes were sealed) hold {@code hash1}/{@code hash1b} in clear and no
 * {@value #VERSION_ATTRIBUTE}: {@link #open} returns those as they are. They stay readable until rewritten; a
 * migration re-puts each with {@link #seal} (see README, Security).
 */
public final class HashSealer {
    public static final String VERSION_ATTRIBUTE = "hashAadVersion";
    public static final String CURRENT_VERSION = "1";
    public static final String KEY_ID = "hashKeyId";
    public static final String DATA_KEY = "hashDataKey";
    public static final String ALGORITHM = "hashAlgorithm";
    public static final String HASH1 = "hash1";
    public static final String HASH1B = "hash1b";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataKeyProvider keys;

    public HashSealer(DataKeyProvider keys) {
        this.keys = keys;
    }

    /** Keys as the settings say, resolved on the first hash (see {@link PasswordSealers}). */
    public static HashSealer fromSettings() {
        return new HashSealer(new LazyDataKeys());
    }

    /** The hashes in clear, for the read path. Never logged: {@link #toString()} hides them. */
    public record Hashes(String hash1, String hash1b) {
        @Override
        public String toString() {
            return "Hashes[sealed]";
        }
    }

    /**
     * The attributes that stand for the credential's hashes in its item: algorithm, key id, wrapped data key, and
     * per field a nonce and a ciphertext ({@code hash1Nonce}, {@code hash1Ciphertext}, ...). Never the hashes.
     */
    public Map<String, AttributeValue> seal(String accountId, AccountCredential credential) {
        String name = credential.name();
        DataKeyProvider.DataKey dataKey = keys.newDataKey(context(accountId, name));
        Map<String, AttributeValue> sealed = new HashMap<>(10);
        try {
            sealed.put(ALGORITHM, AttributeValue.fromS(SealedPassword.AES_256_GCM));
            sealed.put(KEY_ID, AttributeValue.fromS(dataKey.keyId()));
            sealed.put(DATA_KEY, bytes(dataKey.wrapped()));
            sealed.put(VERSION_ATTRIBUTE, AttributeValue.fromS(CURRENT_VERSION));
            sealField(sealed, dataKey.plaintext(), accountId, name, HASH1, credential.hash1());
            if (credential.hash1b() != null) {
                sealField(sealed, dataKey.plaintext(), accountId, name, HASH1B, credential.hash1b());
            }
            return sealed;
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    /**
     * The hashes of a stored Bandwidth credential item; needs a key provider allowed to unwrap (kms:Decrypt).
     * The binding is recomputed from the item's own {@code accountId} and {@code name}.
     *
     * @throws PasswordSealer.SealException when a ciphertext does not authenticate or the version is unknown
     */
    public Hashes open(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION_ATTRIBUTE);
        if (version == null) {
            // Legacy: written in clear before hashes were sealed.
            return new Hashes(text(item.get(HASH1)), text(item.get(HASH1B)));
        }
        if (!CURRENT_VERSION.equals(version.s())
                || !SealedPassword.AES_256_GCM.equals(text(item.get(ALGORITHM)))) {
            throw new PasswordSealer.SealException("unknown hash AAD version or algorithm", null);
        }
        String accountId = item.get("accountId").s();
        String name = item.get("name").s();
        byte[] dataKey = keys.unwrap(item.get(KEY_ID).s(), item.get(DATA_KEY).b().asByteArray(),
                context(accountId, name));
        try {
            return new Hashes(openField(item, dataKey, accountId, name, HASH1),
                    item.containsKey(HASH1B + "Ciphertext") ? openField(item, dataKey, accountId, name, HASH1B) : null);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public static String context(String accountId, String name) {
        return Base64.getEncoder().encodeToString(("sip-credentials/hash/v1|" + accountId + "|"
                + name.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] aad(String accountId, String field, String name) {
        return ("sip-credentials/hash/v1|" + accountId + "|" + field + "|" + name.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void sealField(Map<String, AttributeValue> sealed, byte[] key, String accountId, String name,
                                  String field, String hash) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] plaintext = hash.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(accountId, field, name));
            sealed.put(field + "Nonce", bytes(nonce));
            sealed.put(field + "Ciphertext", bytes(cipher.doFinal(plaintext)));
        } catch (GeneralSecurityException e) {
            throw new PasswordSealer.SealException("cannot encrypt the hash", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static String openField(Map<String, AttributeValue> item, byte[] key, String accountId, String name,
                                    String field) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, item.get(field + "Nonce").b().asByteArray()));
            cipher.updateAAD(aad(accountId, field, name));
            return new String(cipher.doFinal(item.get(field + "Ciphertext").b().asByteArray()),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new PasswordSealer.SealException("the hash does not authenticate (tampered, or another item's)", e);
        }
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static AttributeValue bytes(byte[] value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }
}

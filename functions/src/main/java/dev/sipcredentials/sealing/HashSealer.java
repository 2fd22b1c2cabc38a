package dev.sipcredentials.sealing;

import dev.sipcredentials.provisioning.SipUserPart;

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
 * password. Each field is sealed with AES-256-GCM under a data key of the tenant's key hierarchy
 * ({@link TenantKeyring}: an epoch key derived from the account's public key, so a writer makes no KMS call and cannot
 * open what others sealed), with its own random nonce.
 *
 * <p>Binding: each field's AAD is {@code sip-credentials/hash/v1|accountId|field|name} ({@code field} = hash1 or
 * hash1b, {@code name} = the composite name lower-cased), and the data key is the account's. {@link #open} rebuilds
 * both from the account and name the <em>request</em> asked for, never from the item's attributes: a ciphertext
 * copied to another account, another name, or the other field does not open. Account ids cannot contain '|' and the
 * free-form name comes last, so the fields cannot be shifted.
 *
 * <p>Older items: those sealed with one KMS data key per item ({@code hashKeyId} a KMS key, {@code hashDataKey} its
 * wrapped data key) open with kms:Decrypt under {@code context(accountId, name)}, one call per item, until the
 * {@code reseal} command (or a PUT) seals them under the tenant key. Legacy items written before hashes were sealed
 * hold {@code hash1}/{@code hash1b} in clear and no {@value #VERSION_ATTRIBUTE}: {@link #open} returns those as they
 * are, until re-sealed the same way.
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

    private final TenantKeyring tenantKeys;
    private final DataKeyProvider perItemKeys;

    /**
     * @param tenantKeys  seals every new value and opens those it sealed
     * @param perItemKeys opens values sealed with one KMS data key per item (before the key hierarchy)
     */
    public HashSealer(TenantKeyring tenantKeys, DataKeyProvider perItemKeys) {
        this.tenantKeys = tenantKeys;
        this.perItemKeys = perItemKeys;
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
        DataKeyProvider.DataKey dataKey = tenantKeys.sealingKey(scope(accountId));
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
     * The hashes of a stored Bandwidth credential item of account {@code accountId} whose name has the uniqueness key
     * {@code uniquenessKey}, both as the request addressed it (the item's table or index key), never as the item
     * says: the item's own name must have that uniqueness key, and the AAD is rebuilt with that name and the
     * requested account, so a value copied to another account or name does not open. Opened by the account's key
     * hierarchy (kms:Decrypt deployed, at most once per account per cache period) or, for an older item, its own
     * data key.
     *
     * @throws PasswordSealer.SealException when a ciphertext does not authenticate (tampered, copied from another
     *                                      account or name) or the version is unknown
     */
    public Hashes open(Map<String, AttributeValue> item, String accountId, String uniquenessKey) {
        String name = text(item.get("name"));
        if (name == null || !SipUserPart.canonical(name).toLowerCase(Locale.ROOT).equals(uniquenessKey)) {
            throw new PasswordSealer.SealException("the item does not hold the credential its key names (tampered)", null);
        }
        AttributeValue version = item.get(VERSION_ATTRIBUTE);
        if (version == null) {
            // Legacy: written in clear before hashes were sealed.
            return new Hashes(text(item.get(HASH1)), text(item.get(HASH1B)));
        }
        if (!CURRENT_VERSION.equals(version.s())
                || !SealedPassword.AES_256_GCM.equals(text(item.get(ALGORITHM)))) {
            throw new PasswordSealer.SealException("unknown hash AAD version or algorithm", null);
        }
        String keyId = text(item.get(KEY_ID));
        AttributeValue wrapped = item.get(DATA_KEY);
        if (keyId == null || wrapped == null || wrapped.b() == null) {
            throw new PasswordSealer.SealException("the item's sealed hashes are incomplete", null);
        }
        byte[] dataKey = TenantKeyring.isTenantKey(keyId)
                ? tenantKeys.openingKey(scope(accountId), keyId, wrapped.b().asByteArray())
                : perItemKeys.unwrap(keyId, wrapped.b().asByteArray(), context(accountId, name));
        try {
            return new Hashes(openField(item, dataKey, accountId, name, HASH1),
                    item.containsKey(HASH1B + "Ciphertext") ? openField(item, dataKey, accountId, name, HASH1B) : null);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The account's key scope: the same prefix its items' keys have. */
    static String scope(String accountId) {
        return "bw#" + accountId;
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

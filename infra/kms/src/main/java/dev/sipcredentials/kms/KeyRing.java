package dev.sipcredentials.kms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The endpoint's symmetric keys and aliases, and the ciphertext blobs they make.
 *
 * <p>A blob names its key, so Decrypt needs no KeyId (as with KMS's symmetric keys):
 * {@code 0x01 | key-id length (1 byte) | key id (ASCII) | 12-byte nonce | AES-256-GCM ciphertext and tag}. The GCM
 * additional data binds the key id and the encryption context (sorted by key, each key and value length-prefixed
 * UTF-8): a blob only decrypts under the context it was made with, else InvalidCiphertextException.
 */
final class KeyRing {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One symmetric encryption key. */
    record Key(String id, String arn, SecretKeySpec material, long creationEpochSeconds, String description) {
        @Override
        public String toString() {
            return "Key[" + arn + "]"; // never the material
        }
    }

    /** An alias and the key it names. */
    record Alias(String name, String arn, String targetKeyId, long creationEpochSeconds) {}

    /** What Decrypt recovered, and under which key. */
    record Opened(Key key, byte[] plaintext) {}

    private final String region;
    private final String account;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Map<String, Alias> aliases = new ConcurrentHashMap<>();

    KeyRing(String region, String account) {
        this.region = region;
        this.account = account;
    }

    String arnPrefix() {
        return "arn:aws:kms:" + region + ":" + account + ":";
    }

    String account() {
        return account;
    }

    /**
     * Adds a key whose material the caller keeps (the local stack's state directory): its id is derived from the
     * material, so after a restart with the same material the blobs made before name a key that exists again.
     */
    Key addPersistent(byte[] material, String description) {
        if (material.length != 32) {
            throw new IllegalArgumentException("key material must be 32 bytes");
        }
        UUID id;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("sip-credentials local kms key id".getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest(material);
            ByteBuffer b = ByteBuffer.wrap(digest);
            long high = (b.getLong() & ~0xF000L) | 0x4000L; // version 4 layout, like KMS's key ids
            long low = (b.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            id = new UUID(high, low);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return add(id.toString(), material, description);
    }

    /** CreateKey: fresh random material, kept in memory only. */
    Key create(String description) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return add(UUID.randomUUID().toString(), material, description);
    }

    private Key add(String id, byte[] material, String description) {
        Key key = new Key(id, arnPrefix() + "key/" + id, new SecretKeySpec(material.clone(), "AES"),
                System.currentTimeMillis() / 1000, description == null ? "" : description);
        Key earlier = keys.putIfAbsent(id, key);
        return earlier != null ? earlier : key;
    }

    /** CreateAlias. */
    void alias(String name, String targetKeyId) {
        if (name == null) {
            throw KmsException.invalid("aliasName", null, "not be null");
        }
        if (!name.startsWith("alias/") || name.length() <= "alias/".length() || name.length() > 256
                || !name.substring("alias/".length()).matches("[a-zA-Z0-9:/_-]+")) {
            throw KmsException.invalid("aliasName", name, "satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        }
        if (name.startsWith("alias/aws/")) {
            throw new KmsException("NotAuthorizedException", "Cannot create alias with prefix 'alias/aws/'");
        }
        Key target = resolve(targetKeyId, "targetKeyId");
        Alias alias = new Alias(name, arnPrefix() + name, target.id(), System.currentTimeMillis() / 1000);
        if (aliases.putIfAbsent(name, alias) != null) {
            throw new KmsException(KmsException.ALREADY_EXISTS, "An alias with the name " + arnPrefix() + name
                    + " already exists");
        }
    }

    List<Alias> aliases() {
        List<Alias> all = new ArrayList<>(aliases.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    /** A key named by id, key ARN, alias name or alias ARN, as every KMS operation accepts them. */
    Key resolve(String identifier, String member) {
        if (identifier == null) {
            throw KmsException.invalid(member, null, "not be null");
        }
        if (identifier.isEmpty() || identifier.length() > 2048) {
            throw KmsException.invalid(member, identifier, "have length between 1 and 2048");
        }
        String aliasName = null;
        if (identifier.startsWith("alias/")) {
            aliasName = identifier;
        } else if (identifier.startsWith("arn:") && identifier.contains(":alias/")) {
            aliasName = identifier.substring(identifier.indexOf(":alias/") + 1);
            if (!identifier.startsWith(arnPrefix())) {
                throw notFoundAlias(identifier);
            }
        }
        if (aliasName != null) {
            Alias alias = aliases.get(aliasName);
            if (alias == null) {
                throw notFoundAlias(arnPrefix() + aliasName);
            }
            return keys.get(alias.targetKeyId());
        }
        String id = identifier;
        if (identifier.startsWith("arn:")) {
            if (!identifier.startsWith(arnPrefix() + "key/")) {
                throw new KmsException(KmsException.NOT_FOUND, "Key '" + identifier + "' does not exist");
            }
            id = identifier.substring((arnPrefix() + "key/").length());
        }
        Key key = keys.get(id);
        if (key == null) {
            throw new KmsException(KmsException.NOT_FOUND, "Key '" + arnPrefix() + "key/" + id + "' does not exist");
        }
        return key;
    }

    private static KmsException notFoundAlias(String arn) {
        return new KmsException(KmsException.NOT_FOUND, "Alias " + arn + " is not found.");
    }

    /** Encrypts under {@code key}, the blob bound to the key and the context. */
    byte[] seal(Key key, byte[] plaintext, Map<String, String> context) {
        byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.material(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(additionalData(key.id(), context));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(2 + id.length + NONCE_BYTES + sealed.length)
                    .put(VERSION).put((byte) id.length).put(id).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new KmsException(KmsException.INTERNAL, "The request failed due to an internal error.");
        }
    }

    /**
     * Decrypts a blob of ours under the key it names; a blob that is not ours, was altered, or was made under
     * another encryption context is InvalidCiphertextException, and one whose key is gone NotFoundException.
     */
    Opened open(byte[] blob, Map<String, String> context) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        if (blob.length < 2 + NONCE_BYTES + TAG_BITS / 8 || in.get() != VERSION) {
            throw invalidCiphertext();
        }
        int idLength = in.get() & 0xFF;
        if (in.remaining() < idLength + NONCE_BYTES + TAG_BITS / 8) {
            throw invalidCiphertext();
        }
        byte[] id = new byte[idLength];
        in.get(id);
        Key key = keys.get(new String(id, StandardCharsets.US_ASCII));
        if (key == null) {
            throw invalidCiphertext(); // not a key of this endpoint: as KMS, which cannot tell whose it is
        }
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.material(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(additionalData(key.id(), context));
            return new Opened(key, cipher.doFinal(blob, in.position(), in.remaining()));
        } catch (GeneralSecurityException e) {
            throw invalidCiphertext();
        }
    }

    private static KmsException invalidCiphertext() {
        // KMS gives no reason (a wrong context and a corrupt blob look alike to the caller, on purpose).
        return new KmsException(KmsException.INVALID_CIPHERTEXT, null);
    }

    private static byte[] additionalData(String keyId, Map<String, String> context) {
        TreeMap<String, String> sorted = new TreeMap<>(context);
        List<byte[]> parts = new ArrayList<>();
        parts.add(keyId.getBytes(StandardCharsets.UTF_8));
        sorted.forEach((k, v) -> {
            parts.add(k.getBytes(StandardCharsets.UTF_8));
            parts.add(v.getBytes(StandardCharsets.UTF_8));
        });
        int size = 0;
        for (byte[] p : parts) {
            size += 4 + p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] p : parts) {
            out.putInt(p.length).put(p);
        }
        return out.array();
    }
}

package dev.sipcredentials.sealing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key hierarchy: one P-256 key pair per tenant (and version), the KMS key above it, AES-256-GCM data keys below.
 *
 * <ul>
 *   <li><b>Writers</b> hold only the tenant's public key (one table read per cache period) and an <em>epoch</em>: an
 *       ephemeral key pair of their own, made locally, whose ECDH with the tenant's public key gives the data key
 *       (HKDF-SHA256). The ephemeral private key lives in memory for one cache period and is then dropped, so a writer
 *       can open only what it sealed itself within the current period. Its role has no kms:Decrypt for tenant keys.
 *       A tenant's first write creates its key pair: one {@code GenerateDataKeyPairWithoutPlaintext}.
 *   <li><b>Readers</b> open the tenant's private key with one {@code kms:Decrypt} per cache period, then derive each
 *       epoch's data key by ECDH with the ephemeral public key stored beside the ciphertext (cached per epoch: a batch
 *       of 5,000 entries is one epoch).
 * </ul>
 * So KMS calls grow with tenants, not items: at most one per tenant per cache period on a warm instance, whatever the
 * number of entries or items. Sealed values keep the envelope layout ({@code keyId}, wrapped key, nonce, ciphertext):
 * the "key id" is {@value #KEY_ID_PREFIX}N (the tenant key's version) and the "wrapped key" is the epoch's ephemeral
 * public key. The tenant a value opens under is always the one the request asked for, never read from the item.
 */
public final class TenantKeyring {
    public static final String KEY_ID_PREFIX = "tenant-key/v";
    /** The longest a key (writer's epoch, reader's private key) is cached: the bound, and KMS's own advice. */
    public static final Duration MAX_CACHE_PERIOD = Duration.ofMinutes(5);
    private static final int OPENED_EPOCHS = 16_384;

    /** The table's side of the hierarchy: one port, implemented by the store. */
    public interface Store {
        /** The tenant's newest key, if it has one. */
        Optional<TenantKey> current(String scope);

        /** One version of the tenant's key. */
        Optional<TenantKey> version(String scope, int version);

        /**
         * Stores {@code key} as the tenant's newest, if the newest is still {@code expectedCurrent} (0: no key yet).
         * False when another writer got there first (then read {@link #current} again).
         */
        boolean add(String scope, TenantKey key, int expectedCurrent);
    }

    /** A tenant key as stored: the public key in clear, the private key wrapped by KMS under the tenant's context. */
    public record TenantKey(int version, byte[] publicKey, byte[] wrappedPrivateKey, String kmsKeyId, Instant createdAt) {
        @Override
        public String toString() {
            return "TenantKey[v" + version + ", " + kmsKeyId + "]";
        }
    }

    private record Epoch(int version, byte[] ephemeralPublicKey, byte[] dataKey, Instant expires) {
    }

    private record Timed<T>(T value, Instant expires) {
    }

    private final Store store;
    private final KeyPairVault vault;
    private final Clock clock;
    private final Duration period;
    private final Map<String, Epoch> epochs = new ConcurrentHashMap<>();
    private final Map<String, Timed<PrivateKey>> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, Timed<byte[]>> openedEpochs = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Timed<byte[]>> eldest) {
            return size() > OPENED_EPOCHS;
        }
    };

    public TenantKeyring(Store store, KeyPairVault vault, Clock clock, Duration period) {
        if (period.isNegative() || period.compareTo(MAX_CACHE_PERIOD) > 0) {
            throw new IllegalArgumentException("the key cache period must be between 0 and 5 minutes");
        }
        this.store = store;
        this.vault = vault;
        this.clock = clock;
        this.period = period;
    }

    /**
     * The data key a writer seals with for {@code scope} (a copy: the caller wipes it): this instance's epoch for the
     * tenant's newest key, made anew once per cache period. The first write of a tenant creates its key pair.
     */
    public DataKeyProvider.DataKey sealingKey(String scope) {
        Instant now = clock.instant();
        Epoch epoch = epochs.compute(scope, (s, old) -> old != null && now.isBefore(old.expires()) ? old
                : newEpoch(s, now));
        return new DataKeyProvider.DataKey(KEY_ID_PREFIX + epoch.version(), epoch.dataKey().clone(),
                epoch.ephemeralPublicKey().clone());
    }

    /**
     * The data key of a value sealed under {@code keyId} with the ephemeral public key {@code wrapped}, for the tenant
     * the request named (a copy: the caller wipes it). Opens the tenant's private key with kms:Decrypt at most once
     * per cache period.
     *
     * @throws PasswordSealer.SealException when the key id is not a tenant key, the version does not exist, or the
     *                                      ephemeral key is malformed (a tampered or misplaced item)
     */
    public byte[] openingKey(String scope, String keyId, byte[] wrapped) {
        int version = version(keyId);
        Instant now = clock.instant();
        String epochName = scope + "|" + version + "|" + Base64.getEncoder().encodeToString(wrapped);
        synchronized (openedEpochs) {
            Timed<byte[]> opened = openedEpochs.get(epochName);
            if (opened != null && now.isBefore(opened.expires())) {
                return opened.value().clone();
            }
        }
        Timed<PrivateKey> privateKey = privateKeys.compute(scope + "|" + version,
                (name, old) -> old != null && now.isBefore(old.expires()) ? old
                        : new Timed<>(openPrivateKey(scope, version), now.plus(period)));
        byte[] dataKey = derive(privateKey.value(), publicKey(wrapped), wrapped, scope, version);
        synchronized (openedEpochs) {
            openedEpochs.put(epochName, new Timed<>(dataKey, privateKey.expires()));
        }
        return dataKey.clone();
    }

    /** True for a key id this keyring made (a tenant key), false for a per-item KMS data key of older items. */
    public static boolean isTenantKey(String keyId) {
        return keyId != null && keyId.startsWith(KEY_ID_PREFIX);
    }

    /** Makes a new version of the tenant's key the newest; writers take it up within one cache period. */
    public int rotate(String scope) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int current = store.current(scope).map(TenantKey::version).orElse(0);
            TenantKey next = newTenantKey(scope, current + 1);
            if (store.add(scope, next, current)) {
                return next.version();
            }
        }
        throw new PasswordSealer.SealException("the tenant key kept changing while rotating " + scope, null);
    }

    /** The tenant's newest key version, creating version 1 when it has none (an operator's tools). */
    public int rotateIfAbsent(String scope) {
        return store.current(scope).map(TenantKey::version).orElseGet(() -> createFirst(scope).version());
    }

    /** The encryption context of a tenant key: what KMS binds the wrapped private key to and IAM conditions name. */
    public static Map<String, String> context(String scope, int version) {
        return Map.of("purpose", "sip-tenant-key", "tenant", scope, "version", Integer.toString(version));
    }

    private Epoch newEpoch(String scope, Instant now) {
        TenantKey key = store.current(scope).orElseGet(() -> createFirst(scope));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair ephemeral = generator.generateKeyPair();
            byte[] ephemeralPublic = ephemeral.getPublic().getEncoded();
            byte[] dataKey = derive(ephemeral.getPrivate(), publicKey(key.publicKey()), ephemeralPublic, scope,
                    key.version());
            return new Epoch(key.version(), ephemeralPublic, dataKey, now.plus(period));
        } catch (GeneralSecurityException e) {
            throw new PasswordSealer.SealException("cannot make an epoch key", e);
        }
    }

    private TenantKey createFirst(String scope) {
        TenantKey first = newTenantKey(scope, 1);
        if (store.add(scope, first, 0)) {
            return first;
        }
        // Another writer created it between our read and our write: use theirs.
        return store.current(scope).orElseThrow(() -> new PasswordSealer.SealException(
                "the tenant key of " + scope + " vanished while it was created", null));
    }

    private TenantKey newTenantKey(String scope, int version) {
        KeyPairVault.WrappedKeyPair pair = vault.newKeyPair(context(scope, version));
        return new TenantKey(version, pair.publicKey(), pair.wrappedPrivateKey(), pair.keyId(), clock.instant());
    }

    private PrivateKey openPrivateKey(String scope, int version) {
        TenantKey key = store.version(scope, version).orElseThrow(() -> new PasswordSealer.SealException(
                "no tenant key " + KEY_ID_PREFIX + version + " for this tenant (a tampered or misplaced item)", null));
        byte[] encoded = vault.privateKey(key.wrappedPrivateKey(), context(scope, version));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new PasswordSealer.SealException("the tenant's private key is malformed", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static int version(String keyId) {
        if (!isTenantKey(keyId)) {
            throw new PasswordSealer.SealException("not a tenant key id", null);
        }
        try {
            return Integer.parseInt(keyId.substring(KEY_ID_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new PasswordSealer.SealException("not a tenant key id", e);
        }
    }

    private static PublicKey publicKey(byte[] encoded) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PasswordSealer.SealException("malformed public key (a tampered item)", e);
        }
    }

    /**
     * HKDF-SHA256 (RFC 5869) of the ECDH secret: salt = the ephemeral public key, info = the tenant and version, so
     * the same secret never yields the same data key for another tenant or version.
     */
    private static byte[] derive(PrivateKey own, PublicKey other, byte[] ephemeralPublic, String scope, int version) {
        byte[] secret = null;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(own);
            agreement.doPhase(other, true);
            secret = agreement.generateSecret();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ephemeralPublic, "HmacSHA256"));
            byte[] pseudoRandomKey = mac.doFinal(secret);
            mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            mac.update(("sip-credentials/tenant-key/v1|" + scope + "|" + version).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            Arrays.fill(pseudoRandomKey, (byte) 0);
            return mac.doFinal();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new PasswordSealer.SealException("cannot derive the data key (a tampered item?)", e);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }
}

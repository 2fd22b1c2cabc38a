package dev.sipcredentials.store;

import dev.sipcredentials.config.Settings;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.KeyPairVault;
import dev.sipcredentials.sealing.LazyDataKeys;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import dev.sipcredentials.sealing.PasswordSealers;
import dev.sipcredentials.sealing.TenantKeyring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Tenant keys in the credential table ({@link TenantKeyring.Store}): per tenant a head item
 * {@code key#<scope>} holding its newest version (what a writer reads: one GetItem per cache period), and one item
 * {@code key#<scope>#v<N>} per version (what a reader opens older values with). Both hold the public key and the
 * private key wrapped by KMS under the tenant's encryption context, never a key in clear. A new version is written in
 * one transaction: the version item if absent, the head only if its version is still the one the writer saw.
 */
public final class TenantKeyTable implements TenantKeyring.Store {
    /** One item shape for heads and versions; {@code version} is the newest (head) or its own (version item). */
    record TenantKeyItem(String pk, Integer version, SdkBytes publicKey, SdkBytes wrappedPrivateKey, String kmsKeyId,
                         String createdAt) {
        @Override
        public String toString() {
            return "TenantKeyItem[" + pk + ", v" + version + "]";
        }

        static final class Builder {
            private String pk;
            private Integer version;
            private SdkBytes publicKey;
            private SdkBytes wrappedPrivateKey;
            private String kmsKeyId;
            private String createdAt;

            TenantKeyItem build() {
                return new TenantKeyItem(pk, version, publicKey, wrappedPrivateKey, kmsKeyId, createdAt);
            }
        }

        static final StaticImmutableTableSchema<TenantKeyItem, Builder> SCHEMA =
                StaticImmutableTableSchema.builder(TenantKeyItem.class, Builder.class)
                        .attributeConverterProviders(ItemConverters.PROVIDER)
                        .newItemBuilder(Builder::new, Builder::build)
                        .addAttribute(String.class, a -> a.name(KeyScheme.PK).getter(TenantKeyItem::pk)
                                .setter((b, v) -> b.pk = v).tags(StaticAttributeTags.primaryPartitionKey()))
                        .addAttribute(String.class, a -> a.name("kind").getter(i -> KIND).setter((b, v) -> { }))
                        .addAttribute(Integer.class, a -> a.name("keyVersion").getter(TenantKeyItem::version)
                                .setter((b, v) -> b.version = v))
                        .addAttribute(SdkBytes.class, a -> a.name("publicKey").getter(TenantKeyItem::publicKey)
                                .setter((b, v) -> b.publicKey = v))
                        .addAttribute(SdkBytes.class, a -> a.name("wrappedPrivateKey")
                                .getter(TenantKeyItem::wrappedPrivateKey).setter((b, v) -> b.wrappedPrivateKey = v))
                        .addAttribute(String.class, a -> a.name("kmsKeyId").getter(TenantKeyItem::kmsKeyId)
                                .setter((b, v) -> b.kmsKeyId = v))
                        .addAttribute(String.class, a -> a.name("createdAt").getter(TenantKeyItem::createdAt)
                                .setter((b, v) -> b.createdAt = v))
                        .build();

        static TenantKeyItem of(String pk, TenantKeyring.TenantKey key) {
            return new TenantKeyItem(pk, key.version(), SdkBytes.fromByteArray(key.publicKey()),
                    SdkBytes.fromByteArray(key.wrappedPrivateKey()), key.kmsKeyId(), key.createdAt().toString());
        }

        TenantKeyring.TenantKey key() {
            return new TenantKeyring.TenantKey(version, publicKey.asByteArray(), wrappedPrivateKey.asByteArray(),
                    kmsKeyId, Instant.parse(createdAt));
        }
    }

    /** The {@code kind} of tenant key items, beside the credential kinds. */
    static final String KIND = "tenant-key";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final DynamoDbClient client;
    private final String tableName;

    public TenantKeyTable(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * The tenant key hierarchy over {@code tableName}, its key pairs from KMS when {@code PASSWORD_KEY_ID} names a
     * key, else from the local master key file; the vault is resolved on first use (a tenant's first write, or a
     * reader's first open), the cache period from {@code TENANT_KEY_CACHE_SECONDS} (default and maximum 300).
     */
    public static TenantKeyring keyringFromSettings(DynamoDbClient client, String tableName) {
        Duration period = Duration.ofSeconds(Settings.integer("TENANT_KEY_CACHE_SECONDS", 300));
        if (Settings.optional("PASSWORD_KEY_ID").isPresent()) {
            // Deployed: the KMS client built now, during init (before the SnapStart snapshot), not on first use.
            return new TenantKeyring(new TenantKeyTable(client, tableName), PasswordSealers.vaultFromSettings(),
                    Clock.systemUTC(), period);
        }
        KeyPairVault vault = new KeyPairVault() {
            private volatile KeyPairVault resolved;

            private KeyPairVault resolved() {
                KeyPairVault v = resolved;
                if (v == null) {
                    synchronized (this) {
                        if (resolved == null) {
                            resolved = PasswordSealers.vaultFromSettings();
                        }
                        v = resolved;
                    }
                }
                return v;
            }

            @Override
            public WrappedKeyPair newKeyPair(Map<String, String> context) {
                return resolved().newKeyPair(context);
            }

            @Override
            public byte[] privateKey(byte[] wrappedPrivateKey, Map<String, String> context) {
                return resolved().privateKey(wrappedPrivateKey, context);
            }
        };
        return new TenantKeyring(new TenantKeyTable(client, tableName), vault, Clock.systemUTC(), period);
    }

    /** Passwords sealed with the keys the settings name (older per-item keys open too), resolved on first use. */
    public static EnvelopePasswordSealer passwordSealerFromSettings(DynamoDbClient client, String tableName) {
        return new EnvelopePasswordSealer(keyringFromSettings(client, tableName), new LazyDataKeys());
    }

    /** Hash1/Hash1b sealed and opened with the keys the settings name (older per-item keys too). */
    public static HashSealer hashSealerFromSettings(DynamoDbClient client, String tableName) {
        return new HashSealer(keyringFromSettings(client, tableName), new LazyDataKeys());
    }

    /** Passwords with keys from a local master key file (tests and local tools), as {@link #localHashSealer}. */
    public static EnvelopePasswordSealer localPasswordSealer(DynamoDbClient client, String tableName,
                                                             java.nio.file.Path masterKeyFile) {
        LocalMasterKeyProvider perItem = LocalMasterKeyProvider.fromFile(masterKeyFile);
        return new EnvelopePasswordSealer(localKeyring(client, tableName, perItem), perItem);
    }

    /** Keys from a local master key file (tests, benchmarks, local tools): the same file serves both generations. */
    public static HashSealer localHashSealer(DynamoDbClient client, String tableName, java.nio.file.Path masterKeyFile) {
        LocalMasterKeyProvider perItem = LocalMasterKeyProvider.fromFile(masterKeyFile);
        return new HashSealer(localKeyring(client, tableName, perItem), perItem);
    }

    /** The tenant keys of {@code tableName} wrapped by the same local master key that opens older per-item keys. */
    private static TenantKeyring localKeyring(DynamoDbClient client, String tableName, LocalMasterKeyProvider master) {
        return new TenantKeyring(new TenantKeyTable(client, tableName), KeyPairVault.local(master.masterKeyBytes()),
                Clock.systemUTC(), TenantKeyring.MAX_CACHE_PERIOD);
    }

    @Override
    public Optional<TenantKeyring.TenantKey> current(String scope) {
        return get(KeyScheme.tenantKey(scope));
    }

    @Override
    public Optional<TenantKeyring.TenantKey> version(String scope, int version) {
        return get(KeyScheme.tenantKeyVersion(scope, version));
    }

    @Override
    public boolean add(String scope, TenantKeyring.TenantKey key, int expectedCurrent) {
        DynamoDbEnhancedClient enhanced = TimedDynamoDbClient.enhanced(client, TIMEOUT);
        var table = enhanced.table(tableName, TenantKeyItem.SCHEMA);
        Expression head = expectedCurrent == 0
                ? Expression.builder().expression("attribute_not_exists(pk)").build()
                : Expression.builder().expression("keyVersion = :seen")
                        .expressionValues(Map.of(":seen", AttributeValue.fromN(Integer.toString(expectedCurrent))))
                        .build();
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table, TransactPutItemEnhancedRequest.builder(TenantKeyItem.class)
                            .item(TenantKeyItem.of(KeyScheme.tenantKeyVersion(scope, key.version()), key))
                            .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                            .build())
                    .addPutItem(table, TransactPutItemEnhancedRequest.builder(TenantKeyItem.class)
                            .item(TenantKeyItem.of(KeyScheme.tenantKey(scope), key)).conditionExpression(head).build())
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    private Optional<TenantKeyring.TenantKey> get(String pk) {
        TenantKeyItem item = TimedDynamoDbClient.enhanced(client, TIMEOUT).table(tableName, TenantKeyItem.SCHEMA)
                .getItem(GetItemEnhancedRequest.builder().key(Key.builder().partitionValue(pk).build())
                        .consistentRead(true).build());
        return Optional.ofNullable(item).map(TenantKeyItem::key);
    }
}

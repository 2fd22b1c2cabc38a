package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A Bandwidth credential as its DynamoDB item: every attribute {@link CredentialItems} wrote before items were
 * mapped by the enhanced client, under the same names and types, so items written then and now read alike.
 * Immutable; {@link #toBuilder()} makes a changed copy. Absent attributes are null and are not written.
 *
 * <p>{@link #SCHEMA} is built in code ({@link StaticImmutableTableSchema}): no bean introspection, no annotation
 * scanning, no reflection at cold start, and its converters are the two below (S and B), so the enhanced client's
 * default converter set is never consulted for these attributes.
 *
 * <p>{@code hash1}/{@code hash1b} are the clear hashes of legacy items (written before hashes were sealed): read,
 * never written by this code (see {@link HashSealer}); a PUT of such a credential seals its hashes anew.
 */
final class BandwidthCredentialItem {
    static final String KIND = "bandwidth-sip-credential";

    private final String pk;
    private final String listPk;
    private final String listSk;
    private final String kind;
    private final String accountId;
    private final String name;
    private final String userName;
    private final String domain;
    private final String hashAlgorithm;
    private final String hashKeyId;
    private final SdkBytes hashDataKey;
    private final String hashAadVersion;
    private final SdkBytes hash1Nonce;
    private final SdkBytes hash1Ciphertext;
    private final SdkBytes hash1bNonce;
    private final SdkBytes hash1bCiphertext;
    private final String hash1;
    private final String hash1b;
    private final String createdAt;
    private final String createdBy;
    private final String updatedBy;
    private final String updatedAt;
    private final String writeToken;

    private BandwidthCredentialItem(Builder b) {
        pk = b.pk;
        listPk = b.listPk;
        listSk = b.listSk;
        kind = b.kind;
        accountId = b.accountId;
        name = b.name;
        userName = b.userName;
        domain = b.domain;
        hashAlgorithm = b.hashAlgorithm;
        hashKeyId = b.hashKeyId;
        hashDataKey = b.hashDataKey;
        hashAadVersion = b.hashAadVersion;
        hash1Nonce = b.hash1Nonce;
        hash1Ciphertext = b.hash1Ciphertext;
        hash1bNonce = b.hash1bNonce;
        hash1bCiphertext = b.hash1bCiphertext;
        hash1 = b.hash1;
        hash1b = b.hash1b;
        createdAt = b.createdAt;
        createdBy = b.createdBy;
        updatedBy = b.updatedBy;
        updatedAt = b.updatedAt;
        writeToken = b.writeToken;
    }

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.pk = pk;
        b.listPk = listPk;
        b.listSk = listSk;
        b.kind = kind;
        b.accountId = accountId;
        b.name = name;
        b.userName = userName;
        b.domain = domain;
        b.hashAlgorithm = hashAlgorithm;
        b.hashKeyId = hashKeyId;
        b.hashDataKey = hashDataKey;
        b.hashAadVersion = hashAadVersion;
        b.hash1Nonce = hash1Nonce;
        b.hash1Ciphertext = hash1Ciphertext;
        b.hash1bNonce = hash1bNonce;
        b.hash1bCiphertext = hash1bCiphertext;
        b.hash1 = hash1;
        b.hash1b = hash1b;
        b.createdAt = createdAt;
        b.createdBy = createdBy;
        b.updatedBy = updatedBy;
        b.updatedAt = updatedAt;
        b.writeToken = writeToken;
        return b;
    }

    String pk() {
        return pk;
    }

    String listPk() {
        return listPk;
    }

    String listSk() {
        return listSk;
    }

    String kind() {
        return kind;
    }

    String accountId() {
        return accountId;
    }

    /** The composite name as stored (UserName, or UserName@Domain), in the case it was created in. */
    String name() {
        return name;
    }

    String userName() {
        return userName;
    }

    String domain() {
        return domain;
    }

    String hashAlgorithm() {
        return hashAlgorithm;
    }

    String hashKeyId() {
        return hashKeyId;
    }

    SdkBytes hashDataKey() {
        return hashDataKey;
    }

    String hashAadVersion() {
        return hashAadVersion;
    }

    SdkBytes hash1Nonce() {
        return hash1Nonce;
    }

    SdkBytes hash1Ciphertext() {
        return hash1Ciphertext;
    }

    SdkBytes hash1bNonce() {
        return hash1bNonce;
    }

    SdkBytes hash1bCiphertext() {
        return hash1bCiphertext;
    }

    String hash1() {
        return hash1;
    }

    String hash1b() {
        return hash1b;
    }

    String createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }

    String updatedBy() {
        return updatedBy;
    }

    String updatedAt() {
        return updatedAt;
    }

    String writeToken() {
        return writeToken;
    }

    /** Never the hashes, sealed or not: items pass through code that logs. */
    @Override
    public String toString() {
        return "BandwidthCredentialItem[" + pk + "]";
    }

    static final class Builder {
        private String pk;
        private String listPk;
        private String listSk;
        private String kind;
        private String accountId;
        private String name;
        private String userName;
        private String domain;
        private String hashAlgorithm;
        private String hashKeyId;
        private SdkBytes hashDataKey;
        private String hashAadVersion;
        private SdkBytes hash1Nonce;
        private SdkBytes hash1Ciphertext;
        private SdkBytes hash1bNonce;
        private SdkBytes hash1bCiphertext;
        private String hash1;
        private String hash1b;
        private String createdAt;
        private String createdBy;
        private String updatedBy;
        private String updatedAt;
        private String writeToken;

        private Builder() {
        }

        Builder pk(String value) {
            pk = value;
            return this;
        }

        Builder listPk(String value) {
            listPk = value;
            return this;
        }

        Builder listSk(String value) {
            listSk = value;
            return this;
        }

        Builder kind(String value) {
            kind = value;
            return this;
        }

        Builder accountId(String value) {
            accountId = value;
            return this;
        }

        Builder name(String value) {
            name = value;
            return this;
        }

        Builder userName(String value) {
            userName = value;
            return this;
        }

        Builder domain(String value) {
            domain = value;
            return this;
        }

        Builder hashAlgorithm(String value) {
            hashAlgorithm = value;
            return this;
        }

        Builder hashKeyId(String value) {
            hashKeyId = value;
            return this;
        }

        Builder hashDataKey(SdkBytes value) {
            hashDataKey = value;
            return this;
        }

        Builder hashAadVersion(String value) {
            hashAadVersion = value;
            return this;
        }

        Builder hash1Nonce(SdkBytes value) {
            hash1Nonce = value;
            return this;
        }

        Builder hash1Ciphertext(SdkBytes value) {
            hash1Ciphertext = value;
            return this;
        }

        Builder hash1bNonce(SdkBytes value) {
            hash1bNonce = value;
            return this;
        }

        Builder hash1bCiphertext(SdkBytes value) {
            hash1bCiphertext = value;
            return this;
        }

        Builder hash1(String value) {
            hash1 = value;
            return this;
        }

        Builder hash1b(String value) {
            hash1b = value;
            return this;
        }

        Builder createdAt(String value) {
            createdAt = value;
            return this;
        }

        Builder createdBy(String value) {
            createdBy = value;
            return this;
        }

        Builder updatedBy(String value) {
            updatedBy = value;
            return this;
        }

        Builder updatedAt(String value) {
            updatedAt = value;
            return this;
        }

        Builder writeToken(String value) {
            writeToken = value;
            return this;
        }

        /**
         * The sealed hashes as {@link HashSealer#seal} makes them, replacing any the item had (a credential's
         * hashes are always sealed together: a Hash1b left out is removed, not kept from before), and dropping
         * the clear hashes of a legacy item.
         */
        Builder sealedHashes(Map<String, AttributeValue> sealed) {
            hashAlgorithm = text(sealed.get(HashSealer.ALGORITHM));
            hashKeyId = text(sealed.get(HashSealer.KEY_ID));
            hashDataKey = bytes(sealed.get(HashSealer.DATA_KEY));
            hashAadVersion = text(sealed.get(HashSealer.VERSION_ATTRIBUTE));
            hash1Nonce = bytes(sealed.get(HashSealer.HASH1 + "Nonce"));
            hash1Ciphertext = bytes(sealed.get(HashSealer.HASH1 + "Ciphertext"));
            hash1bNonce = bytes(sealed.get(HashSealer.HASH1B + "Nonce"));
            hash1bCiphertext = bytes(sealed.get(HashSealer.HASH1B + "Ciphertext"));
            hash1 = null;
            hash1b = null;
            return this;
        }

        BandwidthCredentialItem build() {
            return new BandwidthCredentialItem(this);
        }

        private static String text(AttributeValue value) {
            return value == null ? null : value.s();
        }

        private static SdkBytes bytes(AttributeValue value) {
            return value == null ? null : value.b();
        }
    }

    /** The item's attributes as a map: what {@link HashSealer#open} reads. */
    Map<String, AttributeValue> attributes() {
        return SCHEMA.itemToMap(this, true);
    }

    /** An item as DynamoDB returned it (a failed condition's ALL_OLD, a read). */
    static BandwidthCredentialItem of(Map<String, AttributeValue> attributes) {
        return SCHEMA.mapToItem(attributes);
    }

    static final StaticImmutableTableSchema<BandwidthCredentialItem, Builder> SCHEMA = schema();

    private static StaticImmutableTableSchema<BandwidthCredentialItem, Builder> schema() {
        StaticImmutableTableSchema.Builder<BandwidthCredentialItem, Builder> schema =
                StaticImmutableTableSchema.builder(BandwidthCredentialItem.class, Builder.class)
                        .newItemBuilder(BandwidthCredentialItem::builder, Builder::build)
                        .attributeConverterProviders(ItemConverters.PROVIDER);
        schema.addAttribute(String.class, a -> a.name(KeyScheme.PK).getter(BandwidthCredentialItem::pk)
                .setter(Builder::pk).attributeConverter(ItemConverters.STRING).tags(StaticAttributeTags.primaryPartitionKey()));
        schema.addAttribute(String.class, a -> a.name(KeyScheme.LIST_PK).getter(BandwidthCredentialItem::listPk)
                .setter(Builder::listPk).attributeConverter(ItemConverters.STRING)
                .tags(StaticAttributeTags.secondaryPartitionKey(KeyScheme.LISTING_INDEX)));
        schema.addAttribute(String.class, a -> a.name(KeyScheme.LIST_SK).getter(BandwidthCredentialItem::listSk)
                .setter(Builder::listSk).attributeConverter(ItemConverters.STRING)
                .tags(StaticAttributeTags.secondarySortKey(KeyScheme.LISTING_INDEX)));
        string(schema, "kind", BandwidthCredentialItem::kind, Builder::kind);
        string(schema, "accountId", BandwidthCredentialItem::accountId, Builder::accountId);
        string(schema, "name", BandwidthCredentialItem::name, Builder::name);
        string(schema, "userName", BandwidthCredentialItem::userName, Builder::userName);
        string(schema, "domain", BandwidthCredentialItem::domain, Builder::domain);
        string(schema, HashSealer.ALGORITHM, BandwidthCredentialItem::hashAlgorithm, Builder::hashAlgorithm);
        string(schema, HashSealer.KEY_ID, BandwidthCredentialItem::hashKeyId, Builder::hashKeyId);
        binary(schema, HashSealer.DATA_KEY, BandwidthCredentialItem::hashDataKey, Builder::hashDataKey);
        string(schema, HashSealer.VERSION_ATTRIBUTE, BandwidthCredentialItem::hashAadVersion, Builder::hashAadVersion);
        binary(schema, HashSealer.HASH1 + "Nonce", BandwidthCredentialItem::hash1Nonce, Builder::hash1Nonce);
        binary(schema, HashSealer.HASH1 + "Ciphertext", BandwidthCredentialItem::hash1Ciphertext,
                Builder::hash1Ciphertext);
        binary(schema, HashSealer.HASH1B + "Nonce", BandwidthCredentialItem::hash1bNonce, Builder::hash1bNonce);
        binary(schema, HashSealer.HASH1B + "Ciphertext", BandwidthCredentialItem::hash1bCiphertext,
                Builder::hash1bCiphertext);
        string(schema, HashSealer.HASH1, BandwidthCredentialItem::hash1, Builder::hash1);
        string(schema, HashSealer.HASH1B, BandwidthCredentialItem::hash1b, Builder::hash1b);
        string(schema, "createdAt", BandwidthCredentialItem::createdAt, Builder::createdAt);
        string(schema, CredentialItems.CREATED_BY, BandwidthCredentialItem::createdBy, Builder::createdBy);
        string(schema, CredentialItems.UPDATED_BY, BandwidthCredentialItem::updatedBy, Builder::updatedBy);
        string(schema, CredentialItems.UPDATED_AT, BandwidthCredentialItem::updatedAt, Builder::updatedAt);
        string(schema, CredentialItems.WRITE_TOKEN, BandwidthCredentialItem::writeToken, Builder::writeToken);
        return schema.build();
    }

    private static void string(StaticImmutableTableSchema.Builder<BandwidthCredentialItem, Builder> schema,
                               String attribute, Function<BandwidthCredentialItem, String> getter,
                               BiConsumer<Builder, String> setter) {
        schema.addAttribute(String.class, a -> a.name(attribute).getter(getter).setter(setter)
                .attributeConverter(ItemConverters.STRING));
    }

    private static void binary(StaticImmutableTableSchema.Builder<BandwidthCredentialItem, Builder> schema,
                               String attribute, Function<BandwidthCredentialItem, SdkBytes> getter,
                               BiConsumer<Builder, SdkBytes> setter) {
        schema.addAttribute(SdkBytes.class, a -> a.name(attribute).getter(getter).setter(setter)
                .attributeConverter(ItemConverters.BINARY));
    }
}

package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A Bandwidth credential as the {@value KeyScheme#LISTING_INDEX} index projects it (template.yaml's INCLUDE list):
 * the names, the sealed hashes and the keys. The index never holds a hash in clear: a legacy item (hashes in clear,
 * written before they were sealed) lists without them until it is re-sealed (README, Security). Immutable; mapped by
 * {@link #SCHEMA}, built in code (no bean introspection at cold start).
 */
final class AccountListingItem {
    static final StaticImmutableTableSchema<AccountListingItem, Builder> SCHEMA =
            StaticImmutableTableSchema.builder(AccountListingItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .attributeConverterProviders(ItemConverters.PROVIDER)
                    .addAttribute(String.class, a -> a.name(KeyScheme.PK).getter(i -> i.pk).setter(Builder::pk)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(KeyScheme.LIST_PK).getter(i -> i.listPk)
                            .setter(Builder::listPk)
                            .tags(StaticAttributeTags.secondaryPartitionKey(KeyScheme.LISTING_INDEX)))
                    .addAttribute(String.class, a -> a.name(KeyScheme.LIST_SK).getter(i -> i.listSk)
                            .setter(Builder::listSk)
                            .tags(StaticAttributeTags.secondarySortKey(KeyScheme.LISTING_INDEX)))
                    .addAttribute(String.class, a -> a.name("accountId").getter(i -> i.accountId)
                            .setter(Builder::accountId))
                    .addAttribute(String.class, a -> a.name("name").getter(i -> i.name).setter(Builder::name))
                    .addAttribute(String.class, a -> a.name("userName").getter(i -> i.userName)
                            .setter(Builder::userName))
                    .addAttribute(String.class, a -> a.name("domain").getter(i -> i.domain).setter(Builder::domain))
                    .addAttribute(String.class, a -> a.name(HashSealer.VERSION_ATTRIBUTE).getter(i -> i.hashAadVersion)
                            .setter(Builder::hashAadVersion))
                    .addAttribute(String.class, a -> a.name(HashSealer.ALGORITHM).getter(i -> i.hashAlgorithm)
                            .setter(Builder::hashAlgorithm))
                    .addAttribute(String.class, a -> a.name(HashSealer.KEY_ID).getter(i -> i.hashKeyId)
                            .setter(Builder::hashKeyId))
                    .addAttribute(SdkBytes.class, a -> a.name(HashSealer.DATA_KEY).getter(i -> i.hashDataKey)
                            .setter(Builder::hashDataKey))
                    .addAttribute(SdkBytes.class, a -> a.name("hash1Nonce").getter(i -> i.hash1Nonce)
                            .setter(Builder::hash1Nonce))
                    .addAttribute(SdkBytes.class, a -> a.name("hash1Ciphertext").getter(i -> i.hash1Ciphertext)
                            .setter(Builder::hash1Ciphertext))
                    .addAttribute(SdkBytes.class, a -> a.name("hash1bNonce").getter(i -> i.hash1bNonce)
                            .setter(Builder::hash1bNonce))
                    .addAttribute(SdkBytes.class, a -> a.name("hash1bCiphertext").getter(i -> i.hash1bCiphertext)
                            .setter(Builder::hash1bCiphertext))
                    .build();

    private final String pk;
    private final String listPk;
    private final String listSk;
    private final String accountId;
    private final String name;
    private final String userName;
    private final String domain;
    private final String hashAadVersion;
    private final String hashAlgorithm;
    private final String hashKeyId;
    private final SdkBytes hashDataKey;
    private final SdkBytes hash1Nonce;
    private final SdkBytes hash1Ciphertext;
    private final SdkBytes hash1bNonce;
    private final SdkBytes hash1bCiphertext;

    private AccountListingItem(Builder b) {
        pk = b.pk;
        listPk = b.listPk;
        listSk = b.listSk;
        accountId = b.accountId;
        name = b.name;
        userName = b.userName;
        domain = b.domain;
        hashAadVersion = b.hashAadVersion;
        hashAlgorithm = b.hashAlgorithm;
        hashKeyId = b.hashKeyId;
        hashDataKey = b.hashDataKey;
        hash1Nonce = b.hash1Nonce;
        hash1Ciphertext = b.hash1Ciphertext;
        hash1bNonce = b.hash1bNonce;
        hash1bCiphertext = b.hash1bCiphertext;
    }

    String listSk() {
        return listSk;
    }

    String userName() {
        return userName;
    }

    String domain() {
        return domain;
    }

    /**
     * The hashes, opened as {@link HashSealer#open} opens a stored item (sealed, or legacy in clear), for the account
     * the request listed and the name this item's index key holds.
     */
    HashSealer.Hashes open(HashSealer sealer, String accountId) {
        return sealer.open(SCHEMA.itemToMap(this, true), accountId, listSk);
    }

    /** Never the hashes, not even sealed. */
    @Override
    public String toString() {
        return "AccountListingItem[" + listPk + ", " + listSk + "]";
    }

    static final class Builder {
        private String pk;
        private String listPk;
        private String listSk;
        private String accountId;
        private String name;
        private String userName;
        private String domain;
        private String hashAadVersion;
        private String hashAlgorithm;
        private String hashKeyId;
        private SdkBytes hashDataKey;
        private SdkBytes hash1Nonce;
        private SdkBytes hash1Ciphertext;
        private SdkBytes hash1bNonce;
        private SdkBytes hash1bCiphertext;

        Builder pk(String v) { pk = v; return this; }
        Builder listPk(String v) { listPk = v; return this; }
        Builder listSk(String v) { listSk = v; return this; }
        Builder accountId(String v) { accountId = v; return this; }
        Builder name(String v) { name = v; return this; }
        Builder userName(String v) { userName = v; return this; }
        Builder domain(String v) { domain = v; return this; }
        Builder hashAadVersion(String v) { hashAadVersion = v; return this; }
        Builder hashAlgorithm(String v) { hashAlgorithm = v; return this; }
        Builder hashKeyId(String v) { hashKeyId = v; return this; }
        Builder hashDataKey(SdkBytes v) { hashDataKey = v; return this; }
        Builder hash1Nonce(SdkBytes v) { hash1Nonce = v; return this; }
        Builder hash1Ciphertext(SdkBytes v) { hash1Ciphertext = v; return this; }
        Builder hash1bNonce(SdkBytes v) { hash1bNonce = v; return this; }
        Builder hash1bCiphertext(SdkBytes v) { hash1bCiphertext = v; return this; }

        AccountListingItem build() {
            return new AccountListingItem(this);
        }
    }
}

package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.sealing.HashSealer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * A Bandwidth credential as its DynamoDB item: every attribute written before items were mapped by the enhanced
 * client, under the same names and types, so items written then and now read alike. Absent attributes are null and
 * are not written.
 *
 * <p>{@code hash1}/{@code hash1b} are the clear hashes of legacy items (written before hashes were sealed): read,
 * never written by this code (see {@link HashSealer}); a PUT of such a credential seals its hashes anew.
 */
record BandwidthCredentialItem(String pk, String listPk, String listSk, String kind, String accountId, String name,
                               String userName, String domain, String hashAlgorithm, String hashKeyId,
                               SdkBytes hashDataKey, String hashAadVersion, SdkBytes hash1Nonce,
                               SdkBytes hash1Ciphertext, SdkBytes hash1bNonce, SdkBytes hash1bCiphertext, String hash1,
                               String hash1b, String createdAt, String createdBy, String updatedBy, String updatedAt,
                               String writeToken) {
    static final String KIND = "bandwidth-sip-credential";
    private static final String HASH1_NONCE = HashSealer.HASH1 + "Nonce";
    private static final String HASH1_CIPHERTEXT = HashSealer.HASH1 + "Ciphertext";
    private static final String HASH1B_NONCE = HashSealer.HASH1B + "Nonce";
    private static final String HASH1B_CIPHERTEXT = HashSealer.HASH1B + "Ciphertext";

    static final StaticImmutableTableSchema<BandwidthCredentialItem, ItemSchema.Fields> SCHEMA =
            ItemSchema.of(BandwidthCredentialItem.class, f -> new BandwidthCredentialItem(f.s(KeyScheme.PK),
                            f.s(KeyScheme.LIST_PK), f.s(KeyScheme.LIST_SK), f.s("kind"), f.s("accountId"), f.s("name"),
                            f.s("userName"), f.s("domain"), f.s(HashSealer.ALGORITHM), f.s(HashSealer.KEY_ID),
                            f.b(HashSealer.DATA_KEY), f.s(HashSealer.VERSION_ATTRIBUTE), f.b(HASH1_NONCE),
                            f.b(HASH1_CIPHERTEXT), f.b(HASH1B_NONCE), f.b(HASH1B_CIPHERTEXT), f.s(HashSealer.HASH1),
                            f.s(HashSealer.HASH1B), f.s("createdAt"), f.s(ItemSchema.CREATED_BY),
                            f.s(ItemSchema.UPDATED_BY), f.s(ItemSchema.UPDATED_AT),
                            f.s(ItemSchema.WRITE_TOKEN)))
                    .keys(BandwidthCredentialItem::pk, BandwidthCredentialItem::listPk,
                            BandwidthCredentialItem::listSk)
                    .s("kind", BandwidthCredentialItem::kind).s("accountId", BandwidthCredentialItem::accountId)
                    .s("name", BandwidthCredentialItem::name).s("userName", BandwidthCredentialItem::userName)
                    .s("domain", BandwidthCredentialItem::domain)
                    .s(HashSealer.ALGORITHM, BandwidthCredentialItem::hashAlgorithm)
                    .s(HashSealer.KEY_ID, BandwidthCredentialItem::hashKeyId)
                    .b(HashSealer.DATA_KEY, BandwidthCredentialItem::hashDataKey)
                    .s(HashSealer.VERSION_ATTRIBUTE, BandwidthCredentialItem::hashAadVersion)
                    .b(HASH1_NONCE, BandwidthCredentialItem::hash1Nonce)
                    .b(HASH1_CIPHERTEXT, BandwidthCredentialItem::hash1Ciphertext)
                    .b(HASH1B_NONCE, BandwidthCredentialItem::hash1bNonce)
                    .b(HASH1B_CIPHERTEXT, BandwidthCredentialItem::hash1bCiphertext)
                    .s(HashSealer.HASH1, BandwidthCredentialItem::hash1)
                    .s(HashSealer.HASH1B, BandwidthCredentialItem::hash1b)
                    .s("createdAt", BandwidthCredentialItem::createdAt)
                    .s(ItemSchema.CREATED_BY, BandwidthCredentialItem::createdBy)
                    .s(ItemSchema.UPDATED_BY, BandwidthCredentialItem::updatedBy)
                    .s(ItemSchema.UPDATED_AT, BandwidthCredentialItem::updatedAt)
                    .s(ItemSchema.WRITE_TOKEN, BandwidthCredentialItem::writeToken).build();

    /** The item of a new credential, its hashes as {@link HashSealer#seal} sealed them (never in clear). */
    static BandwidthCredentialItem created(String accountId, AccountCredential credential,
                                           Map<String, AttributeValue> sealedHashes, String writeToken, Instant now,
                                           String caller) {
        String who = caller == null ? ItemSchema.UNKNOWN_CALLER : caller;
        return new BandwidthCredentialItem(KeyScheme.accountCredential(accountId, credential),
                KeyScheme.accountListPartition(accountId, credential), KeyScheme.accountListSort(credential), KIND,
                accountId, credential.name(), credential.userName(), credential.domain(), null, null, null, null, null,
                null, null, null, null, null, now.toString(), who, who, now.toString(), writeToken)
                .withHashes(sealedHashes, who, now.toString(), writeToken);
    }

    /**
     * This item with the sealed hashes {@link HashSealer#seal} made, replacing any it had (a credential's hashes are
     * always sealed together: a Hash1b left out is removed, not kept from before; a legacy item's clear hashes
     * go), changed by {@code updatedBy} at {@code updatedAt}, marked with {@code writeToken}.
     */
    BandwidthCredentialItem withHashes(Map<String, AttributeValue> sealed, String updatedBy, String updatedAt,
                                       String writeToken) {
        return new BandwidthCredentialItem(pk, listPk, listSk, kind, accountId, name, userName, domain,
                text(sealed.get(HashSealer.ALGORITHM)), text(sealed.get(HashSealer.KEY_ID)),
                bytes(sealed.get(HashSealer.DATA_KEY)), text(sealed.get(HashSealer.VERSION_ATTRIBUTE)),
                bytes(sealed.get(HASH1_NONCE)), bytes(sealed.get(HASH1_CIPHERTEXT)), bytes(sealed.get(HASH1B_NONCE)),
                bytes(sealed.get(HASH1B_CIPHERTEXT)), null, null, createdAt, createdBy, updatedBy, updatedAt,
                writeToken);
    }

    /** This item under another key (SnapStart priming). */
    BandwidthCredentialItem withPk(String otherPk) {
        return new BandwidthCredentialItem(otherPk, listPk, listSk, kind, accountId, name, userName, domain,
                hashAlgorithm, hashKeyId, hashDataKey, hashAadVersion, hash1Nonce, hash1Ciphertext, hash1bNonce,
                hash1bCiphertext, hash1, hash1b, createdAt, createdBy, updatedBy, updatedAt, writeToken);
    }

    /** The item's attributes as a map: what {@link HashSealer#open} reads. */
    Map<String, AttributeValue> attributes() {
        return SCHEMA.itemToMap(this, true);
    }

    /** An item as DynamoDB returned it (a failed condition's ALL_OLD, a read). */
    static BandwidthCredentialItem of(Map<String, AttributeValue> attributes) {
        return SCHEMA.mapToItem(attributes);
    }

    /** Never the hashes, sealed or not: items pass through code that logs. */
    @Override
    public String toString() {
        return "BandwidthCredentialItem[" + pk + "]";
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static SdkBytes bytes(AttributeValue value) {
        return value == null ? null : value.b();
    }
}

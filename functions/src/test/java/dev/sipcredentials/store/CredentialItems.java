package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.SealedPassword;
import dev.sipcredentials.sealing.PasswordAad;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.OrganizationCredential;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Test scope: items as hand-written maps, as the store wrote them before its items were mapped by the enhanced
 * client (what the mapping must keep writing). How credentials look as DynamoDB items: the attributes of a Bandwidth credential (deepslate records and guards:
 * {@link OrganizationCredentialItem}, {@link SipLoginGuardItem}), and the AAD that binds a sealed password to its record. Their keys come from
 * {@link KeyScheme}; idempotency records are {@link IdempotencyItems}.
 */
final class CredentialItems {
    static final String PK = KeyScheme.PK;

    private CredentialItems() {
    }

    /** @param sealedHashes what {@link HashSealer#seal} made of the credential's Hash1/Hash1b */
    static Map<String, AttributeValue> accountCredential(String accountId, AccountCredential credential,
                                                         Map<String, AttributeValue> sealedHashes,
                                                         String writeToken, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(20);
        item.put(PK, s(KeyScheme.accountCredential(accountId, credential)));
        item.put(KeyScheme.LIST_PK, s(KeyScheme.accountListPartition(accountId, credential)));
        item.put(KeyScheme.LIST_SK, s(KeyScheme.accountListSort(credential)));
        item.put("kind", s("bandwidth-sip-credential"));
        item.put("accountId", s(accountId));
        item.put("name", s(credential.name()));
        item.put("userName", s(credential.userName()));
        if (credential.domain() != null) {
            item.put("domain", s(credential.domain()));
        }
        // Never Hash1/Hash1b in clear: they are password-equivalent (HashSealer).
        item.putAll(sealedHashes);
        item.put("createdAt", s(now.toString()));
        item.put(WRITE_TOKEN, s(writeToken));
        return item;
    }

    /** What the password's ciphertext is bound to (GCM additional authenticated data): see {@link PasswordAad}. */
    static byte[] passwordAad(OrganizationCredential credential) {
        return PasswordAad.of(credential);
    }

    /** The AAD of a stored item, from the item's own attributes. */
    static byte[] passwordAad(Map<String, AttributeValue> item) {
        return PasswordAad.of(item);
    }

    /**
     * A deepslate record without its audit attributes, as its schema ({@link OrganizationCredentialItem#SCHEMA}) writes
     * it: a mutable map, for tests that tamper with items.
     */
    static Map<String, AttributeValue> organizationCredential(OrganizationCredential credential, SealedPassword password,
                                                              String writeToken, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(OrganizationCredentialItem.SCHEMA.itemToMap(
                OrganizationCredentialItem.created(credential, password, writeToken, now, null), true));
        item.keySet().removeAll(java.util.List.of(CREATED_BY, UPDATED_BY, UPDATED_AT));
        return item;
    }

    static final String WRITE_TOKEN = ItemSchema.WRITE_TOKEN;
    static final String CREATED_BY = ItemSchema.CREATED_BY;
    static final String UPDATED_BY = ItemSchema.UPDATED_BY;
    static final String UPDATED_AT = ItemSchema.UPDATED_AT;
    static final String UNKNOWN_CALLER = ItemSchema.UNKNOWN_CALLER;

    /**
     * The item with its audit trail: {@code createdBy}/{@code updatedBy} = {@code caller}, {@code updatedAt} =
     * {@code createdAt}. A later change (the lifecycle routes) sets updatedBy/updatedAt only.
     */
    static Map<String, AttributeValue> audited(Map<String, AttributeValue> item, String caller) {
        AttributeValue who = s(caller == null ? UNKNOWN_CALLER : caller);
        item.put(CREATED_BY, who);
        item.put(UPDATED_BY, who);
        item.put(UPDATED_AT, item.get("createdAt"));
        return item;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** The sealed password of an item written by {@link #organizationCredential}. */
    static SealedPassword sealedPassword(Map<String, AttributeValue> item) {
        return new SealedPassword(item.get("passwordAlgorithm").s(), item.get("passwordKeyId").s(),
                item.get("passwordDataKey").b().asByteArray(), item.get("passwordNonce").b().asByteArray(),
                item.get("passwordCiphertext").b().asByteArray());
    }

    private static AttributeValue b(byte[] value) {
        return AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(value));
    }

    static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}

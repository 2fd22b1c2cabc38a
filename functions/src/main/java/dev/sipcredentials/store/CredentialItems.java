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
 * How credentials look as DynamoDB items: the attributes of a Bandwidth credential (deepslate records and guards:
 * {@link OrganizationCredentialItem}, {@link SipLoginGuardItem}), and the AAD that binds a sealed password to its record. Their keys come from
 * {@link KeyScheme}; idempotency records are {@link IdempotencyItems}.
 */
final class CredentialItems {
    static final String PK = KeyScheme.PK;
    static final String WRITE_TOKEN = "writeToken";

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
        OrganizationCredentialItem item = OrganizationCredentialItem.created(credential, password, writeToken, now, null)
                .toBuilder().createdBy(null).updatedBy(null).updatedAt(null).build();
        return new HashMap<>(OrganizationCredentialItem.SCHEMA.itemToMap(item, true));
    }

    /**
     * What a read of a deepslate record asks for: the fields a response shows, never the sealed
     * password (it would only cost read units and widen what a read route handles). {@code #h} etc. because
     * several are DynamoDB reserved words (port, username...).
     */
    static final String READ_PROJECTION = "#id, #hostname, #port, #username, #maxAgentTasks";
    static final Map<String, String> READ_PROJECTION_NAMES = Map.of("#id", "id", "#hostname", "hostname", "#port", "port", "#username", "username",
            "#maxAgentTasks", "maxAgentTasks");

    /** Who created the item and who last changed it (the same on a create), and when ({@code createdAt}). */
    static final String CREATED_BY = "createdBy";
    static final String UPDATED_BY = "updatedBy";
    static final String UPDATED_AT = "updatedAt";
    /** Recorded when the token named nobody (no sub, no client_id): an item's author is never left out silently. */
    static final String UNKNOWN_CALLER = "unknown";

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

    static boolean writtenWith(Map<String, AttributeValue> item, String writeToken) {
        if (item == null) {
            return false;
        }
        AttributeValue token = item.get(WRITE_TOKEN);
        return token != null && writeToken.equals(token.s());
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

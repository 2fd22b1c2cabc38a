package dev.sipcredentials.store;

import dev.sipcredentials.credentials.AccountCredential;
import dev.sipcredentials.credentials.IdempotencyRecord;
import dev.sipcredentials.credentials.OrganizationCredential;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The only place that knows how credentials look as DynamoDB items.
 *
 * <p>The table has a single string partition key, {@code pk}. Each item's key is derived from what must be
 * unique, so that a conditional put on {@code attribute_not_exists(pk)} is the uniqueness check:
 * <ul>
 *   <li>{@code bw#<accountId>#<lower-cased name>}: a Bandwidth credential (name unique per account, any case);
 *   <li>{@code ds#<vendorId>#<organizationId>#cred#<id>}: a deepslate credential record;
 *   <li>{@code ds#<vendorId>#<organizationId>#sip#<host>#<port>#<username>}: the guard that makes the SIP
 *       account unique per organization, written in the same transaction as the record;
 *   <li>{@code idem#<scope>#<Idempotency-Key>}, scope {@code bw#<accountId>} or
 *       {@code ds#<vendorId>#<organizationId>}: an idempotency record (claim, then the answer to replay),
 *       expiring through the table's TTL on {@code expiresAt}.
 * </ul>
 * Account ids, UUIDs, hosts and ports cannot contain '#', and the free-form part always comes last, so keys
 * cannot collide across kinds or tenants ("idem" is not a credential prefix, and an Idempotency-Key, which may
 * hold '#', comes last).
 */
final class CredentialItems {
    static final String PK = "pk";
    static final String WRITE_TOKEN = "writeToken";

    private CredentialItems() {
    }

    static String accountCredentialKey(String accountId, AccountCredential credential) {
        return "bw#" + accountId + "#" + credential.uniquenessKey();
    }

    static Map<String, AttributeValue> accountCredential(String accountId, AccountCredential credential,
                                                         String writeToken, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(12);
        item.put(PK, s(accountCredentialKey(accountId, credential)));
        item.put("kind", s("bandwidth-sip-credential"));
        item.put("accountId", s(accountId));
        item.put("name", s(credential.name()));
        item.put("userName", s(credential.userName()));
        if (credential.domain() != null) {
            item.put("domain", s(credential.domain()));
        }
        item.put("hash1", s(credential.hash1()));
        if (credential.hash1b() != null) {
            item.put("hash1b", s(credential.hash1b()));
        }
        item.put("createdAt", s(now.toString()));
        item.put(WRITE_TOKEN, s(writeToken));
        return item;
    }

    static String organizationPrefix(OrganizationCredential credential) {
        return "ds#" + credential.vendorId() + "#" + credential.organizationId();
    }

    /** What the password's ciphertext is bound to (GCM additional authenticated data): see {@link PasswordAad}. */
    static byte[] passwordAad(OrganizationCredential credential) {
        return PasswordAad.of(credential);
    }

    /** The AAD of a stored item, from the item's own attributes. */
    static byte[] passwordAad(Map<String, AttributeValue> item) {
        return PasswordAad.of(item);
    }

    static Map<String, AttributeValue> organizationCredential(OrganizationCredential credential, SealedPassword password,
                                                              String writeToken, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(16);
        item.put(PK, s(organizationPrefix(credential) + "#cred#" + credential.id()));
        item.put("kind", s("deepslate-sip-credential"));
        item.put("id", s(credential.id().toString()));
        item.put("vendorId", s(credential.vendorId().toString()));
        item.put("organizationId", s(credential.organizationId().toString()));
        item.put("hostname", s(credential.account().hostname()));
        item.put("port", n(credential.account().port()));
        item.put("username", s(credential.account().username()));
        // Never the password: its AES-GCM ciphertext, the nonce, and the data key wrapped by the master key.
        item.put("passwordAlgorithm", s(password.algorithm()));
        item.put("passwordKeyId", s(password.keyId()));
        item.put("passwordDataKey", b(password.wrappedDataKey()));
        item.put("passwordNonce", b(password.nonce()));
        item.put("passwordCiphertext", b(password.ciphertext()));
        item.put(PasswordAad.VERSION_ATTRIBUTE, s(PasswordAad.CURRENT_VERSION));
        item.put("maxAgentTasks", n(credential.maxAgentTasks()));
        item.put("createdAt", s(now.toString()));
        item.put(WRITE_TOKEN, s(writeToken));
        return item;
    }

    static Map<String, AttributeValue> organizationGuard(OrganizationCredential credential, String writeToken,
                                                         Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(8);
        item.put(PK, s(organizationPrefix(credential) + "#sip#" + credential.account().uniquenessKey()));
        item.put("kind", s("deepslate-sip-account-guard"));
        item.put("credentialId", s(credential.id().toString()));
        item.put("createdAt", s(now.toString()));
        item.put(WRITE_TOKEN, s(writeToken));
        return item;
    }

    static final String EXPIRES_AT = "expiresAt";
    static final String FINGERPRINT = "fingerprint";
    static final String STATE = "state";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String CLAIM_TOKEN = "claimToken";
    /**
     * DynamoDB items are at most 400 KB. A kept answer larger than this (gzip) is not kept: the key is released
     * instead, and a repeat runs again (its write token makes it report the same credentials created).
     */
    static final int MAX_KEPT_BODY_BYTES = 300 * 1024;

    static String idempotencyKey(String scope, String key) {
        return "idem#" + scope + "#" + key;
    }

    /** The record as written; null when its answer is too large to keep (the caller then releases the key). */
    static Map<String, AttributeValue> idempotencyRecord(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(12);
        item.put(PK, s(idempotencyKey(record.scope(), record.key())));
        item.put("kind", s("idempotency-record"));
        item.put(FINGERPRINT, s(record.fingerprint()));
        item.put(CLAIM_TOKEN, s(record.claimToken()));
        item.put(STATE, s(record.state().name()));
        item.put(LEASE_UNTIL, AttributeValue.fromN(Long.toString(record.leaseUntil().toEpochMilli())));
        // Epoch seconds: the unit DynamoDB's TTL reads.
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(record.expiresAt().getEpochSecond())));
        if (record.state() == IdempotencyRecord.State.COMPLETED) {
            byte[] body = gzip(record.body());
            if (body.length > MAX_KEPT_BODY_BYTES) {
                return null;
            }
            item.put("status", n(record.status()));
            item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(body)));
        }
        return item;
    }

    static IdempotencyRecord idempotencyRecord(String scope, String key, Map<String, AttributeValue> item) {
        IdempotencyRecord.State state = IdempotencyRecord.State.valueOf(item.get(STATE).s());
        AttributeValue status = item.get("status");
        AttributeValue body = item.get("body");
        return new IdempotencyRecord(scope, key, item.get(FINGERPRINT).s(), item.get(CLAIM_TOKEN).s(), state,
                Instant.ofEpochMilli(Long.parseLong(item.get(LEASE_UNTIL).n())),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())),
                status == null ? 0 : Integer.parseInt(status.n()),
                body == null ? null : gunzip(body.b().asByteArray()));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, text.length() / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean writtenWith(Map<String, AttributeValue> item, String writeToken) {
        if (item == null) {
            return false;
        }
        AttributeValue token = item.get(WRITE_TOKEN);
        return token != null && writeToken.equals(token.s());
    }

    private static AttributeValue s(String value) {
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

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}

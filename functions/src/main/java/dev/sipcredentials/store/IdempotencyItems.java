package dev.sipcredentials.store;

import dev.sipcredentials.idempotency.IdempotencyRecord;
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

import static dev.sipcredentials.store.CredentialItems.n;
import static dev.sipcredentials.store.CredentialItems.s;

/**
 * How an idempotency record looks as a DynamoDB item (its key from {@link KeyScheme}): the claim, then the answer
 * to replay, kept gzip-compressed, expiring through the table's TTL on {@code expiresAt}.
 */
final class IdempotencyItems {
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

    /** The record as written; null when its answer is too large to keep (the caller then releases the key). */
    static Map<String, AttributeValue> item(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(12);
        item.put(KeyScheme.PK, s(KeyScheme.idempotencyRecord(record.scope(), record.key())));
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

    static IdempotencyRecord record(String scope, String key, Map<String, AttributeValue> item) {
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
}

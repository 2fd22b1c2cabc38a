package dev.sipcredentials.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The attribute names of an idempotency record ({@link IdempotencyItem}, its key from {@link KeyScheme}) that
 * conditions name, and how its answer is kept: gzip-compressed, expiring through the table's TTL on {@code expiresAt}.
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

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, text.length() / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

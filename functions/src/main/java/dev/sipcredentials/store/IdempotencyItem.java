package dev.sipcredentials.store;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.time.Instant;

/**
 * An idempotency record as the table holds it (attribute names and types as {@link IdempotencyItems} wrote them by
 * hand before): the claim, then the answer to replay. Immutable, mapped by {@link #SCHEMA}, built in code.
 */
final class IdempotencyItem {
    /** Built in code once per JVM (no bean introspection, no annotation scanning): see the class comment. */
    static final StaticImmutableTableSchema<IdempotencyItem, Builder> SCHEMA = schema();

    private final String pk;
    private final String kind;
    private final String fingerprint;
    private final String claimToken;
    private final String state;
    private final Long leaseUntil;
    private final Long expiresAt;
    private final Integer status;
    private final SdkBytes body;

    private IdempotencyItem(Builder b) {
        this.pk = b.pk;
        this.kind = b.kind;
        this.fingerprint = b.fingerprint;
        this.claimToken = b.claimToken;
        this.state = b.state;
        this.leaseUntil = b.leaseUntil;
        this.expiresAt = b.expiresAt;
        this.status = b.status;
        this.body = b.body;
    }

    static Builder builder() {
        return new Builder();
    }

    /** A builder holding this item's attributes, to change some of them. */
    Builder toBuilder() {
        Builder b = new Builder();
        b.pk = pk;
        b.kind = kind;
        b.fingerprint = fingerprint;
        b.claimToken = claimToken;
        b.state = state;
        b.leaseUntil = leaseUntil;
        b.expiresAt = expiresAt;
        b.status = status;
        b.body = body;
        return b;
    }

    /** {@link KeyScheme#idempotencyRecord}. */
    String pk() {
        return pk;
    }

    String kind() {
        return kind;
    }

    /** SHA-256 of what identifies the request (never a secret). */
    String fingerprint() {
        return fingerprint;
    }

    String claimToken() {
        return claimToken;
    }

    /** {@link IdempotencyRecord.State} by name. */
    String state() {
        return state;
    }

    /** Epoch milliseconds. */
    Long leaseUntil() {
        return leaseUntil;
    }

    /** Epoch seconds: the unit the table's TTL reads. */
    Long expiresAt() {
        return expiresAt;
    }

    /** The answer's HTTP status, once completed. */
    Integer status() {
        return status;
    }

    /** The answer kept for replay, gzip-compressed, once completed. */
    SdkBytes body() {
        return body;
    }


    static final String KIND = "idempotency-record";

    /** The record as written; null when its answer is too large to keep (the caller then releases the key). */
    static IdempotencyItem of(IdempotencyRecord record) {
        Builder item = builder()
                .pk(KeyScheme.idempotencyRecord(record.scope(), record.key()))
                .kind(KIND)
                .fingerprint(record.fingerprint())
                .claimToken(record.claimToken())
                .state(record.state().name())
                .leaseUntil(record.leaseUntil().toEpochMilli())
                .expiresAt(record.expiresAt().getEpochSecond());
        if (record.state() == IdempotencyRecord.State.COMPLETED) {
            byte[] body = IdempotencyItems.gzip(record.body());
            if (body.length > IdempotencyItems.MAX_KEPT_BODY_BYTES) {
                return null;
            }
            item.status(record.status()).body(SdkBytes.fromByteArray(body));
        }
        return item.build();
    }

    IdempotencyRecord record(String scope, String key) {
        return new IdempotencyRecord(scope, key, fingerprint, claimToken, IdempotencyRecord.State.valueOf(state),
                Instant.ofEpochMilli(leaseUntil), Instant.ofEpochSecond(expiresAt), status == null ? 0 : status,
                body == null ? null : IdempotencyItems.gunzip(body.asByteArray()));
    }

    static final class Builder {
        private String pk;
        private String kind;
        private String fingerprint;
        private String claimToken;
        private String state;
        private Long leaseUntil;
        private Long expiresAt;
        private Integer status;
        private SdkBytes body;

        private Builder() {
        }

        Builder pk(String value) {
            this.pk = value;
            return this;
        }

        Builder kind(String value) {
            this.kind = value;
            return this;
        }

        Builder fingerprint(String value) {
            this.fingerprint = value;
            return this;
        }

        Builder claimToken(String value) {
            this.claimToken = value;
            return this;
        }

        Builder state(String value) {
            this.state = value;
            return this;
        }

        Builder leaseUntil(Long value) {
            this.leaseUntil = value;
            return this;
        }

        Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        Builder status(Integer value) {
            this.status = value;
            return this;
        }

        Builder body(SdkBytes value) {
            this.body = value;
            return this;
        }

        IdempotencyItem build() {
            return new IdempotencyItem(this);
        }
    }

    private static StaticImmutableTableSchema<IdempotencyItem, Builder> schema() {
        return StaticImmutableTableSchema.builder(IdempotencyItem.class, Builder.class)
                .newItemBuilder(IdempotencyItem::builder, Builder::build)
                .attributeConverterProviders(ItemConverters.PROVIDER)
                .addAttribute(String.class, a -> a.name(KeyScheme.PK).getter(IdempotencyItem::pk).setter(Builder::pk).tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("kind").getter(IdempotencyItem::kind).setter(Builder::kind))
                .addAttribute(String.class, a -> a.name("fingerprint").getter(IdempotencyItem::fingerprint).setter(Builder::fingerprint))
                .addAttribute(String.class, a -> a.name("claimToken").getter(IdempotencyItem::claimToken).setter(Builder::claimToken))
                .addAttribute(String.class, a -> a.name("state").getter(IdempotencyItem::state).setter(Builder::state))
                .addAttribute(Long.class, a -> a.name("leaseUntil").getter(IdempotencyItem::leaseUntil).setter(Builder::leaseUntil))
                .addAttribute(Long.class, a -> a.name("expiresAt").getter(IdempotencyItem::expiresAt).setter(Builder::expiresAt))
                .addAttribute(Integer.class, a -> a.name("status").getter(IdempotencyItem::status).setter(Builder::status))
                .addAttribute(SdkBytes.class, a -> a.name("body").getter(IdempotencyItem::body).setter(Builder::body))
                .build();
    }
}

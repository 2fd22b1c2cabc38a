package dev.sipcredentials.store;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.time.Instant;

/**
 * An idempotency record as the table holds it (attribute names and types as {@link IdempotencyItems} wrote them by
 * hand before): the claim, then the answer to replay, gzipped. Mapped by {@link #SCHEMA}, built in code.
 */
record IdempotencyItem(String pk, String kind, String fingerprint, String claimToken, String state, Long leaseUntil,
                       Long expiresAt, Integer status, SdkBytes body) {
    static final String KIND = "idempotency-record";
    static final StaticImmutableTableSchema<IdempotencyItem, ItemSchema.Fields> SCHEMA =
            ItemSchema.of(IdempotencyItem.class, f -> new IdempotencyItem(f.s(KeyScheme.PK), f.s("kind"),
                            f.s(IdempotencyItems.FINGERPRINT), f.s(IdempotencyItems.CLAIM_TOKEN),
                            f.s(IdempotencyItems.STATE), f.l(IdempotencyItems.LEASE_UNTIL),
                            f.l(IdempotencyItems.EXPIRES_AT), f.n("status"), f.b("body")))
                    .s(KeyScheme.PK, IdempotencyItem::pk, StaticAttributeTags.primaryPartitionKey())
                    .s("kind", IdempotencyItem::kind).s(IdempotencyItems.FINGERPRINT, IdempotencyItem::fingerprint)
                    .s(IdempotencyItems.CLAIM_TOKEN, IdempotencyItem::claimToken)
                    .s(IdempotencyItems.STATE, IdempotencyItem::state)
                    .l(IdempotencyItems.LEASE_UNTIL, IdempotencyItem::leaseUntil)
                    .l(IdempotencyItems.EXPIRES_AT, IdempotencyItem::expiresAt)
                    .n("status", IdempotencyItem::status).b("body", IdempotencyItem::body).build();

    /** The record as written; null when its answer is too large to keep (the caller then releases the key). */
    static IdempotencyItem of(IdempotencyRecord record) {
        Integer status = null;
        SdkBytes body = null;
        if (record.state() == IdempotencyRecord.State.COMPLETED) {
            byte[] gzipped = IdempotencyItems.gzip(record.body());
            if (gzipped.length > IdempotencyItems.MAX_KEPT_BODY_BYTES) {
                return null;
            }
            status = record.status();
            body = SdkBytes.fromByteArray(gzipped);
        }
        return new IdempotencyItem(KeyScheme.idempotencyRecord(record.scope(), record.key()), KIND,
                record.fingerprint(), record.claimToken(), record.state().name(), record.leaseUntil().toEpochMilli(),
                record.expiresAt().getEpochSecond(), status, body);
    }

    IdempotencyRecord record(String scope, String key) {
        return new IdempotencyRecord(scope, key, fingerprint, claimToken, IdempotencyRecord.State.valueOf(state),
                Instant.ofEpochMilli(leaseUntil), Instant.ofEpochSecond(expiresAt), status == null ? 0 : status,
                body == null ? null : IdempotencyItems.gunzip(body.asByteArray()));
    }

    /** Never the answer (an XML answer echoes Hash1/Hash1b): items pass through code that logs. */
    @Override
    public String toString() {
        return "IdempotencyItem[" + pk + ", " + state + "]";
    }
}

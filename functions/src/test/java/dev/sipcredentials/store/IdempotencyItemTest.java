package dev.sipcredentials.store;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The enhanced client's schema writes the idempotency items the hand-written maps wrote, and reads them back. */
class IdempotencyItemTest {
    private static final IdempotencyRecord PENDING = new IdempotencyRecord("ds#v#o", "key-1", "f1ngerprint", "claim-1",
            IdempotencyRecord.State.PENDING, Instant.ofEpochMilli(1_795_374_298_390L),
            Instant.ofEpochSecond(1_795_460_638L), 0, null);

    @Test
    void aClaimIsTheItemTheHandWrittenMapWrote() {
        Map<String, AttributeValue> before = new HashMap<>();
        before.put("pk", AttributeValue.fromS("idem#ds#v#o#key-1"));
        before.put("kind", AttributeValue.fromS("idempotency-record"));
        before.put("fingerprint", AttributeValue.fromS("f1ngerprint"));
        before.put("claimToken", AttributeValue.fromS("claim-1"));
        before.put("state", AttributeValue.fromS("PENDING"));
        before.put("leaseUntil", AttributeValue.fromN("1795374298390"));
        before.put("expiresAt", AttributeValue.fromN("1795460638"));

        assertThat(IdempotencyItem.SCHEMA.itemToMap(IdempotencyItem.of(PENDING), true)).isEqualTo(before);
        assertThat(IdempotencyItem.SCHEMA.mapToItem(before).record("ds#v#o", "key-1")).isEqualTo(PENDING);
    }

    @Test
    void aCompletedRecordKeepsItsAnswerGzippedAndReadsBackTheSame() {
        IdempotencyRecord completed = PENDING.completed(201, "{\"success\":true}");

        Map<String, AttributeValue> item = IdempotencyItem.SCHEMA.itemToMap(IdempotencyItem.of(completed), true);

        assertThat(item.get("state")).isEqualTo(AttributeValue.fromS("COMPLETED"));
        assertThat(item.get("status")).isEqualTo(AttributeValue.fromN("201"));
        assertThat(IdempotencyItems.gunzip(item.get("body").b().asByteArray())).isEqualTo("{\"success\":true}");
        assertThat(IdempotencyItem.SCHEMA.mapToItem(item).record("ds#v#o", "key-1")).isEqualTo(completed);
    }

    @Test
    void anAnswerTooLargeToKeepIsNotKept() {
        StringBuilder random = new StringBuilder();
        java.util.Random seeded = new java.util.Random(7);
        while (random.length() < 500 * 1024) {
            random.append(Long.toString(seeded.nextLong(), 36));
        }

        assertThat(IdempotencyItem.of(PENDING.completed(201, random.toString()))).isNull();
    }
}

package dev.sipcredentials.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeyHeaderTest {

    @Test
    void keysAreOneTo255PrintableAsciiCharactersWithoutSpaces() {
        assertThat(IdempotencyKeyHeader.isValidKey("a")).isTrue();
        assertThat(IdempotencyKeyHeader.isValidKey("x".repeat(255))).isTrue();
        assertThat(IdempotencyKeyHeader.isValidKey("!~#:/=")).isTrue();
        assertThat(IdempotencyKeyHeader.isValidKey(null)).isFalse();
        assertThat(IdempotencyKeyHeader.isValidKey("")).isFalse();
        assertThat(IdempotencyKeyHeader.isValidKey("x".repeat(256))).isFalse();
        assertThat(IdempotencyKeyHeader.isValidKey("a b")).isFalse();
        assertThat(IdempotencyKeyHeader.isValidKey("a\u007f")).isFalse();
        assertThat(IdempotencyKeyHeader.isValidKey("\u00e9")).isFalse();
    }
}

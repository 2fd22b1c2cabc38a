package dev.sipcredentials.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void wellFormedUtf8IsValidAndMalformedFormsAreNot() {
        assertThat(Utf8.isValid("Grüße, 世界 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid(new byte[0])).isTrue();
        assertThat(Utf8.isValid(new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b'})).as("overlong '/'").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("encoded surrogate").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).as("> U+10FFFF")
                .isFalse();
        assertThat(Utf8.isValid(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).as("truncated").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xFF, (byte) 0xFE, '<', 0})).as("UTF-16 BOM").isFalse();
    }

    @Test
    void aReplacementCharacterCountsAsMalformed() {
        // What an upstream decoder leaves of malformed bytes in a text body: the body was not UTF-8.
        assertThat(Utf8.isValid("<UserName>a\uFFFDb</UserName>".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Utf8.isValid("\uFFFD".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Utf8.isValid("\uFFFC\uFFFE".getBytes(StandardCharsets.UTF_8))).as("its neighbours").isTrue();
    }

    @Test
    void cleanTextHasNoUnpairedSurrogateNorReplacementCharacter() {
        assertThat(Utf8.isCleanText("agent 😀")).isTrue();
        assertThat(Utf8.isCleanText("agent\ud800")).isFalse();
        assertThat(Utf8.isCleanText("\udc00agent")).isFalse();
        assertThat(Utf8.isCleanText("a\ud800b")).isFalse();
        assertThat(Utf8.isCleanText("ag\uFFFDent")).isFalse();
    }
}

package dev.sipcredentials.provisioning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class SipUserPartTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%61lice|alice", "al%69ce|alice", "%41LICE|ALICE", "%7euser|~user", "%2D%5F%2E%21%7E%2A%27%28%29|-_.!~*'()",
            "a%2fb|a%2Fb", "a%2Fb|a%2Fb", "a%40b|a%40b", "%c3%a9|%C3%A9", "100%25|100%25", "%3b%3F%26|%3B%3F%26",
            "plain|plain", "a/b|a/b", "%6|%6", "%zz|%zz", "%%61|%a"})
    void decodesUnreservedEscapesAndUpperCasesTheRest(String submitted, String canonical) {
        assertThat(SipUserPart.canonical(submitted)).isEqualTo(canonical);
    }

    /** The key scheme changed for escaped unreserved characters only: every other name keeps the key it had. */
    @ParameterizedTest
    @ValueSource(strings = {"Bill", "bILL@BW.com", "a%2fb", "a%2F%3Bb", "x%C3%A9", "&=+$,;?/", "John.Doe_1", "100%25"})
    void namesWithoutEscapedUnreservedCharactersKeepTheirOldKey(String userName) {
        AccountCredential credential = new AccountCredential(userName, null, "h", null);

        assertThat(credential.uniquenessKey()).isEqualTo(userName.toLowerCase(Locale.ROOT));
    }

    @Test
    void escapedSpellingsShareOneKeyAndTheNameStaysAsSent() {
        AccountCredential escaped = new AccountCredential("%61lice", "BW.com", "h", null);
        AccountCredential plain = new AccountCredential("alice", "bw.com", "h", null);

        assertThat(escaped.uniquenessKey()).isEqualTo(plain.uniquenessKey()).isEqualTo("alice@bw.com");
        assertThat(escaped.name()).isEqualTo("%61lice@BW.com");
    }

    @Test
    void usernamesAreComparedInNfcAndKeptAsSent() {
        SipServerLogin decomposed = new SipServerLogin("h", "h", 5060, "jose\u0301");
        SipServerLogin composed = new SipServerLogin("h", "h", 5060, "jos\u00e9");

        assertThat(decomposed.uniquenessKey()).isEqualTo(composed.uniquenessKey()).isEqualTo("h#5060#jos\u00e9");
        assertThat(decomposed.username()).isEqualTo("jose\u0301");
        assertThat(new SipServerLogin("h", "h", 5060, "Agent-001").uniquenessKey()).isEqualTo("h#5060#Agent-001");
    }

    @Test
    void formatCharactersAreFound() {
        assertThat(UsernameText.hasFormatCharacter("agent001\u200b")).isTrue();
        assertThat(UsernameText.hasFormatCharacter("agent\u202e100")).isTrue();
        assertThat(UsernameText.hasFormatCharacter("\ud834\udd73x")).as("U+1D173, a Cf outside the BMP").isTrue();
        assertThat(UsernameText.hasFormatCharacter("jos\u00e9 \u20ac")).isFalse();
    }
}

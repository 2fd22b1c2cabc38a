package dev.sipcredentials.bandwidth;

import dev.sipcredentials.provisioning.AccountCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SipCredentialRulesTest {
    private static final String NAME_32 = "a".repeat(32);
    private static final String NAME_33 = "a".repeat(33);
    private static final String DOMAIN_32 = "d".repeat(28) + ".com";
    private static final String DOMAIN_33 = "d".repeat(29) + ".com";
    private static final String HASH_64 = "h".repeat(64);
    private static final String HASH_65 = "h".repeat(65);

    private static SubmittedCredential submitted(String userName, String domain, String hash1, String hash1b) {
        return new SubmittedCredential(userName, domain, hash1, hash1b, null);
    }

    private static BandwidthError errorOf(SubmittedCredential submitted) {
        SipCredentialRules.Checked verdict = SipCredentialRules.check(submitted);
        assertThat(verdict.credential()).as("credential when an error is expected").isNull();
        return verdict.error();
    }

    private static AccountCredential credentialOf(SubmittedCredential submitted) {
        SipCredentialRules.Checked verdict = SipCredentialRules.check(submitted);
        assertThat(verdict.error()).as("error for a valid entry").isNull();
        return verdict.credential();
    }

    // ---- valid entries -------------------------------------------------------------------------------------

    @Test
    void seedEntryWithDomainIsValidAndNamedUserAtDomain() {
        AccountCredential credential =
                credentialOf(submitted("John", "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24"));

        assertThat(credential).isEqualTo(new AccountCredential("John", "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24"));
        assertThat(credential.name()).isEqualTo("John@bw.com");
        assertThat(credential.uniquenessKey()).isEqualTo("john@bw.com");
    }

    @Test
    void seedAggregatedNameWithoutDomainIsValidAndNamedAsGiven() {
        AccountCredential credential = credentialOf(submitted("Mathew@bw.com", null, "43543gggs43g324", "1g32gadgs433a34"));

        assertThat(credential).isEqualTo(new AccountCredential("Mathew@bw.com", null, "43543gggs43g324", "1g32gadgs433a34"));
        assertThat(credential.name()).isEqualTo("Mathew@bw.com");
    }

    @Test
    void userNameWithoutDomainIsNamedByUserNameAlone() {
        AccountCredential credential = credentialOf(submitted("Bill", null, "h", null));

        assertThat(credential.name()).isEqualTo("Bill");
        assertThat(credential.hash1b()).isNull();
        assertThat(credential.domain()).isNull();
    }

    @Test
    void userNameAndDomainMakeTheSameNameAsTheAggregatedForm() {
        AccountCredential split = credentialOf(submitted("Bill", "bw.com", "h", null));
        AccountCredential aggregated = credentialOf(submitted("bill@BW.com", null, "h", null));

        assertThat(split.uniquenessKey()).isEqualTo(aggregated.uniquenessKey()).isEqualTo("bill@bw.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1g32gadgs433dd4", "zzzz", "ZZ-zz_!~", "0123456789abcdef0123456789abcdef", "x", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})
    void hashesNeedNotBeHex(String hash) {
        assertThat(credentialOf(submitted("u", null, hash, hash))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "John", "agent.001", "a-_.!~*'()&=+$,;?/z", "a%41b", "%7E", "UPPER", "0123"})
    void sipUserCharactersAreAccepted(String userName) {
        assertThat(credentialOf(submitted(userName, "bw.com", "h", null)).userName()).isEqualTo(userName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bw.com", "a", "sub.domain.example", "a-b.c-d", "123.com", "A.B"})
    void domainsAreAccepted(String domain) {
        assertThat(credentialOf(submitted("u", domain, "h", null)).domain()).isEqualTo(domain);
    }

    // ---- each rule -----------------------------------------------------------------------------------------

    @Test
    void missingUserNameIs1003WithBandwidthText() {
        BandwidthError error = errorOf(submitted(null, "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24"));

        assertThat(error).isEqualTo(BandwidthError.USER_NAME_REQUIRED);
        assertThat(error.code()).isEqualTo(1003);
        assertThat(error.description()).isEqualTo("UserName is required");
    }

    @Test
    void missingHash1Is1004() {
        BandwidthError error = errorOf(submitted("u", null, null, "h"));

        assertThat(error).isEqualTo(BandwidthError.HASH1_REQUIRED);
        assertThat(error.code()).isEqualTo(1004);
    }

    @Test
    void userNameOf32CharactersIsAcceptedAnd33Is1005() {
        assertThat(credentialOf(submitted(NAME_32, null, "h", null)).userName()).isEqualTo(NAME_32);
        assertThat(errorOf(submitted(NAME_33, null, "h", null))).isEqualTo(BandwidthError.USER_NAME_TOO_LONG);
        assertThat(BandwidthError.USER_NAME_TOO_LONG.code()).isEqualTo(1005);
    }

    @Test
    void aggregatedUserNameLengthCountsTheWholeName() {
        String aggregated32 = "u".repeat(25) + "@bw.com";
        String aggregated33 = "u".repeat(26) + "@bw.com";

        assertThat(credentialOf(submitted(aggregated32, null, "h", null)).name()).isEqualTo(aggregated32);
        assertThat(errorOf(submitted(aggregated33, null, "h", null))).isEqualTo(BandwidthError.USER_NAME_TOO_LONG);
    }

    @Test
    void domainOf32CharactersIsAcceptedAnd33Is1006() {
        assertThat(credentialOf(submitted("u", DOMAIN_32, "h", null)).domain()).isEqualTo(DOMAIN_32);
        assertThat(errorOf(submitted("u", DOMAIN_33, "h", null))).isEqualTo(BandwidthError.DOMAIN_TOO_LONG);
        assertThat(BandwidthError.DOMAIN_TOO_LONG.code()).isEqualTo(1006);
    }

    @Test
    void hash1Of64CharactersIsAcceptedAnd65Is1007() {
        assertThat(credentialOf(submitted("u", null, HASH_64, null)).hash1()).isEqualTo(HASH_64);
        assertThat(errorOf(submitted("u", null, HASH_65, null))).isEqualTo(BandwidthError.HASH1_TOO_LONG);
        assertThat(BandwidthError.HASH1_TOO_LONG.code()).isEqualTo(1007);
    }

    @Test
    void hash1bOf64CharactersIsAcceptedAnd65Is1008() {
        assertThat(credentialOf(submitted("u", null, "h", HASH_64)).hash1b()).isEqualTo(HASH_64);
        assertThat(errorOf(submitted("u", null, "h", HASH_65))).isEqualTo(BandwidthError.HASH1B_TOO_LONG);
        assertThat(BandwidthError.HASH1B_TOO_LONG.code()).isEqualTo(1008);
    }

    @Test
    void userNameWithAtAndDomainIs1009() {
        BandwidthError error = errorOf(submitted("John@bw.com", "bw.com", "h", null));

        assertThat(error).isEqualTo(BandwidthError.USER_NAME_WITH_AT_AND_DOMAIN);
        assertThat(error.code()).isEqualTo(1009);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jo hn", "jo<hn", "jo\"hn", "jo:hn", "jo#hn", "j\u00f6rg", "a%zz", "a%4", "a%", "jo\thn",
            "@bw.com", "john@", "john@bw..com", "john@.bw.com", "john@bw.com.", "john@-bw.com", "john@bw_com",
            "a@b@c.com"})
    void userNameWithCharactersOutsideSipUserIs1010(String userName) {
        assertThat(errorOf(submitted(userName, null, "h", null))).isEqualTo(BandwidthError.USER_NAME_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bw_com", ".bw.com", "bw.com.", "-bw.com", "bw.com-", "bw..com", "bw com", "b\u00fc.com",
            "bw.com:5060", "bw/com"})
    void invalidDomainIs1011(String domain) {
        assertThat(errorOf(submitted("u", domain, "h", null))).isEqualTo(BandwidthError.DOMAIN_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\tb", "\u00e9", "abc\u007f", "abc\u0001"})
    void hash1OutsidePrintableAsciiIs1012(String hash) {
        assertThat(errorOf(submitted("u", null, hash, null))).isEqualTo(BandwidthError.HASH_INVALID);
        assertThat(errorOf(submitted("u", null, "ok", hash))).isEqualTo(BandwidthError.HASH_INVALID);
    }

    @Test
    void structuralErrorIsReportedAsIs() {
        SubmittedCredential unexpected = new SubmittedCredential("u", null, "h", null, BandwidthError.UNEXPECTED_ELEMENT);
        SubmittedCredential repeated = new SubmittedCredential("u", null, "h", null, BandwidthError.REPEATED_ELEMENT);

        assertThat(errorOf(unexpected)).isEqualTo(BandwidthError.UNEXPECTED_ELEMENT);
        assertThat(errorOf(repeated)).isEqualTo(BandwidthError.REPEATED_ELEMENT);
    }

    // ---- precedence: the first broken rule wins ------------------------------------------------------------

    static Stream<Arguments> twoBrokenRules() {
        return Stream.of(
                arguments("structural before missing UserName",
                        new SubmittedCredential(null, null, null, null, BandwidthError.UNEXPECTED_ELEMENT),
                        BandwidthError.UNEXPECTED_ELEMENT),
                arguments("missing UserName before missing Hash1",
                        submitted(null, "bw.com", null, null), BandwidthError.USER_NAME_REQUIRED),
                arguments("missing UserName before too-long Domain",
                        submitted(null, DOMAIN_33, "h", null), BandwidthError.USER_NAME_REQUIRED),
                arguments("missing Hash1 before too-long UserName",
                        submitted(NAME_33, null, null, null), BandwidthError.HASH1_REQUIRED),
                arguments("too-long UserName before too-long Domain",
                        submitted(NAME_33, DOMAIN_33, "h", null), BandwidthError.USER_NAME_TOO_LONG),
                arguments("too-long Domain before too-long Hash1",
                        submitted("u", DOMAIN_33, HASH_65, null), BandwidthError.DOMAIN_TOO_LONG),
                arguments("too-long Hash1 before too-long Hash1b",
                        submitted("u", null, HASH_65, HASH_65), BandwidthError.HASH1_TOO_LONG),
                arguments("too-long Hash1b before '@' with Domain",
                        submitted("a@b.com", "bw.com", "h", HASH_65), BandwidthError.HASH1B_TOO_LONG),
                arguments("'@' with Domain before invalid UserName characters",
                        submitted("a b@c.com", "bw.com", "h", null), BandwidthError.USER_NAME_WITH_AT_AND_DOMAIN),
                arguments("'@' with Domain before invalid Domain",
                        submitted("a@b.com", "bw_com", "h", null), BandwidthError.USER_NAME_WITH_AT_AND_DOMAIN),
                arguments("invalid UserName before invalid Domain",
                        submitted("a b", "bw_com", "h", null), BandwidthError.USER_NAME_INVALID),
                arguments("invalid Domain before invalid hash",
                        submitted("u", "bw_com", "a b", null), BandwidthError.DOMAIN_INVALID),
                arguments("invalid UserName before invalid hash",
                        submitted("a b", null, "a b", null), BandwidthError.USER_NAME_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twoBrokenRules")
    void firstBrokenRuleIsReported(String description, SubmittedCredential submitted, BandwidthError expected) {
        assertThat(errorOf(submitted)).isEqualTo(expected);
    }

    // ---- accountId -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"41", "9900000", "abc-DEF_123", "a", "_", "12345678901234567890123456789012"})
    void accountIdsOfLettersDigitsDashAndUnderscoreUpTo32AreAccepted(String accountId) {
        assertThat(SipCredentialRules.isAccountId(accountId)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123456789012345678901234567890123", "4 1", "4/1", "4#1", "4.1", "41\n", "\u00e41",
            "../41", "41%20"})
    void otherAccountIdsAreRefused(String accountId) {
        assertThat(SipCredentialRules.isAccountId(accountId)).isFalse();
    }

    @Test
    void errorCodesAreTheDocumentedOnes() {
        assertThat(BandwidthError.USER_NAME_REQUIRED.code()).isEqualTo(1003);
        assertThat(BandwidthError.HASH1_REQUIRED.code()).isEqualTo(1004);
        assertThat(BandwidthError.USER_NAME_WITH_AT_AND_DOMAIN.code()).isEqualTo(1009);
        assertThat(BandwidthError.UNEXPECTED_ELEMENT.code()).isEqualTo(1013);
        assertThat(BandwidthError.REPEATED_ELEMENT.code()).isEqualTo(1014);
        assertThat(BandwidthError.ALREADY_EXISTS.code()).isEqualTo(23009);
        assertThat(BandwidthError.DTD_NOT_ALLOWED.code()).isEqualTo(1105);
        assertThat(BandwidthError.alreadyExists("Bill@bw.com", "41"))
                .isEqualTo("Sip credential Bill@bw.com does already exist on the account with ID = 41");
    }
}

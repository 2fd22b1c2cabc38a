package dev.sipcredentials.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantGrantTest {
    private static final String VENDOR = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String ORG = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

    @ParameterizedTest
    @ValueSource(strings = {"[\"41\",\"42\"]", "[\"41\", \"42\"]", " [\"41\",\"42\"] "})
    void readsAStringClaimHoldingAJsonArray(String claim) {
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, claim));

        assertThat(grant.accounts()).containsExactly("41", "42");
        assertThat(grant.grantsAccount("41")).isTrue();
        assertThat(grant.grantsAccount("42")).isTrue();
        assertThat(grant.grantsAccount("4")).isFalse();
        assertThat(grant.grantsAccount("[41")).isFalse();
        assertThat(grant.grantsAccount("41 42")).isFalse();
    }

    @Test
    void aSingleEntryListGrantsThatAccount() {
        assertThat(TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, "[41]")).grantsAccount("41"))
                .as("API Gateway's flattening is not read").isFalse();
        assertThat(TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, "[\"41\"]")).grantsAccount("41"))
                .isTrue();
    }

    /**
     * Anything but a JSON array of strings grants nothing at all: API Gateway's flattened form, a plain string, other
     * separators, and a JSON array holding anything but strings.
     */
    @ParameterizedTest
    @ValueSource(strings = {"[41 42]", "[41]", "41", "41 42", "41,42", "[41,42]", "[41  42]", "[ 41 42]", "[41 42 ]", " [41 42] ",
            "[41\t42]", "[41\n42]", "[\"41\",42]", "[\"41\",[\"42\"]]", "[\"41\",null]", "[\"41\",\"\"]",
            "[\"41\"", "[[\"41\"]]", "[41 \"42\"]"})
    void anyOtherFormGrantsNothing(String claim) {
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, claim));

        assertThat(grant.accounts()).isEmpty();
        assertThat(grant.grantsAccount("41")).isFalse();
        assertThat(grant.grantsAccount("42")).isFalse();
    }

    /** The review's findings: an element that is not an account id does not smuggle in the one inside it. */
    @ParameterizedTest
    @ValueSource(strings = {"[\"41 42\"]", "[\"41,99\"]", "[\"41\",\"99 42\"]", "[\"[41\",\"42]\"]",
            "[\"\\\"41\\\"\"]", "[41 a#b]", "[41 4/1]", "[41 4.1]", "[41 999999999999999999999999999999999]"})
    void oneMalformedElementMakesTheWholeClaimGrantNothing(String claim) {
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, claim));

        assertThat(grant.accounts()).isEmpty();
        assertThat(grant.grantsAccount("41")).isFalse();
        assertThat(grant.grantsAccount("42")).isFalse();
        assertThat(grant.grantsAccount("99")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"-0\"]", "[\"00\"]", "[\"1e3\"]", "[\"A-1_b\"]"})
    void aSingleEntryIsTakenVerbatimNotAsANumber(String claim) {
        String account = claim.substring(2, claim.length() - 2);
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, claim));

        assertThat(grant.accounts()).containsExactly(account);
        assertThat(grant.grantsAccount("0")).isFalse();
        assertThat(grant.grantsAccount("1000.0")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[" + VENDOR + "/" + ORG + " " + VENDOR + "]",
            "[" + VENDOR + "/" + ORG + " " + VENDOR + "/" + ORG + "/x]",
            "[" + VENDOR + "/" + ORG + " " + VENDOR + "/not-a-uuid]",
            "[" + VENDOR + "/" + ORG + " " + VENDOR + "/../" + ORG + "]",
            "[\"" + VENDOR + "/" + ORG + "\",\"" + VENDOR + "/" + ORG + " x\"]",
            "[" + VENDOR + "/" + ORG + " " + "gf1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b" + "/" + ORG + "]"})
    void oneMalformedOrganizationPairMakesTheClaimGrantNothing(String claim) {
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ORGANIZATIONS_CLAIM, claim));

        assertThat(grant.organizations()).isEmpty();
        assertThat(grant.grantsOrganization(VENDOR, ORG)).isFalse();
    }

    @Test
    void aMalformedClaimDoesNotAffectTheOtherClaim() {
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, "[\"41\",\"4#2\"]",
                TenantGrant.ORGANIZATIONS_CLAIM, "[\"" + VENDOR + "/" + ORG + "\"]"));

        assertThat(grant.grantsAccount("41")).isFalse();
        assertThat(grant.grantsOrganization(VENDOR, ORG)).isTrue();
    }

    @Test
    void organizationsArePairsComparedWithoutCaseAndOnlyAsPairs() {
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ORGANIZATIONS_CLAIM,
                "[\"" + VENDOR + "/" + ORG.toUpperCase() + "\"]"));

        assertThat(grant.grantsOrganization(VENDOR, ORG)).isTrue();
        assertThat(grant.grantsOrganization(VENDOR.toUpperCase(), ORG)).isTrue();
        assertThat(grant.grantsOrganization(ORG, VENDOR)).as("swapped").isFalse();
        assertThat(grant.grantsOrganization(VENDOR, VENDOR)).isFalse();
        assertThat(grant.grantsOrganization(VENDOR + "/" + ORG, "")).isFalse();
        assertThat(grant.grantsAccount(VENDOR)).as("an organization is no account").isFalse();
    }

    @Test
    void noClaimsOrOtherClaimsGrantNothing() {
        assertThat(TenantGrant.fromClaims(null).grantsAccount("41")).isFalse();
        assertThat(TenantGrant.fromClaims(Map.of()).grantsAccount("41")).isFalse();
        TenantGrant other = TenantGrant.fromClaims(Map.of("sub", "41", "scope", "41", "sip:account", "41"));
        assertThat(other.grantsAccount("41")).isFalse();
        assertThat(other.grantsOrganization(VENDOR, ORG)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "[*]", "[\"*\"]", "", "[]", "[ ]"})
    void thereIsNoWildcard(String claim) {
        TenantGrant grant = TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, claim,
                TenantGrant.ORGANIZATIONS_CLAIM, claim));

        assertThat(grant.grantsAccount("41")).isFalse();
        assertThat(grant.grantsAccount("")).isFalse();
        assertThat(grant.grantsAccount(null)).isFalse();
        assertThat(grant.grantsOrganization(VENDOR, ORG)).isFalse();
    }

    @Test
    void anOverlongClaimIsIgnored() {
        String claim = "[41 " + "9".repeat(20_000) + "]";
        assertThat(TenantGrant.fromClaims(Map.of(TenantGrant.ACCOUNTS_CLAIM, claim)).grantsAccount("41")).isFalse();
    }
}

package dev.sipcredentials.store;

import dev.sipcredentials.sealing.DataKeyProvider;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import dev.sipcredentials.sealing.PasswordSealer;
import dev.sipcredentials.sealing.SealedPassword;
import dev.sipcredentials.store.StoredPasswords;

import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipServerLogin;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopePasswordSealerTest {
    private static final String PASSWORD = "strong-password";
    private static final UUID VENDOR = UUID.fromString("3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10");
    private static final UUID ORGANIZATION = UUID.fromString("8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13");
    /** The organization's key scope: whose tenant key seals its passwords. */
    private static final String TENANT = "ds#" + VENDOR + "#" + ORGANIZATION;
    private final LocalMasterKeyProvider masterKey = new LocalMasterKeyProvider(randomKey());
    private final EnvelopePasswordSealer sealer = new EnvelopePasswordSealer(keyring(), masterKey);

    private static dev.sipcredentials.sealing.TenantKeyring keyring() {
        return new dev.sipcredentials.sealing.TenantKeyring(new dev.sipcredentials.testkit.InMemoryTenantKeyStore(),
                dev.sipcredentials.sealing.KeyPairVault.local(randomKey()), java.time.Clock.systemUTC(),
                java.time.Duration.ofMinutes(5));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static OrganizationCredential credential(String password) {
        return new OrganizationCredential(UUID.randomUUID(), VENDOR, ORGANIZATION,
                new SipServerLogin("sip.example", "sip.example", 5060, "agent"), password, 10);
    }

    private static byte[] aad(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sealedPasswordOpensWithTheSameKeyAndAad() {
        SealedPassword sealed = sealer.seal(TENANT, PASSWORD, aad("record-1"));

        assertThat(sealed.algorithm()).isEqualTo("AES-256-GCM");
        assertThat(sealed.keyId()).isEqualTo("tenant-key/v1");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(PASSWORD.length() + 16);
        assertThat(sealer.open(TENANT, sealed, aad("record-1"))).isEqualTo(PASSWORD);
        assertThat(sealed.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void everySealUsesAFreshNonceUnderTheTenantsEpochKey() {
        SealedPassword a = sealer.seal(TENANT, PASSWORD, aad("r"));
        SealedPassword b = sealer.seal(TENANT, PASSWORD, aad("r"));

        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.wrappedDataKey()).as("one epoch per cache period: no KMS call per password")
                .isEqualTo(b.wrappedDataKey());
    }

    @Test
    void anotherRecordsAadDoesNotOpenIt() {
        SealedPassword sealed = sealer.seal(TENANT, PASSWORD, aad("record-1"));

        assertThatThrownBy(() -> sealer.open(TENANT, sealed, aad("record-2")))
                .isInstanceOf(PasswordSealer.SealException.class)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void tamperedCiphertextNonceOrWrappedKeyDoesNotOpen() {
        SealedPassword sealed = sealer.seal(TENANT, PASSWORD, aad("r"));
        for (int part = 0; part < 3; part++) {
            byte[] ciphertext = sealed.ciphertext().clone();
            byte[] nonce = sealed.nonce().clone();
            byte[] wrapped = sealed.wrappedDataKey().clone();
            (part == 0 ? ciphertext : part == 1 ? nonce : wrapped)[3] ^= 0x01;
            SealedPassword tampered = new SealedPassword(sealed.algorithm(), sealed.keyId(), wrapped, nonce, ciphertext);

            assertThatThrownBy(() -> sealer.open(TENANT, tampered, aad("r"))).as("part " + part)
                    .isInstanceOf(PasswordSealer.SealException.class);
        }
    }

    @Test
    void anotherTenantsKeysDoNotOpenIt() {
        SealedPassword sealed = sealer.seal(TENANT, PASSWORD, aad("r"));
        EnvelopePasswordSealer other = new EnvelopePasswordSealer(keyring(), new LocalMasterKeyProvider(randomKey()));
        other.seal(TENANT, PASSWORD, aad("r")); // the other keyring has a key for the same tenant name

        assertThatThrownBy(() -> other.open(TENANT, sealed, aad("r"))).isInstanceOf(PasswordSealer.SealException.class);
        String otherOrganization = "ds#" + VENDOR + "#" + UUID.randomUUID();
        sealer.seal(otherOrganization, PASSWORD, aad("r"));
        assertThatThrownBy(() -> sealer.open(otherOrganization, sealed, aad("r")))
                .as("opened as another organization of the same keyring").isInstanceOf(PasswordSealer.SealException.class);
    }

    @Test
    void theItemHoldsNoPasswordInAnyEncodingAndOpensFromItsOwnAttributes() {
        String password = "Pa55-w0rd!unique-" + UUID.randomUUID();
        OrganizationCredential credential = credential(password);
        SealedPassword sealed = sealer.seal(TENANT, password, CredentialItems.passwordAad(credential));

        Map<String, AttributeValue> item = CredentialItems.organizationCredential(credential, sealed, "token",
                Instant.now());

        assertThat(item).doesNotContainKey("password");
        for (String encoded : encodings(password)) {
            for (var attribute : item.entrySet()) {
                assertThat(text(attribute.getValue())).as(attribute.getKey()).doesNotContain(encoded);
            }
        }
        assertThat(StoredPasswords.open(item, sealer)).isEqualTo(password);
    }

    @Test
    void ciphertextSwappedBetweenItemsDoesNotOpen() {
        OrganizationCredential first = credential("first-secret");
        OrganizationCredential second = credential("second-secret");
        Map<String, AttributeValue> a = new HashMap<>(CredentialItems.organizationCredential(first,
                sealer.seal(TENANT, "first-secret", CredentialItems.passwordAad(first)), "t", Instant.now()));
        Map<String, AttributeValue> b = CredentialItems.organizationCredential(second,
                sealer.seal(TENANT, "second-secret", CredentialItems.passwordAad(second)), "t", Instant.now());
        for (String attribute : List.of("passwordKeyId", "passwordDataKey", "passwordNonce", "passwordCiphertext")) {
            a.put(attribute, b.get(attribute));
        }

        assertThatThrownBy(() -> StoredPasswords.open(a, sealer)).isInstanceOf(PasswordSealer.SealException.class);
    }

    /**
     * A table writer who points a sealed password at another SIP server (or port, or username) must not get it
     * used there: hostname, port and username are in the AAD.
     */
    @Test
    void aPasswordPointedAtAnotherHostPortOrUsernameDoesNotOpen() {
        OrganizationCredential credential = credential("bound-secret");
        Map<String, AttributeValue> item = CredentialItems.organizationCredential(credential,
                sealer.seal(TENANT, "bound-secret", CredentialItems.passwordAad(credential)), "t", Instant.now());
        assertThat(StoredPasswords.open(item, sealer)).isEqualTo("bound-secret");

        for (Map.Entry<String, AttributeValue> change : List.of(
                Map.entry("hostname", AttributeValue.fromS("attacker.example")),
                Map.entry("port", AttributeValue.fromN("5061")),
                Map.entry("username", AttributeValue.fromS("agent2")))) {
            Map<String, AttributeValue> moved = new HashMap<>(item);
            moved.put(change.getKey(), change.getValue());

            assertThatThrownBy(() -> StoredPasswords.open(moved, sealer)).as(change.getKey())
                    .isInstanceOf(PasswordSealer.SealException.class);
        }
    }

    /** Items written before the AAD named the SIP account (no version attribute) still open, with the old AAD. */
    @Test
    void anItemSealedWithTheFirstAadStillOpens() {
        OrganizationCredential credential = credential("old-secret");
        byte[] firstAad = ("sip-credentials/password/v1|" + credential.vendorId() + "|" + credential.organizationId()
                + "|" + credential.id()).getBytes(StandardCharsets.UTF_8);
        Map<String, AttributeValue> item = new HashMap<>(CredentialItems.organizationCredential(credential,
                sealer.seal(TENANT, "old-secret", firstAad), "t", Instant.now()));
        item.remove("passwordAadVersion");

        assertThat(StoredPasswords.open(item, sealer)).isEqualTo("old-secret");
    }

    /** Downgrading a new item (dropping its version marker) does not make the old, weaker AAD apply to it. */
    @Test
    void aNewItemWithoutItsVersionMarkerDoesNotOpen() {
        OrganizationCredential credential = credential("new-secret");
        Map<String, AttributeValue> item = new HashMap<>(CredentialItems.organizationCredential(credential,
                sealer.seal(TENANT, "new-secret", CredentialItems.passwordAad(credential)), "t", Instant.now()));
        assertThat(item).containsKey("passwordAadVersion");
        item.remove("passwordAadVersion");

        assertThatThrownBy(() -> StoredPasswords.open(item, sealer)).isInstanceOf(PasswordSealer.SealException.class);
    }

    /** Every spelling of the password a careless store might leave: plain, base64 (3 alignments), hex, UTF-16. */
    static List<String> encodings(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        List<String> encodings = new ArrayList<>(List.of(password, HexFormat.of().formatHex(bytes),
                HexFormat.of().withUpperCase().formatHex(bytes), new String(password.getBytes(StandardCharsets.UTF_16BE),
                        StandardCharsets.ISO_8859_1)));
        for (int shift = 0; shift < 3; shift++) {
            String b64 = Base64.getEncoder().encodeToString(("xx".substring(0, shift) + password)
                    .getBytes(StandardCharsets.UTF_8));
            // Skip the characters that depend on the prefix and on the padding.
            encodings.add(b64.substring(shift == 0 ? 0 : 4, b64.length() - 4));
        }
        return encodings;
    }

    private static String text(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        SdkBytes bytes = value.b();
        return bytes == null ? String.valueOf(value)
                : new String(bytes.asByteArray(), StandardCharsets.ISO_8859_1) + Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}

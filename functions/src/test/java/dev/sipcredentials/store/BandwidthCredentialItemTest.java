package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;

import dev.sipcredentials.provisioning.AccountCredential;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The enhanced client's mapping writes exactly what the hand-written item maps wrote, and reads them back. */
class BandwidthCredentialItemTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123Z");
    private final HashSealer sealer = new HashSealer(new dev.sipcredentials.sealing.TenantKeyring(
            new dev.sipcredentials.testkit.InMemoryTenantKeyStore(), dev.sipcredentials.sealing.KeyPairVault.local(randomKey()),
            java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(5)), new LocalMasterKeyProvider(randomKey()));

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** What CredentialItems wrote for a create before the mapping moved to the enhanced client. */
    private static Map<String, AttributeValue> handWritten(String accountId, AccountCredential credential,
                                                           Map<String, AttributeValue> sealed, String caller) {
        return CredentialItems.audited(CredentialItems.accountCredential(accountId, credential, sealed, "token-1",
                NOW), caller);
    }

    @Test
    void everyShapeOfCreateMapsToTheSameAttributesAndValues() {
        for (AccountCredential credential : new AccountCredential[]{
                new AccountCredential("Alice", "bw.com", "0123456789abcdef", "fedcba9876543210"),
                new AccountCredential("Bob@Example.com", null, "h1", null),
                new AccountCredential("carol", null, "h1", "h1b")}) {
            Map<String, AttributeValue> sealed = sealer.seal("41", credential);

            Map<String, AttributeValue> mapped = BandwidthCredentialItem.created("41", credential, sealed,
                    "token-1", NOW, "user-7").attributes();

            assertThat(mapped).as(credential.name()).isEqualTo(handWritten("41", credential, sealed, "user-7"));
            assertThat(BandwidthCredentialItem.created("41", credential, sealed, "token-1", NOW, null).attributes())
                    .isEqualTo(handWritten("41", credential, sealed, null));
        }
    }

    @Test
    void anItemWrittenByTheOldCodeReadsBackAndOpens() {
        AccountCredential credential = new AccountCredential("Alice", "bw.com", "0123456789abcdef", "fedcba98");
        Map<String, AttributeValue> old = handWritten("41", credential, sealer.seal("41", credential), "u");

        BandwidthCredentialItem item = BandwidthCredentialItem.of(old);

        assertThat(item.name()).isEqualTo("Alice@bw.com");
        assertThat(item.userName()).isEqualTo("Alice");
        assertThat(item.domain()).isEqualTo("bw.com");
        assertThat(item.listPk()).isEqualTo(old.get("listPk").s());
        assertThat(item.listSk()).isEqualTo("alice@bw.com");
        assertThat(item.writeToken()).isEqualTo("token-1");
        assertThat(item.attributes()).isEqualTo(old);
        assertThat(sealer.open(item.attributes(), "41", "alice@bw.com")).isEqualTo(new HashSealer.Hashes("0123456789abcdef", "fedcba98"));
        assertThat(item.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void aLegacyItemWithClearHashesReadsAndNewSealedHashesReplaceThem() {
        Map<String, AttributeValue> legacy = new HashMap<>();
        legacy.put("pk", AttributeValue.fromS("bw#41#dave"));
        legacy.put("kind", AttributeValue.fromS("bandwidth-sip-credential"));
        legacy.put("accountId", AttributeValue.fromS("41"));
        legacy.put("name", AttributeValue.fromS("dave"));
        legacy.put("userName", AttributeValue.fromS("dave"));
        legacy.put("hash1", AttributeValue.fromS("clear1"));
        legacy.put("hash1b", AttributeValue.fromS("clear1b"));
        legacy.put("createdAt", AttributeValue.fromS(NOW.toString()));
        legacy.put("writeToken", AttributeValue.fromS("old"));

        BandwidthCredentialItem item = BandwidthCredentialItem.of(legacy);
        assertThat(item.attributes()).isEqualTo(legacy);
        assertThat(sealer.open(item.attributes(), "41", "dave")).isEqualTo(new HashSealer.Hashes("clear1", "clear1b"));

        Map<String, AttributeValue> resealed = item.withHashes(
                sealer.seal("41", new AccountCredential("dave", null, "new1", null)), item.updatedBy(),
                item.updatedAt(), item.writeToken()).attributes();
        assertThat(resealed).doesNotContainKeys("hash1", "hash1b", "hash1bCiphertext", "hash1bNonce")
                .containsKeys("hash1Ciphertext", "hash1Nonce", "hashDataKey");
        assertThat(sealer.open(resealed, "41", "dave")).isEqualTo(new HashSealer.Hashes("new1", null));
    }
}

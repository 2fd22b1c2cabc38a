package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredAccountCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items written by the store before its items became records (fixtures captured from its requests, see
 * {@link ItemFixtures}) read back, open and map to the same attributes; new writes of the same inputs write the same
 * attributes and values, but for the random bytes of sealing.
 */
class StoredItemsCompatibilityTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T23:50:00.123Z"), ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LocalMasterKeyProvider KEYS = new LocalMasterKeyProvider(ItemFixtures.MASTER_KEY);
    private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    private static final Tenant.Organization ORGANIZATION = Tenant.organization(
            "3f1c0000-0000-4000-8000-000000006a10", "8b2e0000-0000-4000-8000-000000004b13");
    /**
     * What sealing draws at random (data keys, nonces and so ciphertexts) and, since the key hierarchy, the key id of
     * hashes (the account's tenant key, {@code tenant-key/v1}, where the fixtures name a per-item data key).
     */
    private static final Set<String> RANDOM = Set.of("hash1Ciphertext", "hash1Nonce", "hash1bCiphertext",
            "hash1bNonce", "hashDataKey", "hashKeyId", "passwordCiphertext", "passwordNonce", "passwordDataKey",
            "passwordKeyId");

    private final MapTable table = new MapTable();
    private final DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(table, "t", CLOCK,
            new EnvelopePasswordSealer(new dev.sipcredentials.sealing.TenantKeyring(
                    new dev.sipcredentials.testkit.InMemoryTenantKeyStore(),
                    dev.sipcredentials.sealing.KeyPairVault.local(ItemFixtures.MASTER_KEY), CLOCK, Duration.ofMinutes(5)), KEYS), new HashSealer(new dev.sipcredentials.sealing.TenantKeyring(
                    new dev.sipcredentials.testkit.InMemoryTenantKeyStore(),
                    dev.sipcredentials.sealing.KeyPairVault.local(ItemFixtures.MASTER_KEY), CLOCK, Duration.ofMinutes(5)), KEYS));

    private void seed(String... fixtures) {
        for (String name : fixtures) {
            Map<String, AttributeValue> item = ItemFixtures.read(name);
            table.items.put(item.get("pk").s(), item);
        }
    }

    private StoredAccountCredential findAccount(String name) {
        AccountCredentialLookup lookup = store.find("9900001", name, TIMEOUT);
        assertThat(lookup.kind()).isEqualTo(AccountCredentialLookup.Kind.FOUND);
        return lookup.credential();
    }

    @Test
    void bandwidthItemsWrittenBeforeReadBackWithTheirHashesOpened() {
        seed("bandwidth-alice-with-domain", "bandwidth-bob-no-hash1b", "bandwidth-carol-hashes-replaced");

        assertThat(findAccount("alice@bw.example.com")).isEqualTo(new StoredAccountCredential("Alice",
                "Bw.Example.com", "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"));
        assertThat(findAccount("BOB")).isEqualTo(new StoredAccountCredential("bob", null, "b0b0b0b0b0b0b0b0", null));
        assertThat(findAccount("carol")).isEqualTo(new StoredAccountCredential("carol", null, "c2c2c2c2",
                "c3c3c3c3"));
    }

    @Test
    void deepslateRecordWrittenBeforeReadsBackAndItsPasswordOpens() {
        seed("deepslate-record", "deepslate-guard");

        OrganizationCredentialLookup lookup = store.find(ORGANIZATION, ID, TIMEOUT);

        assertThat(lookup.kind()).isEqualTo(OrganizationCredentialLookup.Kind.FOUND);
        assertThat(lookup.credential()).isEqualTo(new StoredOrganizationCredential(ID, "SIP.Example.com", 5061,
                "agent-7", 12));
        assertThat(StoredPasswords.open(ItemFixtures.read("deepslate-record"), new EnvelopePasswordSealer(null, KEYS)))
                .isEqualTo("pa55word-7");
    }

    @Test
    void everyItemWrittenBeforeMapsBackToTheSameAttributes() {
        for (String name : new String[]{"bandwidth-alice-with-domain", "bandwidth-bob-no-hash1b",
                "bandwidth-carol-hashes-replaced"}) {
            Map<String, AttributeValue> before = ItemFixtures.read(name);
            assertThat(BandwidthCredentialItem.SCHEMA.itemToMap(BandwidthCredentialItem.SCHEMA.mapToItem(before),
                    true)).as(name).isEqualTo(before);
        }
        Map<String, AttributeValue> record = ItemFixtures.read("deepslate-record");
        assertThat(OrganizationCredentialItem.SCHEMA.itemToMap(OrganizationCredentialItem.SCHEMA.mapToItem(record),
                true)).isEqualTo(record);
        Map<String, AttributeValue> guard = ItemFixtures.read("deepslate-guard");
        assertThat(SipLoginGuardItem.SCHEMA.itemToMap(SipLoginGuardItem.SCHEMA.mapToItem(guard), true))
                .isEqualTo(guard);
        for (String name : new String[]{"idempotency-pending", "idempotency-completed"}) {
            Map<String, AttributeValue> before = ItemFixtures.read(name);
            assertThat(IdempotencyItem.SCHEMA.itemToMap(IdempotencyItem.SCHEMA.mapToItem(before), true)).as(name)
                    .isEqualTo(before);
        }
    }

    @Test
    void idempotencyRecordsWrittenBeforeReadAsTheRecordsTheyWere() {
        IdempotencyRecord completed = IdempotencyItem.SCHEMA.mapToItem(ItemFixtures.read("idempotency-completed"))
                .record("ds#v#o", "key-2");
        assertThat(completed.state()).isEqualTo(IdempotencyRecord.State.COMPLETED);
        assertThat(completed.status()).isEqualTo(201);
        assertThat(completed.body()).isEqualTo("{\"answer\":true}");
        assertThat(completed.fingerprint()).isEqualTo("f2");
        assertThat(completed.claimToken()).isEqualTo("claim-2");
        assertThat(completed.leaseUntil()).isEqualTo(Instant.parse("2026-12-07T23:51:00Z"));
        assertThat(completed.expiresAt()).isEqualTo(Instant.parse("2026-12-08T23:50:00Z"));
        IdempotencyRecord pending = IdempotencyItem.SCHEMA.mapToItem(ItemFixtures.read("idempotency-pending"))
                .record("bw#9900001", "key-1");
        assertThat(pending.state()).isEqualTo(IdempotencyRecord.State.PENDING);
        assertThat(pending.body()).isNull();
    }

    @Test
    void theSameWritesToday_writeTheSameItemsButForSealingsRandomBytes() {
        store.createAccountCredential("9900001", new AccountCredential("Alice", "Bw.Example.com",
                "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"), "token-a", TIMEOUT, "user-7");
        store.createAccountCredential("9900001", new AccountCredential("bob", null, "b0b0b0b0b0b0b0b0", null),
                "token-b", TIMEOUT, null);
        store.createAccountCredential("9900001", new AccountCredential("carol", null, "c1c1c1c1", null),
                "token-c", TIMEOUT, "user-7");
        store.replaceHashes("9900001", "carol", "c2c2c2c2", "c3c3c3c3", "token-c2", TIMEOUT, "user-8");
        store.createOrganizationCredential(new OrganizationCredential(ID, UUID.fromString(ORGANIZATION.vendorId()),
                UUID.fromString(ORGANIZATION.organizationId()),
                new SipServerLogin("SIP.Example.com", "sip.example.com", 5061, "agent-7"), "pa55word-7", 12),
                "token-d", TIMEOUT, "user-9");

        for (String name : new String[]{"bandwidth-alice-with-domain", "bandwidth-bob-no-hash1b",
                "bandwidth-carol-hashes-replaced", "deepslate-record", "deepslate-guard"}) {
            Map<String, AttributeValue> before = ItemFixtures.read(name);
            Map<String, AttributeValue> now = table.items.get(before.get("pk").s());
            assertThat(withoutRandom(now)).as(name).isEqualTo(withoutRandom(before));
            assertThat(now.keySet()).as(name).isEqualTo(before.keySet());
        }
        assertThat(findAccount("carol").hash1b()).isEqualTo("c3c3c3c3");
    }

    private static Map<String, AttributeValue> withoutRandom(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> kept = new HashMap<>(item);
        kept.keySet().removeAll(RANDOM);
        return kept;
    }
}

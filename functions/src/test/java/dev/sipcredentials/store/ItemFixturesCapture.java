package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipServerLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Captures the fixtures of ItemFixtures from the store as it is; run once, by hand, before a change of the items. */
@EnabledIfSystemProperty(named = "captureFixtures", matches = "true")
class ItemFixturesCapture {
    @Test
    void capture() throws Exception {
        Path dir = Path.of("src/test/resources/dev/sipcredentials/store/fixtures");
        MapTable table = new MapTable();
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T23:50:00.123Z"), ZoneOffset.UTC);
        LocalMasterKeyProvider keys = new LocalMasterKeyProvider(ItemFixtures.MASTER_KEY);
        DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(table, "t", clock,
                new EnvelopePasswordSealer(new dev.sipcredentials.sealing.TenantKeyring(
                new dev.sipcredentials.testkit.InMemoryTenantKeyStore(),
                dev.sipcredentials.sealing.KeyPairVault.local(ItemFixtures.MASTER_KEY), clock, Duration.ofMinutes(5)), keys), new HashSealer(new dev.sipcredentials.sealing.TenantKeyring(
                new dev.sipcredentials.testkit.InMemoryTenantKeyStore(),
                dev.sipcredentials.sealing.KeyPairVault.local(ItemFixtures.MASTER_KEY), clock, Duration.ofMinutes(5)), keys));
        Duration timeout = Duration.ofSeconds(5);

        store.createAccountCredential("9900001", new AccountCredential("Alice", "Bw.Example.com",
                "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"), "token-a", timeout, "user-7");
        store.createAccountCredential("9900001", new AccountCredential("bob", null, "b0b0b0b0b0b0b0b0", null),
                "token-b", timeout, null);
        store.createAccountCredential("9900001", new AccountCredential("carol", null, "c1c1c1c1", null),
                "token-c", timeout, "user-7");
        store.replaceHashes("9900001", "carol", "c2c2c2c2", "c3c3c3c3", "token-c2", timeout, "user-8");
        UUID id = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        store.createOrganizationCredential(new OrganizationCredential(id,
                UUID.fromString("3f1c0000-0000-4000-8000-000000006a10"),
                UUID.fromString("8b2e0000-0000-4000-8000-000000004b13"),
                new SipServerLogin("SIP.Example.com", "sip.example.com", 5061, "agent-7"), "pa55word-7", 12),
                "token-d", timeout, "user-9");
        IdempotencyRecord pending = new IdempotencyRecord("bw#9900001", "key-1", "f1ngerpr1nt", "claim-1",
                IdempotencyRecord.State.PENDING, Instant.parse("2026-12-07T23:51:00Z"),
                Instant.parse("2026-12-08T23:50:00Z"), 0, null);
        store.claim(pending, timeout);
        store.claim(new IdempotencyRecord("ds#v#o", "key-2", "f2", "claim-2", IdempotencyRecord.State.PENDING,
                Instant.parse("2026-12-07T23:51:00Z"), Instant.parse("2026-12-08T23:50:00Z"), 0, null), timeout);
        store.complete(new IdempotencyRecord("ds#v#o", "key-2", "f2", "claim-2", IdempotencyRecord.State.PENDING,
                Instant.parse("2026-12-07T23:51:00Z"), Instant.parse("2026-12-08T23:50:00Z"), 0, null)
                .completed(201, "{\"answer\":true}"), timeout);

        for (var entry : table.items.entrySet()) {
            String kind = entry.getValue().get("kind") == null ? "idempotency" : entry.getValue().get("kind").s();
            ItemFixtures.write(dir, kind + "-" + Integer.toHexString(entry.getKey().hashCode()), entry.getValue());
            System.out.println(kind + "-" + Integer.toHexString(entry.getKey().hashCode()) + " " + entry.getKey());
        }
    }
}

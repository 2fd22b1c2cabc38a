package dev.sipcredentials.local;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentialFilter;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.store.DynamoDbCredentialLister;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code migrate-listing}: items written before the listing index (no listPk/listSk) become listable, nothing else
 * changes, a rerun changes nothing; and a {@code --db-path} table without the index is refused by the local stack
 * until the command has added it.
 */
class MigrateListingCommandIT {
    private static final SamTemplate.Table DECLARED = SamTemplate.parse(TestTemplates.project())
            .table("SipCredentialsTable").orElseThrow();
    private static final String VENDOR = "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10";
    private static final String ORGANIZATION = "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13";

    private record Run(int status, String out, String err) {
    }

    private static Run migrate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateListingCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static SamTemplate.Table named(String name, boolean withIndexes) {
        // Without the index, the table as older templates declared it: pk alone.
        return new SamTemplate.Table(DECLARED.logicalId(), name, DECLARED.keySchema(), withIndexes
                ? DECLARED.attributeDefinitions() : DECLARED.attributeDefinitions().stream()
                .filter(a -> a.attributeName().equals("pk")).toList(),
                withIndexes ? DECLARED.globalSecondaryIndexes() : List.of(), List.of(), DECLARED.timeToLiveAttribute());
    }

    private static Path masterKey(Path dir) throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Path file = dir.resolve("master-key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        return file;
    }

    /** 30 Bandwidth credentials of account 41, 6 deepslate ones, written now and then stripped of their listing keys. */
    private static void legacyItems(DynamoDbClient client, String table, Path keyFile) {
        LocalMasterKeyProvider keys = LocalMasterKeyProvider.fromFile(keyFile);
        DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(client, table, Clock.systemUTC(),
                dev.sipcredentials.store.TenantKeyTable.localPasswordSealer(client, table, keyFile), dev.sipcredentials.store.TenantKeyTable.localHashSealer(client, table, keyFile));
        for (int i = 0; i < 30; i++) {
            store.createAccountCredential("41", new AccountCredential("User" + i, i % 2 == 0 ? "example.com" : null,
                    "hash1-" + i, null), "token-" + i, Duration.ofSeconds(5));
        }
        for (int i = 0; i < 6; i++) {
            store.createOrganizationCredential(new OrganizationCredential(UUID.randomUUID(), UUID.fromString(VENDOR),
                    UUID.fromString(ORGANIZATION), new SipServerLogin("sip.example.com", "sip.example.com", 5060, "agent" + i),
                    "password-" + i, 10), "token-ds-" + i, Duration.ofSeconds(5));
        }
        // What older code wrote: no listing keys.
        client.scanPaginator(b -> b.tableName(table)).items().forEach(item -> client.updateItem(u -> u.tableName(table)
                .key(Map.of("pk", item.get("pk"))).updateExpression("REMOVE listPk, listSk")));
    }

    @Test
    void migratedItemsAreListedAsCreatedOnesAreAndARerunChangesNothing(@TempDir Path dir) throws Exception {
        Path keyFile = masterKey(dir);
        try (EmbeddedDynamoDb database = EmbeddedDynamoDb.start(null); DynamoDbClient client = database.newClient()) {
            TableCreator.create(client, named("legacy", true));
            legacyItems(client, "legacy", keyFile);
            List<Map<String, AttributeValue>> before = scan(client, "legacy");
            DynamoDbCredentialLister lister = new DynamoDbCredentialLister(client, "legacy",
                    dev.sipcredentials.store.TenantKeyTable.localHashSealer(client, "legacy", keyFile), Runnable::run);
            assertThat(lister.listAccount("41", null, AccountCredentialFilter.NONE, 100, Duration.ofSeconds(5)).items())
                    .isEmpty();

            Run first = migrate("--endpoint", database.endpoint().toString(), "--table", "legacy", "--page-size", "7");

            assertThat(first.status()).as(first.err()).isZero();
            // 36 credentials; not credentials: 6 guards and the tenant keys (head, version 1) of account 41 and the organization.
            assertThat(first.out()).contains("legacy: done: scanned 46, updated 36, already keyed 0, not credentials 10")
                    .contains("resume with --start-after ");
            CredentialListing<dev.sipcredentials.provisioning.ListedAccountCredential> accounts =
                    lister.listAccount("41", null, AccountCredentialFilter.NONE, 100, Duration.ofSeconds(5));
            assertThat(accounts.items()).hasSize(30);
            assertThat(accounts.items().get(0).name()).isEqualTo("User0@example.com");
            assertThat(accounts.items().get(0).hash1()).isEqualTo("hash1-0");
            assertThat(lister.listOrganization(Tenant.organization(VENDOR, ORGANIZATION), null, 100,
                    Duration.ofSeconds(5)).items()).hasSize(6);
            // Only listPk/listSk were added; every other attribute is as it was.
            List<Map<String, AttributeValue>> after = scan(client, "legacy");
            for (Map<String, AttributeValue> item : after) {
                Map<String, AttributeValue> without = new java.util.HashMap<>(item);
                without.remove("listPk");
                without.remove("listSk");
                assertThat(before).contains(without);
            }

            Run again = migrate("--endpoint", database.endpoint().toString(), "--table", "legacy");
            assertThat(again.out()).contains("legacy: done: scanned 46, updated 0, already keyed 36, not credentials 10");
            assertThat(scan(client, "legacy")).containsExactlyInAnyOrderElementsOf(after);
        }
    }

    @Test
    void aDbPathTableWithoutTheIndexIsRefusedByTheStackUntilMigrateListingAddsIt(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("db");
        Path keyFile = masterKey(dir);
        try (EmbeddedDynamoDb database = EmbeddedDynamoDb.start(db); DynamoDbClient client = database.newClient()) {
            TableCreator.create(client, named(DECLARED.tableName(), false));
            TableCreator.create(client, named("scratch", true));
            legacyItems(client, "scratch", keyFile);
            scan(client, "scratch").forEach(item -> client.putItem(p -> p.tableName(DECLARED.tableName()).item(item)));
        }

        assertThatThrownBy(() -> LocalStack.start(LocalStack.Options.defaults().withPort(0).withDbPath(db)
                .withTemplate(TestTemplates.project()).withStateDir(dir.resolve("state"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no index tenantListing")
                .hasMessageContaining("migrate-listing --db-path " + db);

        Run run = migrate("--db-path", db.toString(), "--template", TestTemplates.project().toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(DECLARED.tableName() + ": added index tenantListing (rebuilt with its 46 items)")
                .contains(DECLARED.tableName() + ": done: scanned 46, updated 36");
        try (EmbeddedDynamoDb database = EmbeddedDynamoDb.start(db); DynamoDbClient client = database.newClient()) {
            assertThat(LocalIndexes.missing(client, DECLARED)).isEmpty();
            assertThat(new DynamoDbCredentialLister(client, DECLARED.tableName(),
                    dev.sipcredentials.store.TenantKeyTable.localHashSealer(client, DECLARED.tableName(), keyFile), Runnable::run)
                    .listAccount("41", "user1", AccountCredentialFilter.NONE, 3, Duration.ofSeconds(5)).items())
                    .extracting(dev.sipcredentials.provisioning.ListedAccountCredential::name)
                    .containsExactly("User1", "User10@example.com", "User11");
        }
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}

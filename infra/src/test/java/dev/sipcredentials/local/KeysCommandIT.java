package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.sealing.HashSealer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code reseal} and {@code rotate-tenant-keys} against the engine: items in each older form (Hash1/Hash1b in clear,
 * sealed with one data key per item, sealed under an older tenant key version) end sealed under their account's
 * newest tenant key, open to the same hashes, and a rerun changes nothing.
 */
class KeysCommandIT {
    private static final SamTemplate.Table DECLARED = SamTemplate.parse(TestTemplates.project())
            .table("SipCredentialsTable").orElseThrow();

    private record Run(int status, String out, String err) {
    }

    private static Run run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeysCommand.run(command, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue b64(String value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(value)));
    }

    private static Map<String, AttributeValue> credential(String account, String userName) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("bw#" + account + "#" + (userName + "@bw.com").toLowerCase()));
        item.put("kind", s("bandwidth-sip-credential"));
        item.put("accountId", s(account));
        item.put("name", s(userName + "@bw.com"));
        item.put("userName", s(userName));
        item.put("domain", s("bw.com"));
        item.put("createdAt", s("2026-01-01T00:00:00Z"));
        item.put("writeToken", s("old"));
        return item;
    }

    @Test
    void everyOlderFormIsResealedUnderTheNewestTenantKeyAndStillOpensAndARerunChangesNothing(@TempDir Path dir)
            throws Exception {
        byte[] fixedKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            fixedKey[i] = (byte) i;
        }
        Path keyFile = dir.resolve("master-key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(fixedKey));
        try (EmbeddedDynamoDb database = EmbeddedDynamoDb.start(null); DynamoDbClient client = database.newClient()) {
            TableCreator.create(client, DECLARED);
            String table = DECLARED.tableName();
            Map<String, AttributeValue> clear = credential("41", "Bob");
            clear.put("hash1", s("clear1"));
            clear.put("hash1b", s("clear1b"));
            client.putItem(p -> p.tableName(table).item(clear));
            // Exactly what the per-item design wrote for Alice@bw.com of account 41 under master key 0..31.
            Map<String, AttributeValue> perItem = credential("41", "Alice");
            perItem.put("hashAadVersion", s("1"));
            perItem.put("hashAlgorithm", s("AES-256-GCM"));
            perItem.put("hashKeyId", s("local:630dcd2966c43366"));
            perItem.put("hashDataKey", b64("LAgohL8MkdsHbnl6joI8ahL4GaR8cUGkBnZMs2B89rEQhXMHKe6ykgROW9lAN2HTHWlYwjK4+N7ZGUev"));
            perItem.put("hash1Nonce", b64("GvTHrZL/xpQaY4EM"));
            perItem.put("hash1Ciphertext", b64("YsTkMTTzxthuzjRyiH49g+dk7l8TKa9b88hdVFrUKs5I9urmAV5d7pl+l6J17XXN"));
            perItem.put("hash1bNonce", b64("k+tQPflFnZ8MvTTe"));
            perItem.put("hash1bCiphertext", b64("DM2Xdxs3pc/MK9AT6gkhvJZaX8ly7x0MMwQci7z25oT664iVSfPGriDH55Fekdj2"));
            client.putItem(p -> p.tableName(table).item(perItem));
            HashSealer sealer = dev.sipcredentials.store.TenantKeyTable.localHashSealer(client, table, keyFile);
            Map<String, AttributeValue> tenantV1 = credential("42", "Carol");
            tenantV1.putAll(sealer.seal("42", new AccountCredential("Carol", "bw.com", "carol1", null)));
            client.putItem(p -> p.tableName(table).item(tenantV1));

            String[] args = {"--endpoint", database.endpoint().toString(), "--table", table,
                    "--master-key-file", keyFile.toString(), "--page-size", "2"};
            Run rotated = run("rotate-tenant-keys", "--endpoint", database.endpoint().toString(), "--table", table,
                    "--master-key-file", keyFile.toString(), "--all");
            assertThat(rotated.status()).as(rotated.err()).isZero();
            assertThat(rotated.out()).contains("tenant bw#42 now seals with tenant-key/v2").doesNotContain("bw#41");
            Run created = run("rotate-tenant-keys", "--endpoint", database.endpoint().toString(), "--table", table,
                    "--master-key-file", keyFile.toString(), "--tenant", "bw#41");
            assertThat(created.out()).contains("tenant bw#41 now seals with tenant-key/v1");

            Run first = run("reseal", args);
            assertThat(first.status()).as(first.err()).isZero();
            assertThat(first.out()).contains("done: scanned 8, resealed 3, already current 0, changed meanwhile 0,"
                    + " not Bandwidth credentials 5");

            Map<String, String> expectedVersions = Map.of("bw#41#bob@bw.com", "tenant-key/v1",
                    "bw#41#alice@bw.com", "tenant-key/v1", "bw#42#carol@bw.com", "tenant-key/v2");
            HashSealer reader = dev.sipcredentials.store.TenantKeyTable.localHashSealer(client, table, keyFile);
            Map<String, HashSealer.Hashes> expectedHashes = Map.of(
                    "bw#41#bob@bw.com", new HashSealer.Hashes("clear1", "clear1b"),
                    "bw#41#alice@bw.com", new HashSealer.Hashes("0123456789abcdef0123456789abcdef",
                            "fedcba9876543210fedcba9876543210"),
                    "bw#42#carol@bw.com", new HashSealer.Hashes("carol1", null));
            for (var expected : expectedVersions.entrySet()) {
                Map<String, AttributeValue> item = client.getItem(g -> g.tableName(table).consistentRead(true)
                        .key(Map.of("pk", s(expected.getKey())))).item();
                assertThat(item.get("hashKeyId").s()).as(expected.getKey()).isEqualTo(expected.getValue());
                assertThat(item).as(expected.getKey()).doesNotContainKeys("hash1", "hash1b");
                String pk = expected.getKey();
                assertThat(reader.open(item, pk.substring(3, 5), pk.substring(6)))
                        .isEqualTo(expectedHashes.get(pk));
            }

            Run again = run("reseal", args);
            assertThat(again.out()).contains("done: scanned 8, resealed 0, already current 3");
        }
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() {
        for (List<String> bad : List.of(List.of("--table", "t"), List.of("--endpoint", "http://127.0.0.1:1",
                "--table", "t"), List.of("--endpoint", "http://127.0.0.1:1", "--table", "t", "--master-key-file", "f",
                "--page-size", "x"))) {
            Run run = run("reseal", bad.toArray(String[]::new));
            assertThat(run.status()).as(bad.toString()).isEqualTo(2);
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        }
        Run noTenant = run("rotate-tenant-keys", "--endpoint", "http://127.0.0.1:1", "--table", "t",
                "--master-key-file", "f", "--tenant", "41");
        assertThat(noTenant.status()).isEqualTo(2);
        assertThat(noTenant.err()).contains("--tenant is bw#<accountId>");
    }
}

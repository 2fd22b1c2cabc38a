package dev.sipcredentials.store;

import dev.sipcredentials.sealing.DataKeyProvider;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import dev.sipcredentials.sealing.PasswordSealer;
import dev.sipcredentials.provisioning.AccountCredential;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import dev.sipcredentials.sealing.KeyPairVault;
import dev.sipcredentials.sealing.TenantKeyring;
import dev.sipcredentials.testkit.InMemoryTenantKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashSealerTest {
    private static final String HASH1 = "0123456789abcdef0123456789abcdef";
    private static final String HASH1B = "fedcba9876543210fedcba9876543210";
    private final LocalMasterKeyProvider masterKey = new LocalMasterKeyProvider(randomKey());
    private final HashSealer sealer = new HashSealer(new TenantKeyring(new InMemoryTenantKeyStore(),
            KeyPairVault.local(randomKey()), Clock.systemUTC(), Duration.ofMinutes(5)), masterKey);

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private Map<String, AttributeValue> item(String accountId, AccountCredential credential) {
        return new HashMap<>(CredentialItems.accountCredential(accountId, credential,
                sealer.seal(accountId, credential), "token", Instant.parse("2026-12-02T10:00:00Z")));
    }

    private static String text(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        byte[] bytes = value.b().asByteArray();
        return new String(bytes, StandardCharsets.ISO_8859_1) + HexFormat.of().formatHex(bytes)
                + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void theItemHoldsNeitherHashAndTheKeyOpensBoth() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("Alice", "bw.com", HASH1, HASH1B));

        item.forEach((name, value) -> assertThat(text(value)).as(name)
                .doesNotContain(HASH1, HASH1B, HASH1.toUpperCase(), HASH1B.toUpperCase()));
        assertThat(item).doesNotContainKeys("hash1", "hash1b")
                .containsKeys("hash1Ciphertext", "hash1Nonce", "hash1bCiphertext", "hash1bNonce", "hashDataKey",
                        "hashKeyId")
                .containsEntry("hashAadVersion", AttributeValue.fromS("1"))
                .containsEntry("hashKeyId", AttributeValue.fromS("tenant-key/v1"));
        assertThat(sealer.open(item, "41", "alice@bw.com")).isEqualTo(new HashSealer.Hashes(HASH1, HASH1B));
        assertThat(sealer.open(item, "41", "alice@bw.com").toString()).doesNotContain(HASH1, HASH1B);
    }

    @Test
    void withoutHash1bOnlyHash1IsSealed() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("bob", null, HASH1, null));

        assertThat(item).doesNotContainKeys("hash1bCiphertext", "hash1bNonce");
        assertThat(sealer.open(item, "41", "bob")).isEqualTo(new HashSealer.Hashes(HASH1, null));
    }

    @Test
    void sealingMakesNoPerItemDataKey() {
        AtomicInteger dataKeys = new AtomicInteger();
        HashSealer counting = new HashSealer(new TenantKeyring(new InMemoryTenantKeyStore(),
                KeyPairVault.local(randomKey()), Clock.systemUTC(), Duration.ofMinutes(5)), new DataKeyProvider() {
            @Override
            public DataKey newDataKey(String context) {
                dataKeys.incrementAndGet();
                return masterKey.newDataKey(context);
            }

            @Override
            public byte[] unwrap(String keyId, byte[] wrappedDataKey, String context) {
                return masterKey.unwrap(keyId, wrappedDataKey, context);
            }
        });
        for (int i = 0; i < 100; i++) {
            counting.seal("41", new AccountCredential("Alice" + i, "bw.com", HASH1, HASH1B));
        }
        assertThat(dataKeys).hasValue(0);
    }

    @Test
    void aCiphertextMovedToAnotherAccountNameOrFieldDoesNotOpen() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("Alice", "bw.com", HASH1, HASH1B));

        sealer.seal("42", new AccountCredential("Alice", "bw.com", HASH1, HASH1B)); // account 42 has a key too
        assertThatThrownBy(() -> sealer.open(item, "42", "alice@bw.com"))
                .as("read by account 42's request, whatever the item says").isInstanceOf(PasswordSealer.SealException.class);
        Map<String, AttributeValue> otherAccount = new HashMap<>(item);
        otherAccount.put("accountId", AttributeValue.fromS("42"));
        assertThatThrownBy(() -> sealer.open(otherAccount, "42", "alice@bw.com"))
                .isInstanceOf(PasswordSealer.SealException.class);

        assertThatThrownBy(() -> sealer.open(item, "41", "mallory@bw.com"))
                .as("found under another name's key").isInstanceOf(PasswordSealer.SealException.class);
        Map<String, AttributeValue> otherName = new HashMap<>(item);
        otherName.put("name", AttributeValue.fromS("Mallory@bw.com"));
        assertThatThrownBy(() -> sealer.open(otherName, "41", "mallory@bw.com"))
                .isInstanceOf(PasswordSealer.SealException.class);

        Map<String, AttributeValue> swapped = new HashMap<>(item);
        swapped.put("hash1Ciphertext", item.get("hash1bCiphertext"));
        swapped.put("hash1Nonce", item.get("hash1bNonce"));
        assertThatThrownBy(() -> sealer.open(swapped, "41", "alice@bw.com")).isInstanceOf(PasswordSealer.SealException.class);

        Map<String, AttributeValue> tampered = new HashMap<>(item);
        byte[] ciphertext = item.get("hash1Ciphertext").b().asByteArray();
        ciphertext[0] ^= 1;
        tampered.put("hash1Ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        assertThatThrownBy(() -> sealer.open(tampered, "41", "alice@bw.com")).isInstanceOf(PasswordSealer.SealException.class);
    }

    @Test
    void theNameBindsCaseInsensitivelyAsNamesAreUnique() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("Alice", "bw.com", HASH1, null));
        item.put("name", AttributeValue.fromS("ALICE@BW.COM"));
        assertThat(sealer.open(item, "41", "alice@bw.com").hash1()).isEqualTo(HASH1);
    }

    @Test
    void aLegacyItemWithClearHashesIsReadAsItIsAndAnUnknownVersionIsRefused() {
        Map<String, AttributeValue> legacy = new HashMap<>(Map.of("accountId", AttributeValue.fromS("41"),
                "name", AttributeValue.fromS("old@bw.com"), "hash1", AttributeValue.fromS(HASH1),
                "hash1b", AttributeValue.fromS(HASH1B)));
        assertThat(sealer.open(legacy, "41", "old@bw.com")).isEqualTo(new HashSealer.Hashes(HASH1, HASH1B));

        Map<String, AttributeValue> future = item("41", new AccountCredential("Alice", null, HASH1, null));
        future.put("hashAadVersion", AttributeValue.fromS("2"));
        assertThatThrownBy(() -> sealer.open(future, "41", "alice")).isInstanceOf(PasswordSealer.SealException.class);
    }

    @Test
    void anotherKeyringDoesNotOpen() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("Alice", null, HASH1, null));
        HashSealer other = new HashSealer(new TenantKeyring(new InMemoryTenantKeyStore(),
                KeyPairVault.local(randomKey()), Clock.systemUTC(), Duration.ofMinutes(5)), masterKey);
        assertThatThrownBy(() -> other.open(item, "41", "alice")).isInstanceOf(RuntimeException.class);
    }

    /** Exactly what the per-item design (one data key per item, before the key hierarchy) stored, master key 0..31. */
    private static Map<String, AttributeValue> sealedPerItemBefore() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("accountId", AttributeValue.fromS("41"));
        item.put("name", AttributeValue.fromS("Alice@bw.com"));
        item.put("hashAadVersion", AttributeValue.fromS("1"));
        item.put("hashAlgorithm", AttributeValue.fromS("AES-256-GCM"));
        item.put("hashKeyId", AttributeValue.fromS("local:630dcd2966c43366"));
        item.put("hashDataKey", b64("LAgohL8MkdsHbnl6joI8ahL4GaR8cUGkBnZMs2B89rEQhXMHKe6ykgROW9lAN2HTHWlYwjK4+N7ZGUev"));
        item.put("hash1Nonce", b64("GvTHrZL/xpQaY4EM"));
        item.put("hash1Ciphertext", b64("YsTkMTTzxthuzjRyiH49g+dk7l8TKa9b88hdVFrUKs5I9urmAV5d7pl+l6J17XXN"));
        item.put("hash1bNonce", b64("k+tQPflFnZ8MvTTe"));
        item.put("hash1bCiphertext", b64("DM2Xdxs3pc/MK9AT6gkhvJZaX8ly7x0MMwQci7z25oT664iVSfPGriDH55Fekdj2"));
        return item;
    }

    private static AttributeValue b64(String value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(value)));
    }

    @Test
    void anItemSealedWithItsOwnDataKeyBeforeTheHierarchyStillOpensButOnlyWhereItWasSealed() {
        byte[] fixedKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            fixedKey[i] = (byte) i;
        }
        HashSealer reader = new HashSealer(new TenantKeyring(new InMemoryTenantKeyStore(),
                KeyPairVault.local(randomKey()), Clock.systemUTC(), Duration.ofMinutes(5)),
                new LocalMasterKeyProvider(fixedKey));
        Map<String, AttributeValue> item = sealedPerItemBefore();
        assertThat(reader.open(item, "41", "alice@bw.com")).isEqualTo(new HashSealer.Hashes(HASH1, HASH1B));

        Map<String, AttributeValue> moved = new HashMap<>(item);
        moved.put("accountId", AttributeValue.fromS("42"));
        assertThatThrownBy(() -> reader.open(moved, "42", "alice@bw.com"))
                .as("copied under account 42, item attributes changed to match").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> reader.open(item, "42", "alice@bw.com")).isInstanceOf(RuntimeException.class);
        Map<String, AttributeValue> renamed = new HashMap<>(item);
        renamed.put("name", AttributeValue.fromS("mallory@bw.com"));
        assertThatThrownBy(() -> reader.open(renamed, "41", "mallory@bw.com")).isInstanceOf(RuntimeException.class);
    }
}

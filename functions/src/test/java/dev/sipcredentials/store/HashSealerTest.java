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
    private final HashSealer sealer = new HashSealer(masterKey);

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
                .containsEntry("hashAadVersion", AttributeValue.fromS("1"));
        assertThat(sealer.open(item)).isEqualTo(new HashSealer.Hashes(HASH1, HASH1B));
        assertThat(sealer.open(item).toString()).doesNotContain(HASH1, HASH1B);
    }

    @Test
    void withoutHash1bOnlyHash1IsSealed() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("bob", null, HASH1, null));

        assertThat(item).doesNotContainKeys("hash1bCiphertext", "hash1bNonce");
        assertThat(sealer.open(item)).isEqualTo(new HashSealer.Hashes(HASH1, null));
    }

    @Test
    void oneDataKeyPerItemForBothHashes() {
        AtomicInteger dataKeys = new AtomicInteger();
        HashSealer counting = new HashSealer(new DataKeyProvider() {
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
        counting.seal("41", new AccountCredential("Alice", "bw.com", HASH1, HASH1B));
        assertThat(dataKeys).hasValue(1);
    }

    @Test
    void aCiphertextMovedToAnotherAccountNameOrFieldDoesNotOpen() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("Alice", "bw.com", HASH1, HASH1B));

        Map<String, AttributeValue> otherAccount = new HashMap<>(item);
        otherAccount.put("accountId", AttributeValue.fromS("42"));
        assertThatThrownBy(() -> sealer.open(otherAccount)).isInstanceOf(PasswordSealer.SealException.class);

        Map<String, AttributeValue> otherName = new HashMap<>(item);
        otherName.put("name", AttributeValue.fromS("Mallory@bw.com"));
        assertThatThrownBy(() -> sealer.open(otherName)).isInstanceOf(PasswordSealer.SealException.class);

        Map<String, AttributeValue> swapped = new HashMap<>(item);
        swapped.put("hash1Ciphertext", item.get("hash1bCiphertext"));
        swapped.put("hash1Nonce", item.get("hash1bNonce"));
        assertThatThrownBy(() -> sealer.open(swapped)).isInstanceOf(PasswordSealer.SealException.class);

        Map<String, AttributeValue> tampered = new HashMap<>(item);
        byte[] ciphertext = item.get("hash1Ciphertext").b().asByteArray();
        ciphertext[0] ^= 1;
        tampered.put("hash1Ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        assertThatThrownBy(() -> sealer.open(tampered)).isInstanceOf(PasswordSealer.SealException.class);
    }

    @Test
    void theNameBindsCaseInsensitivelyAsNamesAreUnique() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("Alice", "bw.com", HASH1, null));
        item.put("name", AttributeValue.fromS("ALICE@BW.COM"));
        assertThat(sealer.open(item).hash1()).isEqualTo(HASH1);
    }

    @Test
    void aLegacyItemWithClearHashesIsReadAsItIsAndAnUnknownVersionIsRefused() {
        Map<String, AttributeValue> legacy = new HashMap<>(Map.of("accountId", AttributeValue.fromS("41"),
                "name", AttributeValue.fromS("old@bw.com"), "hash1", AttributeValue.fromS(HASH1),
                "hash1b", AttributeValue.fromS(HASH1B)));
        assertThat(sealer.open(legacy)).isEqualTo(new HashSealer.Hashes(HASH1, HASH1B));

        Map<String, AttributeValue> future = item("41", new AccountCredential("Alice", null, HASH1, null));
        future.put("hashAadVersion", AttributeValue.fromS("2"));
        assertThatThrownBy(() -> sealer.open(future)).isInstanceOf(PasswordSealer.SealException.class);
    }

    @Test
    void anotherMasterKeyDoesNotOpen() {
        Map<String, AttributeValue> item = item("41", new AccountCredential("Alice", null, HASH1, null));
        HashSealer other = new HashSealer(new LocalMasterKeyProvider(randomKey()));
        assertThatThrownBy(() -> other.open(item)).isInstanceOf(RuntimeException.class);
    }
}

package dev.sipcredentials.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipcredentials.sealing.DataKeyProvider;
import dev.sipcredentials.sealing.PasswordSealer;
import dev.sipcredentials.testkit.InMemoryTenantKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The key hierarchy's promises, with KMS's two calls counted at the vault (a local master key stands in for KMS). */
class TenantKeyringTest {
    private final KeyPairVault local = KeyPairVault.local(randomKey());
    private final AtomicInteger keyPairs = new AtomicInteger();
    private final AtomicInteger decrypts = new AtomicInteger();
    private final KeyPairVault counted = new KeyPairVault() {
        @Override
        public WrappedKeyPair newKeyPair(Map<String, String> context) {
            keyPairs.incrementAndGet();
            return local.newKeyPair(context);
        }

        @Override
        public byte[] privateKey(byte[] wrappedPrivateKey, Map<String, String> context) {
            decrypts.incrementAndGet();
            return local.privateKey(wrappedPrivateKey, context);
        }
    };
    /** What a writer's role can do: make key pairs, never open one (no kms:Decrypt). */
    private final KeyPairVault writerOnly = new KeyPairVault() {
        @Override
        public WrappedKeyPair newKeyPair(Map<String, String> context) {
            return counted.newKeyPair(context);
        }

        @Override
        public byte[] privateKey(byte[] wrappedPrivateKey, Map<String, String> context) {
            throw new IllegalStateException("AccessDeniedException: not authorized to perform kms:Decrypt");
        }
    };
    private final InMemoryTenantKeyStore store = new InMemoryTenantKeyStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private TenantKeyring keyring(KeyPairVault vault) {
        return new TenantKeyring(store, vault, clock, Duration.ofMinutes(5));
    }

    @Test
    void fiveThousandSealsOfOneTenantOnThirtyTwoThreadsMakeOneKeyPairAndNoOtherKmsCall() throws Exception {
        TenantKeyring writer = keyring(writerOnly);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<DataKeyProvider.DataKey>> keys = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                keys.add(pool.submit(() -> writer.sealingKey("bw#41")));
            }
            for (Future<DataKeyProvider.DataKey> key : keys) {
                assertThat(key.get().keyId()).isEqualTo("tenant-key/v1");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(keyPairs).hasValue(1);
        assertThat(decrypts).hasValue(0);
    }

    @Test
    void aReaderOpensEveryEpochOfATenantWithOneDecryptPerCachePeriod() {
        TenantKeyring writer = keyring(writerOnly);
        List<DataKeyProvider.DataKey> sealed = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            sealed.add(writer.sealingKey("bw#41"));
            clock.advance(Duration.ofMinutes(6)); // each its own epoch: a writer's key lives one period
        }
        assertThat(sealed).extracting(k -> List.of(k.wrapped())).doesNotHaveDuplicates();

        TenantKeyring reader = keyring(counted);
        for (int read = 0; read < 1_000; read++) {
            DataKeyProvider.DataKey key = sealed.get(read % 3);
            assertThat(reader.openingKey("bw#41", key.keyId(), key.wrapped())).isEqualTo(key.plaintext());
        }
        assertThat(decrypts).hasValue(1);

        clock.advance(Duration.ofMinutes(5));
        reader.openingKey("bw#41", sealed.get(0).keyId(), sealed.get(0).wrapped());
        assertThat(decrypts).as("a new cache period opens the private key once more").hasValue(2);
    }

    @Test
    void aWriterCannotOpenWhatItOrAnyoneSealed() {
        TenantKeyring writer = keyring(writerOnly);
        DataKeyProvider.DataKey key = writer.sealingKey("bw#41");
        assertThatThrownBy(() -> writer.openingKey("bw#41", key.keyId(), key.wrapped()))
                .hasMessageContaining("kms:Decrypt");
    }

    @Test
    void aWriterTakesUpANewVersionAfterRotationWithinOnePeriodAndOlderValuesStillOpen() {
        TenantKeyring writer = keyring(writerOnly);
        DataKeyProvider.DataKey before = writer.sealingKey("bw#41");
        assertThat(keyring(counted).rotate("bw#41")).isEqualTo(2);
        assertThat(writer.sealingKey("bw#41").keyId()).as("within the period").isEqualTo("tenant-key/v1");
        clock.advance(Duration.ofMinutes(5));
        DataKeyProvider.DataKey after = writer.sealingKey("bw#41");
        assertThat(after.keyId()).isEqualTo("tenant-key/v2");

        TenantKeyring reader = keyring(counted);
        assertThat(reader.openingKey("bw#41", before.keyId(), before.wrapped())).isEqualTo(before.plaintext());
        assertThat(reader.openingKey("bw#41", after.keyId(), after.wrapped())).isEqualTo(after.plaintext());
    }

    @Test
    void anotherTenantsKeyDerivesAnotherDataKeyAndAnUnknownVersionIsRefused() {
        TenantKeyring writer = keyring(writerOnly);
        DataKeyProvider.DataKey of41 = writer.sealingKey("bw#41");
        writer.sealingKey("bw#42");
        TenantKeyring reader = keyring(counted);
        assertThat(reader.openingKey("bw#42", of41.keyId(), of41.wrapped())).isNotEqualTo(of41.plaintext());
        assertThatThrownBy(() -> reader.openingKey("bw#41", "tenant-key/v9", of41.wrapped()))
                .isInstanceOf(PasswordSealer.SealException.class);
        assertThatThrownBy(() -> reader.openingKey("bw#41", "arn:aws:kms:key", of41.wrapped()))
                .isInstanceOf(PasswordSealer.SealException.class);
    }

    @Test
    void aTenantKeyCopiedUnderAnotherTenantDoesNotOpenThere() {
        TenantKeyring writer = keyring(writerOnly);
        DataKeyProvider.DataKey of41 = writer.sealingKey("bw#41");
        store.overwrite("bw#42", store.current("bw#41").orElseThrow());
        assertThatThrownBy(() -> keyring(counted).openingKey("bw#42", of41.keyId(), of41.wrapped()))
                .as("the wrapped private key is bound to tenant 41 by its encryption context")
                .isInstanceOf(PasswordSealer.SealException.class);
    }

    @Test
    void theCachePeriodIsAtMostFiveMinutes() {
        assertThatThrownBy(() -> new TenantKeyring(store, counted, clock, Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock the test moves by hand; nothing here runs on the real one. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

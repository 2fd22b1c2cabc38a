package dev.sipcredentials.store;

import dev.sipcredentials.config.Settings;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The sealer the settings ask for: {@code PASSWORD_KEY_ID} (set by template.yaml on the JSON function only) selects
 * AWS KMS; otherwise {@code LOCAL_MASTER_KEY_FILE} (set by the local stack) a local master key. Resolved on the first
 * password, so the XML function, which stores none, never needs either (its Hash1/Hash1b resolve the same settings
 * through {@link LazyDataKeys}). With neither, sealing fails: a password is
 * never stored in plaintext.
 */
public final class PasswordSealers {
    private PasswordSealers() {
    }

    public static PasswordSealer fromSettings() {
        return new PasswordSealer() {
            private volatile PasswordSealer resolved;

            private PasswordSealer resolved() {
                PasswordSealer sealer = resolved;
                if (sealer == null) {
                    synchronized (this) {
                        if (resolved == null) {
                            resolved = new EnvelopePasswordSealer(dataKeysFromSettings());
                        }
                        sealer = resolved;
                    }
                }
                return sealer;
            }

            @Override
            public SealedPassword seal(String password, byte[] aad) {
                return resolved().seal(password, aad);
            }

            @Override
            public String open(SealedPassword sealed, byte[] aad) {
                return resolved().open(sealed, aad);
            }
        };
    }

    /**
     * As {@link #fromSettings()}, the key resolved now (for a function that seals: its KMS client is then built
     * before the SnapStart snapshot). Without a configured key it stays the lazy sealer, which refuses each password.
     */
    public static PasswordSealer resolvedFromSettings() {
        try {
            return new EnvelopePasswordSealer(dataKeysFromSettings());
        } catch (RuntimeException noKeyConfigured) {
            return fromSettings();
        }
    }

    static DataKeyProvider dataKeysFromSettings() {
        return dataKeysFromSettings(Settings.optional("PASSWORD_KEY_ID"));
    }

    /** KMS with {@code kmsKey} when it is set, else the local master key; neither is an error. */
    static DataKeyProvider dataKeysFromSettings(java.util.Optional<String> kmsKey) {
        if (kmsKey.isPresent()) {
            return new KmsDataKeyProvider(kmsClient(), kmsKey.get());
        }
        var localKey = Settings.optional("LOCAL_MASTER_KEY_FILE");
        if (localKey.isPresent()) {
            return LocalMasterKeyProvider.fromFile(Path.of(localKey.get()));
        }
        throw new IllegalStateException("no password key configured (PASSWORD_KEY_ID or LOCAL_MASTER_KEY_FILE)");
    }

    private static KmsClient kmsClient() {
        return KmsClient.builder()
                .region(AwsClientSettings.region())
                .credentialsProvider(AwsClientSettings.lambdaCredentials())
                .httpClient(AwsClientSettings.httpClient())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(Duration.ofSeconds(2))
                        // Retries included, sealing must leave most of the JSON API's 10 s write budget to
                        // the transaction (and the release of an Idempotency-Key after a failure).
                        .apiCallTimeout(Duration.ofSeconds(3))
                        .build())
                .build();
    }
}

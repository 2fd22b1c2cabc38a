package dev.sipcredentials.sealing;

import dev.sipcredentials.config.AwsClientSettings;

import dev.sipcredentials.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The keys the settings name: {@code PASSWORD_KEY_ID} (set by template.yaml on the functions that seal or open)
 * selects AWS KMS; otherwise {@code LOCAL_MASTER_KEY_FILE} a local master key. With neither, sealing fails: a secret
 * is never stored in plaintext. The store's tenant key table builds the sealers from these
 * ({@code TenantKeyTable.passwordSealerFromSettings}, {@code hashSealerFromSettings}).
 */
public final class PasswordSealers {
    private PasswordSealers() {
    }

    /** Key pairs from KMS when {@code PASSWORD_KEY_ID} names a key, else from the local master key file. */
    public static KeyPairVault vaultFromSettings() {
        var kmsKey = Settings.optional("PASSWORD_KEY_ID");
        if (kmsKey.isPresent()) {
            return KeyPairVault.kms(kmsClient(), kmsKey.get());
        }
        var localKey = Settings.optional("LOCAL_MASTER_KEY_FILE");
        if (localKey.isPresent()) {
            try {
                return KeyPairVault.local(Base64.getDecoder().decode(
                        Files.readString(Path.of(localKey.get()), StandardCharsets.UTF_8).strip()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local master key file", e);
            }
        }
        throw new IllegalStateException("no tenant key configured (PASSWORD_KEY_ID or LOCAL_MASTER_KEY_FILE)");
    }

    public static DataKeyProvider dataKeysFromSettings() {
        return dataKeysFromSettings(Settings.optional("PASSWORD_KEY_ID"));
    }

    /** KMS with {@code kmsKey} when it is set, else the local master key; neither is an error. */
    public static DataKeyProvider dataKeysFromSettings(java.util.Optional<String> kmsKey) {
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

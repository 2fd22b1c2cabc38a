package dev.sipcredentials.local;

import dev.sipcredentials.kms.KmsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The local stack's KMS: our KMS-compatible endpoint ({@code infra/kms}) with one symmetric key, its material kept in
 * the state directory (so a restart with {@code --db-path} opens what was sealed before), named
 * {@value #ALIAS} too.
 */
final class LocalKms {
    static final String ALIAS = "alias/sip-credentials";
    /** The key id the functions read (template.yaml: {@code Ref: PasswordKey}); set to the local key's ARN. */
    static final String KEY_ID_SETTING = "PASSWORD_KEY_ID";
    /** The AWS SDK's service-specific endpoint for KMS (a system property; AWS_ENDPOINT_URL_KMS in the environment). */
    static final String ENDPOINT_PROPERTY = "aws.endpointUrlKms";

    private LocalKms() {}

    static KmsServer start(LocalStateDirectory stateDir, LocalStack.Limits limits) {
        return KmsServer.start(KmsServer.options()
                .persistentKey(material(stateDir.kmsKeyFile()), ALIAS)
                .latency(limits.kmsLatency())
                .rateLimit(limits.kmsRateLimit()));
    }

    private static byte[] material(Path file) {
        try {
            byte[] material = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (material.length != 32) {
                throw new IllegalStateException(file + " does not hold a 32-byte key; delete it to get a new one"
                        + " (what was sealed under it can then no longer be opened)");
            }
            return material;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64; delete it to get a new one"
                    + " (what was sealed under it can then no longer be opened)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

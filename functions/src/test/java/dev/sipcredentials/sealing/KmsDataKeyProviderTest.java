package dev.sipcredentials.sealing;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KmsDataKeyProviderTest {
    private static final String CONFIGURED = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** Records the Decrypt requests it gets; answers a fixed key. */
    private static final class RecordingKms implements KmsClient {
        final List<DecryptRequest> decrypts = new ArrayList<>();

        @Override
        public DecryptResponse decrypt(DecryptRequest request) {
            decrypts.add(request);
            return DecryptResponse.builder().keyId(request.keyId()).plaintext(SdkBytes.fromByteArray(new byte[32]))
                    .build();
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {
        }
    }

    /**
     * The item's passwordKeyId is written by whoever can write the table: a reader that decrypts with the key the
     * item names would use an attacker's key (and accept a password the attacker sealed). Only the configured key.
     */
    @Test
    void unwrapsWithTheConfiguredKeyNeverTheOneTheItemNames() {
        RecordingKms kms = new RecordingKms();
        KmsDataKeyProvider keys = new KmsDataKeyProvider(kms, CONFIGURED);

        keys.unwrap("arn:aws:kms:eu-central-1:444455556666:key/attacker", new byte[] {1, 2, 3}, "ctx");

        assertThat(kms.decrypts).singleElement().satisfies(request -> {
            assertThat(request.keyId()).isEqualTo(CONFIGURED);
            assertThat(request.encryptionContext()).isEqualTo(Map.of(KmsDataKeyProvider.CONTEXT_KEY, "ctx"));
        });
    }
}

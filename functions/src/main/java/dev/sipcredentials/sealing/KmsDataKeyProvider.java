package dev.sipcredentials.sealing;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

import java.util.Map;

/**
 * Data keys from AWS KMS: {@code GenerateDataKey} (AES_256) under the key template.yaml declares, the record's
 * context as KMS encryption context (so CloudTrail shows which record a key was made for, and a wrapped key only
 * decrypts for that record). The JSON function may call GenerateDataKey only; {@link #unwrap} needs kms:Decrypt,
 * which nothing in this stack is granted: stored passwords are for a separate, explicitly authorised reader.
 */
public final class KmsDataKeyProvider implements DataKeyProvider {
    public static final String CONTEXT_KEY = "sip-credential";
    /** The encryption context key of service-wide keys ({@link #newWrappedServiceKey}). */
    public static final String PURPOSE_KEY = "purpose";

    private final KmsClient kms;
    private final String keyId;

    public KmsDataKeyProvider(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public DataKey newDataKey(String context) {
        GenerateDataKeyResponse response = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of(CONTEXT_KEY, context)));
        return new DataKey(response.keyId(), response.plaintext().asByteArray(),
                response.ciphertextBlob().asByteArray());
    }

    /**
     * {@code itemKeyId} is ignored: it comes from the item, which a table writer controls, and Decrypt with the key it
     * names would accept a data key wrapped under theirs. KMS decrypts only with the configured key and fails when
     * the ciphertext was wrapped under another.
     */
    @Override
    public byte[] unwrap(String itemKeyId, byte[] wrappedDataKey, String context) {
        return kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrappedDataKey))
                .encryptionContext(Map.of(CONTEXT_KEY, context))).plaintext().asByteArray();
    }

    @Override
    public DataKey newWrappedServiceKey(String purpose) {
        var response = kms.generateDataKeyWithoutPlaintext(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of(PURPOSE_KEY, purpose)));
        return new DataKey(response.keyId(), null, response.ciphertextBlob().asByteArray());
    }

    /** As {@link #unwrap}: always with the configured key, never the one the item names. */
    @Override
    public byte[] unwrapServiceKey(String itemKeyId, byte[] wrappedKey, String purpose) {
        return kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrappedKey))
                .encryptionContext(Map.of(PURPOSE_KEY, purpose))).plaintext().asByteArray();
    }
}

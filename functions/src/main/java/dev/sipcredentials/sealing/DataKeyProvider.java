package dev.sipcredentials.sealing;

/**
 * Source of per-item data keys for envelope encryption: AWS KMS deployed, a local master key file in the local stack.
 * {@code context} is bound to the wrapped key (KMS encryption context, local AES-GCM AAD).
 */
public interface DataKeyProvider {

    /** A fresh 256-bit data key, in plaintext (use once, then forget) and wrapped by the master key. */
    public DataKey newDataKey(String context);

    /** The plaintext data key; only callers allowed to decrypt (not the Lambda functions) can use this. */
    public byte[] unwrap(String keyId, byte[] wrappedDataKey, String context);

    /**
     * A fresh 256-bit key for one service-wide purpose, wrapped only: no plaintext leaves KMS
     * ({@code GenerateDataKeyWithoutPlaintext}, encryption context {@code {"purpose": purpose}}).
     * {@link DataKey#plaintext()} is null.
     */
    default DataKey newWrappedServiceKey(String purpose) {
        throw new UnsupportedOperationException("this key provider makes no service keys");
    }

    /** The plaintext of a key made by {@link #newWrappedServiceKey} for {@code purpose} (kms:Decrypt deployed). */
    default byte[] unwrapServiceKey(String keyId, byte[] wrappedKey, String purpose) {
        throw new UnsupportedOperationException("this key provider makes no service keys");
    }

    record DataKey(String keyId, byte[] plaintext, byte[] wrapped) {
        @Override
        public String toString() {
            return "DataKey[keyId=" + keyId + "]";
        }
    }
}

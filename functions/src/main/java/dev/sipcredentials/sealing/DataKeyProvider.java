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

    record DataKey(String keyId, byte[] plaintext, byte[] wrapped) {
        @Override
        public String toString() {
            return "DataKey[keyId=" + keyId + "]";
        }
    }
}

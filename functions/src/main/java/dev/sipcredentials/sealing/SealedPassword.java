package dev.sipcredentials.sealing;

/**
 * What an item holds instead of a password: AES-256-GCM ciphertext (tag included) and its nonce, the data key that
 * encrypted it wrapped by the master key ({@code keyId}), never the data key itself.
 */
public record SealedPassword(String algorithm, String keyId, byte[] wrappedDataKey, byte[] nonce, byte[] ciphertext) {
    public static final String AES_256_GCM = "AES-256-GCM";

    @Override
    public String toString() {
        return "SealedPassword[" + algorithm + ", keyId=" + keyId + "]";
    }
}

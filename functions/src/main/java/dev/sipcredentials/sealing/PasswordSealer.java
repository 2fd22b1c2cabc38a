package dev.sipcredentials.sealing;

/**
 * Encrypts a password for storage and back, under the key of {@code tenant} ({@code ds#<vendorId>#<organizationId>},
 * the tenant the request addressed). {@code aad} binds the ciphertext to its record: opening it with the AAD of another
 * record, or as another tenant, fails, so ciphertext copied between items is useless.
 */
public interface PasswordSealer {

    SealedPassword seal(String tenant, String password, byte[] aad);

    /** @throws SealException when the ciphertext, wrapped key or AAD does not authenticate */
    String open(String tenant, SealedPassword sealed, byte[] aad);

    /** A password that could not be sealed or opened; carries no secret and no input in its message. */
    final class SealException extends RuntimeException {
        public SealException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

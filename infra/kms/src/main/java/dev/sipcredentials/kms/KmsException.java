package dev.sipcredentials.kms;

/**
 * An error KMS answers with {@code __type} and {@code message}: HTTP 400 for the caller's, 500 for
 * KMSInternalException. The types are KMS's own names, which the SDK maps to its exception classes.
 */
final class KmsException extends RuntimeException {
    static final String VALIDATION = "ValidationException";
    static final String NOT_FOUND = "NotFoundException";
    static final String INVALID_CIPHERTEXT = "InvalidCiphertextException";
    static final String INCORRECT_KEY = "IncorrectKeyException";
    static final String INVALID_KEY_USAGE = "InvalidKeyUsageException";
    static final String ALREADY_EXISTS = "AlreadyExistsException";
    static final String THROTTLING = "ThrottlingException";
    static final String UNKNOWN_OPERATION = "UnknownOperationException";
    static final String SERIALIZATION = "SerializationException";
    static final String INTERNAL = "KMSInternalException";

    private final String type;

    KmsException(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    String type() {
        return type;
    }

    int status() {
        return INTERNAL.equals(type) ? 500 : 400;
    }

    /** KMS's wording for a member that fails its model constraint. */
    static KmsException invalid(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new KmsException(VALIDATION, "1 validation error detected: Value " + shown + " at '" + member
                + "' failed to satisfy constraint: Member must " + constraint);
    }
}

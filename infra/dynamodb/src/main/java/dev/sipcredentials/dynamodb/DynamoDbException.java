package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the engine answers with DynamoDB's own {@code __type} and message: never a 500 for a bad request.
 *
 * <p>{@link #type()} is the short name ({@code ValidationException}); the wire {@code __type} is
 * {@code com.amazonaws.dynamodb.v20120810#} + the short name. {@link #extra()} holds further top-level fields of the
 * error body, e.g. {@code Item} of a {@code ConditionalCheckFailedException} or {@code CancellationReasons}.
 */
public final class DynamoDbException extends RuntimeException {

    public static final String VALIDATION = "ValidationException";
    public static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailedException";
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_IN_USE = "ResourceInUseException";
    public static final String TRANSACTION_CANCELED = "TransactionCanceledException";
    public static final String TRANSACTION_CONFLICT = "TransactionConflictException";
    public static final String IDEMPOTENT_PARAMETER_MISMATCH = "IdempotentParameterMismatchException";
    public static final String PROVISIONED_THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    public static final String THROTTLING = "ThrottlingException";
    public static final String SERIALIZATION = "SerializationException";
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";
    public static final String INTERNAL_SERVER_ERROR = "InternalServerError";

    private final String type;
    private final int status;
    private final transient ObjectNode extra;

    public DynamoDbException(String type, String message) {
        this(type, message, null);
    }

    public DynamoDbException(String type, String message, ObjectNode extra) {
        super(message, null, false, false); // no stack trace: these are answers, not bugs
        this.type = type;
        this.status = INTERNAL_SERVER_ERROR.equals(type) ? 500 : 400;
        this.extra = extra;
    }

    /** A {@code ValidationException} with DynamoDB's text. */
    public static DynamoDbException validation(String message) {
        return new DynamoDbException(VALIDATION, message);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** Further top-level fields of the error body, or null. */
    public ObjectNode extra() {
        return extra;
    }
}

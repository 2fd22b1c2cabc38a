package dev.sipcredentials.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Assertions on DynamoDB's errors as a client sees them: the {@code __type} and the exact message. */
final class Expect {
    private Expect() {}

    /** The call fails with {@code ValidationException} and exactly this message. */
    static DynamoDbException validation(ThrowingCallable call, String message) {
        DynamoDbException e = error(call, "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).as("ValidationException message").isEqualTo(message);
        return e;
    }

    /**
     * The call fails with {@code ValidationException}; its message is exactly this one unless {@code messageDeviates}
     * (a target known to word it otherwise: see {@link DynamoTarget#deviates}).
     */
    static DynamoDbException validation(ThrowingCallable call, String message, boolean messageDeviates) {
        return messageDeviates ? error(call, "ValidationException") : validation(call, message);
    }

    /** The call fails with {@code ValidationException} and a message starting with this text. */
    static DynamoDbException validationStartingWith(ThrowingCallable call, String prefix) {
        DynamoDbException e = error(call, "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).as("ValidationException message").startsWith(prefix);
        return e;
    }

    /** The call fails with {@code ValidationException} and a message containing this text. */
    static DynamoDbException validationContaining(ThrowingCallable call, String part) {
        DynamoDbException e = error(call, "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).as("ValidationException message").contains(part);
        return e;
    }

    /** The call fails with this error code ({@code __type} without its namespace). */
    static DynamoDbException error(ThrowingCallable call, String errorCode) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call);
        assertThat(e).as("expected a %s", errorCode).isNotNull();
        assertThat(e.awsErrorDetails().errorCode())
                .as("error code (HTTP %s, message: %s)", e.statusCode(), e.awsErrorDetails().errorMessage())
                .isEqualTo(errorCode);
        assertThat(e.statusCode()).as("HTTP status of %s", errorCode).isEqualTo(400);
        return e;
    }

    /** The call fails with this error code and exactly this message. */
    static <T extends DynamoDbException> T error(ThrowingCallable call, Class<T> type, String message) {
        T e = catchThrowableOfType(type, call);
        assertThat(e).as("expected a %s", type.getSimpleName()).isNotNull();
        assertThat(e.awsErrorDetails().errorMessage()).as("%s message", type.getSimpleName()).isEqualTo(message);
        assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
        return e;
    }
}

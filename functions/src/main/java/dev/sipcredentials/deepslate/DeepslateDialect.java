package dev.sipcredentials.deepslate;

import dev.sipcredentials.http.Dialect;
import dev.sipcredentials.http.Refusal;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.http.TenantKind;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** deepslate's way of answering: the JSON wrapper with a {@code code} ({@link DeepslateError}) on failures. */
final class DeepslateDialect implements Dialect {
    private final Clock clock;

    DeepslateDialect(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** A failure: its status, the wrapper with {@code code}, and the code as the log outcome. */
    Reply failure(DeepslateError error, String message, List<FieldError> fields, String traceId) {
        return Reply.of(error.status(), ApiResponseJson.failure(error, message, fields, clock.instant(), traceId),
                error.name());
    }

    @Override
    public String api() {
        return "deepslate";
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public Reply refuse(Refusal refusal, String requestId) {
        return failure(switch (refusal) {
            case TENANT_NOT_GRANTED -> DeepslateError.FORBIDDEN;
            case UNSUPPORTED_MEDIA_TYPE -> DeepslateError.UNSUPPORTED_MEDIA_TYPE;
            case INVALID_IDEMPOTENCY_KEY -> DeepslateError.INVALID_IDEMPOTENCY_KEY;
            case BODY_TOO_LARGE -> DeepslateError.PAYLOAD_TOO_LARGE;
            case BAD_BASE64 -> DeepslateError.BAD_BASE64;
            case IDEMPOTENCY_KEY_REUSED -> DeepslateError.IDEMPOTENCY_KEY_REUSED;
            case IDEMPOTENCY_IN_PROGRESS -> DeepslateError.REQUEST_IN_PROGRESS;
            case IDEMPOTENCY_UNAVAILABLE -> DeepslateError.STORE_UNAVAILABLE;
            case TENANT_RATE_LIMITED -> DeepslateError.TOO_MANY_REQUESTS;
        }, null, null, requestId);
    }

    @Override
    public Reply internalError(String requestId) {
        return Reply.of(DeepslateError.INTERNAL_ERROR.status(),
                ApiResponseJson.failure(DeepslateError.INTERNAL_ERROR, null, null, clock.instant(), requestId),
                "internal-error");
    }

    @Override
    public Reply checkTenantPath(TenantKind kind, Map<String, String> pathParameters, String requestId) {
        List<FieldError> pathErrors = CreateSipCredentialRequest.checkPath(pathParameters.get("vendorId"),
                pathParameters.get("organizationId"));
        return pathErrors.isEmpty() ? null : failure(DeepslateError.VALIDATION_FAILED, null, pathErrors, requestId);
    }
}

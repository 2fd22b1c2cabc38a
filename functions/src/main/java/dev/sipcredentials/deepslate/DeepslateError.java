package dev.sipcredentials.deepslate;

/** Every failure the JSON API answers with: its HTTP status, the {@code code} field and the default message. */
enum DeepslateError {
    VALIDATION_FAILED(400, "Validation failed"),
    MALFORMED_JSON(400, "The request body is not a valid JSON object"),
    BAD_BASE64(400, "The request body is not valid base64 although isBase64Encoded is set"),
    INVALID_IDEMPOTENCY_KEY(400, "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces"),
    INVALID_CURSOR(400, "The cursor is not one this organization's listing answered; start again without a cursor"),
    FORBIDDEN(403, "The access token does not grant this organization"),
    NOT_FOUND(404, "No SIP credentials with this id in the organization"),
    DUPLICATE_CREDENTIAL(409, "SIP credentials for this username, hostname and port already exist in the organization"),
    REQUEST_IN_PROGRESS(409, "A request with this Idempotency-Key is still in progress; retry it later"),
    PAYLOAD_TOO_LARGE(413, "The request body is larger than 16 KiB"),
    UNSUPPORTED_MEDIA_TYPE(415, "Content-Type must be application/json (UTF-8)"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key was already used with a different request body"),
    TOO_MANY_REQUESTS(429, "Too many requests for this organization; nothing was stored. Retry after the seconds in Retry-After."),
    INTERNAL_ERROR(500, "Internal error; nothing was stored"),
    STORE_UNAVAILABLE(503, "The credentials were not stored: the store is temporarily unavailable. Retry the request.");

    private final int status;
    private final String message;

    DeepslateError(int status, String message) {
        this.status = status;
        this.message = message;
    }

    int status() {
        return status;
    }

    String message() {
        return message;
    }
}

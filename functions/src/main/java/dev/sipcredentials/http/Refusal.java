package dev.sipcredentials.http;

/**
 * The refusals the pipeline itself makes, the same for every route; each {@link Dialect} answers them with its own
 * status, code and text.
 */
public enum Refusal {
    /** The token does not grant the tenant in the path (checked first: nothing is revealed about it). */
    TENANT_NOT_GRANTED,
    UNSUPPORTED_MEDIA_TYPE,
    INVALID_IDEMPOTENCY_KEY,
    BODY_TOO_LARGE,
    /** isBase64Encoded is set and the body is not base64. */
    BAD_BASE64,
    /** The Idempotency-Key was first used with another request. */
    IDEMPOTENCY_KEY_REUSED,
    /** The first request with this Idempotency-Key is still running. */
    IDEMPOTENCY_IN_PROGRESS,
    /** The Idempotency-Key could not be claimed (store fault); nothing ran. */
    IDEMPOTENCY_UNAVAILABLE,
    /** The tenant has used up its rate limit on this route in this instance ({@link TenantRateLimit}); nothing ran. */
    TENANT_RATE_LIMITED
}

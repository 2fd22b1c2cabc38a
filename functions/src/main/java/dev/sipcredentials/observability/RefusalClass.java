package dev.sipcredentials.observability;

/**
 * Why a request or an entry was refused, as a small fixed set: each class is its own metric ({@code RefusedInvalid},
 * ...), so the metric count stays bounded whatever the clients send. Duplicates, store faults and throttling are
 * counted apart ({@code Duplicates}, {@code StoreErrors}, {@code Throttled}), never here.
 */
public enum RefusalClass {
    /** 400: the input breaks a documented rule (a batch entry's rule, a malformed body, an invalid id or key). */
    INVALID("RefusedInvalid"),
    /** 403: the token does not grant the tenant in the path. */
    FORBIDDEN("RefusedForbidden"),
    /** 409: an Idempotency-Key whose first request is still running. */
    CONFLICT("RefusedConflict"),
    /** 413: the body is larger than the route's limit. */
    TOO_LARGE("RefusedTooLarge"),
    /** 415: a Content-Type the route does not take. */
    MEDIA_TYPE("RefusedMediaType"),
    /** 422: an Idempotency-Key reused with another request. */
    UNPROCESSABLE("RefusedUnprocessable");

    private final String metricName;

    RefusalClass(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }

    /** The class of a client-error status; null for any status that is not a refusal of ours. */
    public static RefusalClass ofStatus(int status) {
        return switch (status) {
            case 400 -> INVALID;
            case 403 -> FORBIDDEN;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 415 -> MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            default -> null;
        };
    }
}

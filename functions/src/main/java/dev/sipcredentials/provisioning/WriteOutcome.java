package dev.sipcredentials.provisioning;

/** What the store says about one conditional write. Only {@link #CREATED} means the item is ours and stored. */
public enum WriteOutcome {
    /** The conditional write succeeded (possibly on an SDK retry whose first response was lost). */
    CREATED,
    /** The uniqueness condition failed: another request stored this name before. Nothing written. */
    ALREADY_EXISTS,
    /** The store failed transiently (throttling, timeouts, 5xx) after retries; the client may retry. */
    TRANSIENT_FAILURE,
    /** The store refused the write for a reason a retry will not fix (configuration, permissions). */
    STORE_FAILURE,
    /** The write was not sent because the request ran out of time. Nothing written. */
    NOT_ATTEMPTED;

    public boolean isRetryable() {
        return this == TRANSIENT_FAILURE || this == NOT_ATTEMPTED;
    }
}

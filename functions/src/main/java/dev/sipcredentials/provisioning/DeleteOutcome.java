package dev.sipcredentials.provisioning;

/** What a conditional delete of a credential and its uniqueness guard did. */
public enum DeleteOutcome {
    /** Both items removed in one transaction. */
    DELETED,
    /** The record is gone or no longer what was read (a concurrent delete or change): read again, decide again. */
    CHANGED,
    /** Throttled, timed out, unreachable, or a transaction conflict that outlasted its retries: nothing removed. */
    TRANSIENT_FAILURE,
    /** Refused for a reason a retry does not fix (or the guard does not name the record): nothing removed. */
    STORE_FAILURE
}

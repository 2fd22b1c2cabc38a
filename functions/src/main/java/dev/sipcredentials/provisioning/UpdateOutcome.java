package dev.sipcredentials.provisioning;

/** What a conditional replacement of a credential (and, for a new SIP login, the move of its guard) did. */
public enum UpdateOutcome {
    /** The record holds the new values, and exactly one guard (its new SIP login's) names it. */
    UPDATED,
    /** The record is gone or no longer what was read (a concurrent delete or change): read again, decide again. */
    CHANGED,
    /** The new SIP login is another credential's: nothing changed. */
    ALREADY_EXISTS,
    /** Throttled, timed out, unreachable, or a conflict that outlasted its retries: nothing changed. */
    TRANSIENT_FAILURE,
    /** Refused for a reason a retry does not fix (or the guard does not name the record): nothing changed. */
    STORE_FAILURE
}

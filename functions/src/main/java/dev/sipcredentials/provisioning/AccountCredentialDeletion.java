package dev.sipcredentials.provisioning;

/** What a delete of one Bandwidth credential did. */
public enum AccountCredentialDeletion {
    /** Removed (by this call, or by the SDK's retry of it whose first response was lost). */
    DELETED,
    /** There was none under that name. */
    NOT_FOUND,
    /** Throttled, timed out or unreachable: nothing removed, worth the client's retry. */
    TRANSIENT_FAILURE,
    /** Refused for a reason a retry does not fix: nothing removed. */
    STORE_FAILURE
}

package dev.sipcredentials.provisioning;

import java.time.Duration;

/**
 * Where credentials are kept. Every create is a single conditional write: uniqueness is decided by the
 * store atomically, never by reading first. Implementations never throw for store faults; they report them
 * as a {@link WriteOutcome}.
 */
public interface SipCredentialStore {

    /**
     * Stores the credential unless the account already has one with the same name (case-insensitive).
     *
     * @param writeToken unique to this entry of this request: lets the store recognise its own earlier write
     *                   when a retried request finds the item already there
     * @param timeout    the longest the write may take, retries included
     */
    WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                         Duration timeout);

    /** Stores the credential unless the organization already has one for the same SIP server account. */
    WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken, Duration timeout);

    /**
     * As {@link #createAccountCredential(String, AccountCredential, String, Duration)}, recording {@code caller}
     * (the token's subject, see {@code RequestClaims#caller}) as who created the item. A store without an audit
     * trail ignores it.
     */
    default WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                 Duration timeout, String caller) {
        return createAccountCredential(accountId, credential, writeToken, timeout);
    }

    /** As {@link #createOrganizationCredential(OrganizationCredential, String, Duration)}, recording {@code caller}. */
    default WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                      Duration timeout, String caller) {
        return createOrganizationCredential(credential, writeToken, timeout);
    }
}

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
}

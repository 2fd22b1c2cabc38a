package dev.sipcredentials.provisioning;

import java.time.Duration;

/**
 * Bandwidth credentials, each addressed by its composite name ({@code UserName} or {@code UserName@Domain}), matched
 * as uniqueness is ({@link AccountCredential#uniquenessKey()}: case- and escape-insensitive). Each route uses one
 * method; its role allows only that method's calls. Never throws for store faults: they come back as outcomes.
 */
public interface AccountCredentials {

    /**
     * Stores the credential unless the account already has one with the same name (case-insensitive): a single
     * conditional write, never a read first.
     *
     * @param writeToken unique to this entry of this request: lets the store recognise its own earlier write
     *                   when a retried request finds the item already there
     * @param timeout    the longest the write may take, retries included
     * @param caller     who creates it, for the audit trail (null: nobody named)
     */
    WriteOutcome create(String accountId, AccountCredential credential, String writeToken, Duration timeout,
                        String caller);

    /** The credential, read strongly consistently, its hashes opened. */
    AccountCredentialLookup find(String accountId, String compositeName, Duration timeout);

    /**
     * Replaces the credential's hashes (sealed anew; {@code hash1b} null removes it) if it exists, never creating
     * one; its name, listing keys and creation audit stay, {@code updatedBy}/{@code updatedAt} are set.
     *
     * @param writeToken marks the changed item, so that the SDK's retry of a write whose response was lost is
     *                   recognised as this change
     */
    AccountCredentialUpdate replaceHashes(String accountId, String compositeName, String hash1, String hash1b,
                                          String writeToken, Duration timeout, String caller);

    /** Removes the credential if it exists. */
    AccountCredentialDeletion delete(String accountId, String compositeName, Duration timeout);
}

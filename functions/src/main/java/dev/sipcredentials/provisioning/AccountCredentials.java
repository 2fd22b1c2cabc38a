package dev.sipcredentials.provisioning;

import java.time.Duration;

/**
 * One Bandwidth credential, addressed by its composite name ({@code UserName} or {@code UserName@Domain}), matched
 * as uniqueness is ({@link AccountCredential#uniquenessKey()}: case- and escape-insensitive). Each route uses one
 * method; its role allows only that method's calls. Never throws for store faults: they come back as outcomes.
 */
public interface AccountCredentials {

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

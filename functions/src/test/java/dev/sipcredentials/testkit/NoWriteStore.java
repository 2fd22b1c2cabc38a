package dev.sipcredentials.testkit;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.WriteOutcome;

import java.time.Duration;

/**
 * Answers every create as done and keeps nothing: runs the handlers' success paths without a write (SnapStart
 * priming, and the benchmark of the handlers' own CPU).
 */
public final class NoWriteStore implements SipCredentialStore {
    @Override
    public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                Duration timeout) {
        return WriteOutcome.CREATED;
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout) {
        return WriteOutcome.CREATED;
    }
}

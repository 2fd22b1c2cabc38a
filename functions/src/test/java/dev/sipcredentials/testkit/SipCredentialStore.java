package dev.sipcredentials.testkit;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentialDeletion;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.AccountCredentialUpdate;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.DeleteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.UpdateOutcome;
import dev.sipcredentials.provisioning.WriteOutcome;

import java.time.Duration;
import java.util.UUID;

/**
 * Test kit: one object standing in for both credential tables, for the tests of the two create routes (each route
 * takes only its own port). A stand-in implements the two creates; the other calls of the ports are no create
 * route's, and a stand-in refuses them unless it overrides them.
 */
public interface SipCredentialStore extends AccountCredentials, OrganizationCredentials {

    WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                         Duration timeout);

    WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken, Duration timeout);

    /** As the 4-argument create; a stand-in without an audit trail ignores {@code caller}. */
    default WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                 Duration timeout, String caller) {
        return createAccountCredential(accountId, credential, writeToken, timeout);
    }

    default WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                      Duration timeout, String caller) {
        return createOrganizationCredential(credential, writeToken, timeout);
    }

    @Override
    default WriteOutcome create(String accountId, AccountCredential credential, String writeToken, Duration timeout,
                                String caller) {
        return createAccountCredential(accountId, credential, writeToken, timeout, caller);
    }

    @Override
    default WriteOutcome create(OrganizationCredential credential, String writeToken, Duration timeout,
                                String caller) {
        return createOrganizationCredential(credential, writeToken, timeout, caller);
    }

    @Override
    default AccountCredentialLookup find(String accountId, String compositeName, Duration timeout) {
        throw new UnsupportedOperationException("a create-only stand-in");
    }

    @Override
    default AccountCredentialUpdate replaceHashes(String accountId, String compositeName, String hash1, String hash1b,
                                                  String writeToken, Duration timeout, String caller) {
        throw new UnsupportedOperationException("a create-only stand-in");
    }

    @Override
    default AccountCredentialDeletion delete(String accountId, String compositeName, Duration timeout) {
        throw new UnsupportedOperationException("a create-only stand-in");
    }

    @Override
    default OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
        throw new UnsupportedOperationException("a create-only stand-in");
    }

    @Override
    default UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen,
                                 SipServerLogin seenLogin, OrganizationCredential changed, String writeToken,
                                 Duration timeout, String caller) {
        throw new UnsupportedOperationException("a create-only stand-in");
    }

    @Override
    default DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen,
                                 SipServerLogin login, Duration timeout) {
        throw new UnsupportedOperationException("a create-only stand-in");
    }
}

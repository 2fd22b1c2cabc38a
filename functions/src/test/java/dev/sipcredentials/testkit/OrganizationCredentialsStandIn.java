package dev.sipcredentials.testkit;

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
 * Test kit: deepslate credentials that refuse every call a test did not script; a test overrides the calls of the
 * route it drives (or gives a read as a lambda, {@link #reading}).
 */
public abstract class OrganizationCredentialsStandIn implements OrganizationCredentials {

    /** The read of one credential, as a lambda. */
    public interface Read {
        OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout);
    }

    /** Credentials that answer reads with {@code read} and refuse every write. */
    public static OrganizationCredentials reading(Read read) {
        return new OrganizationCredentialsStandIn() {
            @Override
            public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
                return read.find(organization, id, timeout);
            }
        };
    }

    @Override
    public WriteOutcome create(OrganizationCredential credential, String writeToken, Duration timeout, String caller) {
        throw new UnsupportedOperationException("not scripted: create");
    }

    @Override
    public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
        throw new UnsupportedOperationException("not scripted: find");
    }

    @Override
    public UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin seenLogin, OrganizationCredential changed, String writeToken,
                                Duration timeout, String caller) {
        throw new UnsupportedOperationException("not scripted: update");
    }

    @Override
    public DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin login, Duration timeout) {
        throw new UnsupportedOperationException("not scripted: delete");
    }
}

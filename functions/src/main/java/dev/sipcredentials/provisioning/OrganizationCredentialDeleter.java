package dev.sipcredentials.provisioning;

import java.time.Duration;

/** Removes deepslate credentials. Never throws for store faults. */
public interface OrganizationCredentialDeleter extends OrganizationCredentialReader {

    /**
     * Removes the record and its uniqueness guard in one transaction, each under a condition: the record only while
     * it still holds the SIP login that was read ({@code seen}), the guard only while it names this record. So a
     * delete racing a change or another delete removes nothing it did not read, and never half a credential.
     *
     * @param login the SIP login of {@code seen}, whose uniqueness key names the guard
     */
    DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen, SipServerLogin login,
                         Duration timeout);
}

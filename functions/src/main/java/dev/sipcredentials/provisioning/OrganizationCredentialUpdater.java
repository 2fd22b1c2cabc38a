package dev.sipcredentials.provisioning;

import java.time.Duration;

/** Replaces deepslate credentials. Never throws for store faults. */
public interface OrganizationCredentialUpdater extends OrganizationCredentialReader {

    /**
     * Replaces the record's SIP login, password (sealed anew) and maxAgentTasks in one transaction, only while the
     * record still holds the SIP login that was read ({@code seen}). A new SIP login moves the guard in the same
     * transaction (the old one deleted only while it names this record, the new one put only where none is); an
     * unchanged one leaves the guard, checked to name this record. So a change racing a create, change or delete
     * either wins whole or changes nothing. createdAt/createdBy and the listing keys stay as stored.
     *
     * @param seenLogin the SIP login of {@code seen}, whose uniqueness key names its guard
     * @param changed   the new values, {@code changed.id()} = {@code seen.id()}
     * @param caller    who changes it, for the audit trail (null: nobody named)
     */
    UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen, SipServerLogin seenLogin,
                         OrganizationCredential changed, String writeToken, Duration timeout, String caller);
}

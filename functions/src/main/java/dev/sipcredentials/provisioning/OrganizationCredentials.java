package dev.sipcredentials.provisioning;

import java.time.Duration;
import java.util.UUID;

/**
 * deepslate credentials, each a record and the uniqueness guard of its SIP login. Every write is conditional:
 * uniqueness is decided by the store atomically, never by reading first. Each route uses its methods only; its role
 * allows only their calls. Never throws for store faults: they come back as the results' kinds.
 */
public interface OrganizationCredentials {

    /**
     * Stores the credential unless the organization already has one for the same SIP server account.
     *
     * @param writeToken unique to this request (or its Idempotency-Key): lets the store recognise its own earlier
     *                   write when a retried request finds the items already there
     * @param timeout    the longest the write may take, retries included
     * @param caller     who creates it, for the audit trail (null: nobody named)
     */
    WriteOutcome create(OrganizationCredential credential, String writeToken, Duration timeout, String caller);

    /**
     * The organization's credential with this id, read strongly consistently (a client that just created or
     * changed it reads what it wrote).
     */
    OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout);

    /**
     * Replaces the record's SIP login, password (sealed anew) and maxAgentTasks in one transaction, only while the
     * record still holds the SIP login that was read ({@code seen}). A new SIP login moves the guard in the same
     * transaction (the old one deleted only while it names this record, the new one put only where none is); an
     * unchanged one leaves the guard, checked to name this record. So a change racing a create, change or delete
     * either wins whole or changes nothing. createdAt/createdBy and the listing keys stay as stored.
     *
     * @param seenLogin the SIP login of {@code seen}, whose uniqueness key names its guard
     * @param changed   the new values, {@code changed.id()} = {@code seen.id()}
     */
    UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen, SipServerLogin seenLogin,
                         OrganizationCredential changed, String writeToken, Duration timeout, String caller);

    /**
     * Removes the record and its uniqueness guard in one transaction, each under a condition: the record only while
     * it still holds the SIP login that was read ({@code seen}), the guard only while it names this record. So a
     * delete racing a change or another delete removes nothing it did not read, and never half a credential.
     */
    DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen, SipServerLogin login,
                         Duration timeout);
}

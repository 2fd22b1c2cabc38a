package dev.sipcredentials.provisioning;

import java.time.Duration;
import java.util.UUID;

/** Reads deepslate credentials back. Never throws for store faults: they come back as the lookup's kind. */
public interface OrganizationCredentialReader {

    /**
     * The organization's credential with this id, read strongly consistently (a client that just created or
     * changed it reads what it wrote).
     *
     * @param timeout the longest the read may take, the SDK's retries included
     */
    OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout);
}

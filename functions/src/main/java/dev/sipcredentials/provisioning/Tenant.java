package dev.sipcredentials.provisioning;

import java.util.Locale;

/**
 * Whose credentials a request works on: a Bandwidth account or a deepslate organization. The domain knows tenants
 * by their ids only; how a tenant shows in a table key is the store's business.
 */
public sealed interface Tenant {

    static Account account(String accountId) {
        return new Account(accountId);
    }

    /** UUIDs in any case are one organization (as the grant and the stored ids treat them). */
    static Organization organization(String vendorId, String organizationId) {
        return new Organization(vendorId.toLowerCase(Locale.ROOT), organizationId.toLowerCase(Locale.ROOT));
    }

    /** A Bandwidth account (the XML API). */
    record Account(String accountId) implements Tenant {
    }

    /** A deepslate organization of a vendor (the JSON API); ids lower-cased. */
    record Organization(String vendorId, String organizationId) implements Tenant {
    }
}

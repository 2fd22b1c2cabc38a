package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;

/**
 * The key scheme: the only place that knows how tenants, names and ids become table keys.
 *
 * <p>The table has a single string partition key, {@code pk}. Each item's key is derived from what must be
 * unique, so that a conditional put on {@code attribute_not_exists(pk)} is the uniqueness check:
 * <ul>
 *   <li>{@code bw#<accountId>#<lower-cased name>}: a Bandwidth credential (name unique per account, any case);
 *   <li>{@code ds#<vendorId>#<organizationId>#cred#<id>}: a deepslate credential record;
 *   <li>{@code ds#<vendorId>#<organizationId>#sip#<host>#<port>#<username>}: the guard that makes the SIP
 *       account unique per organization, written in the same transaction as the record;
 *   <li>{@code idem#<scope>#<Idempotency-Key>}, scope {@code bw#<accountId>} or
 *       {@code ds#<vendorId>#<organizationId>}: an idempotency record (claim, then the answer to replay);
 *   <li>{@code prime#snapstart#<name>}: never written; SnapStart priming's conditional writes aim there and fail.
 * </ul>
 * Account ids, UUIDs, hosts and ports cannot contain '#', and the free-form part always comes last, so keys
 * cannot collide across kinds or tenants ("idem" is not a credential prefix, and an Idempotency-Key, which may
 * hold '#', comes last).
 */
final class KeyScheme {
    static final String PK = "pk";
    /** Outside every key space a request can produce. */
    static final String PRIMING_PREFIX = "prime#";

    private KeyScheme() {
    }

    /** The tenant's part of every key: {@code bw#<accountId>} or {@code ds#<vendorId>#<organizationId>}. */
    static String scope(Tenant tenant) {
        if (tenant instanceof Tenant.Account account) {
            return "bw#" + account.accountId();
        }
        Tenant.Organization organization = (Tenant.Organization) tenant;
        return "ds#" + organization.vendorId() + "#" + organization.organizationId();
    }

    static String accountCredential(String accountId, AccountCredential credential) {
        return scope(Tenant.account(accountId)) + "#" + credential.uniquenessKey();
    }

    static String organizationCredential(OrganizationCredential credential) {
        return organizationScope(credential) + "#cred#" + credential.id();
    }

    /** The record's key from the tenant and id alone: what a read, change or delete of one credential addresses. */
    static String organizationCredential(Tenant.Organization organization, java.util.UUID id) {
        return scope(organization) + "#cred#" + id;
    }

    /** The guard of a SIP login in an organization: the same key {@link #organizationGuard(OrganizationCredential)} gives. */
    static String organizationGuard(Tenant.Organization organization, dev.sipcredentials.provisioning.SipServerLogin login) {
        return scope(organization) + "#sip#" + login.uniquenessKey();
    }

    static String organizationGuard(OrganizationCredential credential) {
        return organizationScope(credential) + "#sip#" + credential.login().uniquenessKey();
    }

    static String idempotencyRecord(String scope, String key) {
        return "idem#" + scope + "#" + key;
    }

    static String priming(String name) {
        return PRIMING_PREFIX + "snapstart#" + name;
    }

    private static String organizationScope(OrganizationCredential credential) {
        return scope(Tenant.organization(credential.vendorId().toString(), credential.organizationId().toString()));
    }
}

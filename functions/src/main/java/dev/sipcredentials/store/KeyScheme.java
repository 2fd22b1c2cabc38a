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
 *   <li>{@code key#<scope>} and {@code key#<scope>#v<N>}: the tenant's key pair, newest and each version (sealing);
 *   <li>{@code prime#snapstart#<name>}: never written; SnapStart priming's conditional writes aim there and fail.
 * </ul>
 * Account ids, UUIDs, hosts and ports cannot contain '#', and the free-form part always comes last, so keys
 * cannot collide across kinds or tenants ("idem" is not a credential prefix, and an Idempotency-Key, which may
 * hold '#', comes last).
 *
 * <p>Listing: the global secondary index {@value #LISTING_INDEX} has partition key {@value #LIST_PK} and sort key
 * {@value #LIST_SK}, set on credentials only (guards and idempotency records stay out of this sparse index):
 * <ul>
 *   <li>Bandwidth: {@code listPk = bw#<accountId>#<shard>}, shard 0..{@value #ACCOUNT_LIST_SHARDS}-1 from the CRC-32
 *       of the uniqueness key; {@code listSk} = the uniqueness key (the canonical, lower-cased composite name), so a
 *       shard is in composite-name order;
 *   <li>deepslate: {@code listPk = ds#<vendorId>#<organizationId>#<shard>}, shard 0..{@value #ORGANIZATION_LIST_SHARDS}-1
 *       from the id's random low bits; {@code listSk = <createdAt as 13-digit epoch millis>#<id>}: creation order,
 *       then id.
 * </ul>
 * A tenant's writes spread over its shards, so one account's 5,000-entry batch is never funnelled into a single
 * index partition (about 1,000 WCU/s each); a listing queries every shard and merges them by {@code listSk}. Both
 * sort keys never change after the create, so a keyset cursor (the last {@code listSk} answered) is stable while
 * other requests create and delete. The shard counts are part of the stored data: changing one needs a re-keying.
 */
final class KeyScheme {
    static final String PK = "pk";
    /** Outside every key space a request can produce. */
    static final String PRIMING_PREFIX = "prime#";
    static final String LISTING_INDEX = "tenantListing";
    static final String LIST_PK = "listPk";
    static final String LIST_SK = "listSk";
    /** 16 × ~1,000 WCU/s: room for several concurrent 32-writer batches of one account. */
    static final int ACCOUNT_LIST_SHARDS = 16;
    /** Single creates, each a transaction: far fewer writes per second per organization than a batch makes. */
    static final int ORGANIZATION_LIST_SHARDS = 4;

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

    /** The listing partition of one shard of an account ({@code shard} in 0..{@link #ACCOUNT_LIST_SHARDS}-1). */
    static String accountListPartition(String accountId, int shard) {
        return scope(Tenant.account(accountId)) + "#" + shard;
    }

    static String accountListPartition(String accountId, AccountCredential credential) {
        return accountListPartition(accountId, accountListShard(credential.uniquenessKey()));
    }

    /** The listing sort key: the uniqueness key, so listing order is case-insensitive composite-name order. */
    static String accountListSort(AccountCredential credential) {
        return credential.uniquenessKey();
    }

    static int accountListShard(String uniquenessKey) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(uniquenessKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % ACCOUNT_LIST_SHARDS);
    }

    static String organizationListPartition(Tenant.Organization organization, int shard) {
        return scope(organization) + "#" + shard;
    }

    static String organizationListPartition(OrganizationCredential credential) {
        return organizationScope(credential) + "#" + organizationListShard(credential.id());
    }

    /** Version-4 UUIDs have random low bits: an even spread without hashing. */
    static int organizationListShard(java.util.UUID id) {
        return (int) (id.getLeastSignificantBits() & (ORGANIZATION_LIST_SHARDS - 1));
    }

    /** {@code <epoch millis, 13 digits>#<id>}: fixed width, so string order is creation order (until the year 2286). */
    static String organizationListSort(java.time.Instant createdAt, java.util.UUID id) {
        return String.format(java.util.Locale.ROOT, "%013d#%s", createdAt.toEpochMilli(), id);
    }

    static String idempotencyRecord(String scope, String key) {
        return "idem#" + scope + "#" + key;
    }

    /** A tenant's key head ({@code key#<scope>}: its newest key) for the key hierarchy (sealing). */
    static String tenantKey(String scope) {
        return "key#" + scope;
    }

    /** One version of a tenant's key: {@code key#<scope>#v<N>} (a scope has a fixed number of '#'-free parts). */
    static String tenantKeyVersion(String scope, int version) {
        return "key#" + scope + "#v" + version;
    }

    static String priming(String name) {
        return PRIMING_PREFIX + "snapstart#" + name;
    }

    private static String organizationScope(OrganizationCredential credential) {
        return scope(Tenant.organization(credential.vendorId().toString(), credential.organizationId().toString()));
    }
}

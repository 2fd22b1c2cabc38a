package dev.sipcredentials.store;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentialDeletion;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.AccountCredentialUpdate;
import dev.sipcredentials.provisioning.DeleteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.UpdateOutcome;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.PasswordSealer;
import dev.sipcredentials.testkit.SipCredentialStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Test scope: the three table classes over one table as one object, for tests that drive several routes (and both
 * APIs) against one store. The functions never use it: each route is wired to the one port it needs.
 */
public final class DynamoDbSipCredentialStore implements SipCredentialStore, IdempotencyStore {
    private final BandwidthCredentialTable accounts;
    private final OrganizationCredentialTable organizations;
    private final IdempotencyTable idempotency;

    /** Passwords and hashes sealed with the keys the settings name ({@link TenantKeyTable#keyringFromSettings}). */
    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, clock, TenantKeyTable.passwordSealerFromSettings(dynamoDb, tableName));
    }

    /** Hash1/Hash1b sealed with the settings' keys, resolved on the first hash. */
    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock, PasswordSealer passwords) {
        this(dynamoDb, tableName, clock, passwords, TenantKeyTable.hashSealerFromSettings(dynamoDb, tableName));
    }

    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock, PasswordSealer passwords,
                                      HashSealer hashes) {
        this.accounts = new BandwidthCredentialTable(dynamoDb, tableName, clock, hashes);
        this.organizations = new OrganizationCredentialTable(dynamoDb, tableName, clock, passwords);
        this.idempotency = new IdempotencyTable(dynamoDb, tableName, clock);
    }

    @Override
    public WriteOutcome create(String accountId, AccountCredential credential, String writeToken, Duration timeout,
                               String caller) {
        return accounts.create(accountId, credential, writeToken, timeout, caller);
    }

    @Override
    public AccountCredentialLookup find(String accountId, String compositeName, Duration timeout) {
        return accounts.find(accountId, compositeName, timeout);
    }

    @Override
    public AccountCredentialUpdate replaceHashes(String accountId, String compositeName, String hash1, String hash1b,
                                                 String writeToken, Duration timeout, String caller) {
        return accounts.replaceHashes(accountId, compositeName, hash1, hash1b, writeToken, timeout, caller);
    }

    @Override
    public AccountCredentialDeletion delete(String accountId, String compositeName, Duration timeout) {
        return accounts.delete(accountId, compositeName, timeout);
    }

    @Override
    public WriteOutcome create(OrganizationCredential credential, String writeToken, Duration timeout, String caller) {
        return organizations.create(credential, writeToken, timeout, caller);
    }

    @Override
    public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
        return organizations.find(organization, id, timeout);
    }

    @Override
    public UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin seenLogin, OrganizationCredential changed, String writeToken,
                                Duration timeout, String caller) {
        return organizations.update(organization, seen, seenLogin, changed, writeToken, timeout, caller);
    }

    @Override
    public DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin login, Duration timeout) {
        return organizations.delete(organization, seen, login, timeout);
    }

    @Override
    public String scopeOf(Tenant tenant) {
        return idempotency.scopeOf(tenant);
    }

    @Override
    public ClaimResult claim(IdempotencyRecord claim, Duration timeout) {
        return idempotency.claim(claim, timeout);
    }

    @Override
    public boolean complete(IdempotencyRecord record, Duration timeout) {
        return idempotency.complete(record, timeout);
    }

    @Override
    public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                Duration timeout) {
        return create(accountId, credential, writeToken, timeout, null);
    }

    @Override
    public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                Duration timeout, String caller) {
        return create(accountId, credential, writeToken, timeout, caller);
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout) {
        return create(credential, writeToken, timeout, null);
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout, String caller) {
        return create(credential, writeToken, timeout, caller);
    }
}

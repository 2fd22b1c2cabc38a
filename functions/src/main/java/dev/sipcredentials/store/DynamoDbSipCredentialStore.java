package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.PasswordSealer;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentialDeletion;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.AccountCredentialUpdate;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.idempotency.IdempotencyRecord;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.DeleteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredentialDeleter;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.SipCredentialStore;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredentialUpdater;
import dev.sipcredentials.provisioning.UpdateOutcome;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link SipCredentialStore}, {@link IdempotencyStore} and {@link AccountCredentials} on one DynamoDB table, with
 * conditional writes only. The deepslate items are {@link OrganizationCredentialTable}'s, the Bandwidth credential
 * items {@link BandwidthCredentialTable}'s (both the enhanced client); this class delegates to them. Each
 * function's role allows only the calls of its route.
 */
public final class DynamoDbSipCredentialStore implements SipCredentialStore, IdempotencyStore,
        OrganizationCredentialDeleter, OrganizationCredentialUpdater, AccountCredentials {
    private static final String NOT_EXISTS = "attribute_not_exists(" + CredentialItems.PK + ")";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final PasswordSealer passwords;
    /** deepslate records and guards, mapped by the enhanced client. */
    private final OrganizationCredentialTable organizationCredentials;
    /** Bandwidth credential items, mapped by the enhanced client. */
    private final BandwidthCredentialTable bandwidth;

    /** Passwords sealed as the settings say ({@link TenantKeyTable#passwordSealerFromSettings}). */
    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, clock, TenantKeyTable.passwordSealerFromSettings(dynamoDb, tableName));
    }

    /** Hash1/Hash1b sealed with the settings' keys, resolved on the first hash. */
    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock, PasswordSealer passwords) {
        this(dynamoDb, tableName, clock, passwords, dev.sipcredentials.store.TenantKeyTable.hashSealerFromSettings(dynamoDb, tableName));
    }

    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock, PasswordSealer passwords,
                                      HashSealer hashes) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
        this.passwords = passwords;
        this.organizationCredentials = new OrganizationCredentialTable(dynamoDb, tableName, clock, passwords);
        this.bandwidth = new BandwidthCredentialTable(dynamoDb, tableName, clock, hashes);
    }

    @Override
    public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                Duration timeout) {
        return createAccountCredential(accountId, credential, writeToken, timeout, null);
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout) {
        return createOrganizationCredential(credential, writeToken, timeout, null);
    }

    @Override
    public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                Duration timeout, String caller) {
        return bandwidth.create(accountId, credential, writeToken, timeout, caller);
    }

    @Override
    public AccountCredentialLookup find(String accountId, String compositeName, Duration timeout) {
        return bandwidth.find(accountId, compositeName, timeout);
    }

    @Override
    public AccountCredentialUpdate replaceHashes(String accountId, String compositeName, String hash1, String hash1b,
                                                 String writeToken, Duration timeout, String caller) {
        return bandwidth.replaceHashes(accountId, compositeName, hash1, hash1b, writeToken, timeout, caller);
    }

    @Override
    public AccountCredentialDeletion delete(String accountId, String compositeName, Duration timeout) {
        return bandwidth.delete(accountId, compositeName, timeout);
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout, String caller) {
        return organizationCredentials.create(credential, writeToken, timeout, caller);
    }

    @Override
    public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
        return organizationCredentials.find(organization, id, timeout);
    }

    @Override
    public DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin login, Duration timeout) {
        return organizationCredentials.delete(organization, seen, login, timeout);
    }

    @Override
    public UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin seenLogin, OrganizationCredential changed, String writeToken,
                                Duration timeout, String caller) {
        return organizationCredentials.update(organization, seen, seenLogin, changed, writeToken, timeout, caller);
    }

    /**
     * The key's record is free when absent, expired (TTL deletes lazily, so expiry is checked here too),
     * released, or pending past its lease; the last two only for the same request body.
     */
    private static final String CLAIMABLE = "attribute_not_exists(#pk) OR #expiresAt <= :nowSeconds"
            + " OR (#fingerprint = :fingerprint AND (#state = :released"
            + " OR (#state = :pending AND #leaseUntil < :nowMillis)))";

    @Override
    public String scopeOf(Tenant tenant) {
        return KeyScheme.scope(tenant);
    }

    @Override
    public ClaimResult claim(IdempotencyRecord claim, Duration timeout) {
        Instant now = Instant.now(clock);
        Expression claimable = Expression.builder()
                .expression(CLAIMABLE)
                .expressionNames(Map.of("#pk", CredentialItems.PK, "#expiresAt", IdempotencyItems.EXPIRES_AT,
                        "#fingerprint", IdempotencyItems.FINGERPRINT, "#state", IdempotencyItems.STATE,
                        "#leaseUntil", IdempotencyItems.LEASE_UNTIL))
                .expressionValues(Map.of(
                        ":nowSeconds", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                        ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                        ":fingerprint", AttributeValue.fromS(claim.fingerprint()),
                        ":released", AttributeValue.fromS(IdempotencyRecord.State.RELEASED.name()),
                        ":pending", AttributeValue.fromS(IdempotencyRecord.State.PENDING.name())))
                .build();
        try {
            idempotencyRecords(timeout).putItem(PutItemEnhancedRequest.builder(IdempotencyItem.class)
                    .item(IdempotencyItem.of(claim))
                    .conditionExpression(claimable)
                    // The record in the way comes back with the failed condition: no read, no race between
                    // looking and writing.
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return ClaimResult.claimed();
        } catch (ConditionalCheckFailedException e) {
            if (e.item() == null || e.item().isEmpty()) {
                return ClaimResult.unavailable();
            }
            return ClaimResult.existing(IdempotencyItem.SCHEMA.mapToItem(e.item()).record(claim.scope(), claim.key()));
        } catch (SdkException e) {
            return ClaimResult.unavailable();
        }
    }

    @Override
    public boolean complete(IdempotencyRecord record, Duration timeout) {
        IdempotencyItem item = IdempotencyItem.of(record);
        if (item == null) {
            item = IdempotencyItem.of(record.released());
        }
        try {
            idempotencyRecords(timeout).putItem(PutItemEnhancedRequest.builder(IdempotencyItem.class)
                    .item(item)
                    // Only over our own claim: a request that took over an abandoned claim keeps its record.
                    .conditionExpression(Expression.builder().expression("#claimToken = :claimToken")
                            .putExpressionName("#claimToken", IdempotencyItems.CLAIM_TOKEN)
                            .putExpressionValue(":claimToken", AttributeValue.fromS(record.claimToken()))
                            .build())
                    .build());
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /** The idempotency records through the enhanced client, this call's time limit on every request. */
    private DynamoDbTable<IdempotencyItem> idempotencyRecords(Duration timeout) {
        return TimedDynamoDbClient.enhanced(dynamoDb, timeout).table(tableName, IdempotencyItem.SCHEMA);
    }

    /** A secret that could not be sealed: nothing is stored, rather than a secret in clear. */
    static WriteOutcome sealFailure(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException kms) {
            // KMS throttled or failing: worth the client's retry; refused (e.g. access denied): our fault.
            return kms.isThrottlingException() || kms.statusCode() >= 500
                    ? WriteOutcome.TRANSIENT_FAILURE : WriteOutcome.STORE_FAILURE;
        }
        if (e instanceof SdkException sdk) {
            return classify(sdk); // KMS unreachable or timed out
        }
        return WriteOutcome.STORE_FAILURE; // no key configured
    }

    /** After the SDK's own retries: is it worth the client's retry, or a fault on our side? */
    static WriteOutcome classify(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof AbortedException) {
            return WriteOutcome.TRANSIENT_FAILURE;
        }
        if (e instanceof DynamoDbException service) {
            int status = service.statusCode();
            if (status >= 500 || service.isThrottlingException()) {
                return WriteOutcome.TRANSIENT_FAILURE;
            }
            return WriteOutcome.STORE_FAILURE;
        }
        if (e instanceof SdkClientException) {
            // Connection refused or reset, DNS, socket timeouts: the store was not reachable.
            return WriteOutcome.TRANSIENT_FAILURE;
        }
        return WriteOutcome.STORE_FAILURE;
    }
}

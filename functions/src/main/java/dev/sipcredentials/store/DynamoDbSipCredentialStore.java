package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.AccountCredential;
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
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@link SipCredentialStore} and {@link IdempotencyStore} on one DynamoDB table, with conditional writes only
 * (PutItem and TransactWriteItems of Puts: the only action the functions are allowed).
 */
public final class DynamoDbSipCredentialStore implements SipCredentialStore, IdempotencyStore,
        OrganizationCredentialDeleter {
    private static final String NOT_EXISTS = "attribute_not_exists(" + CredentialItems.PK + ")";
    /** Two creates of one SIP account racing in transactions can cancel each other; one retry decides. */
    private static final int TRANSACTION_CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final PasswordSealer passwords;
    private final HashSealer hashes;

    /** Passwords sealed as the settings say ({@link PasswordSealers#fromSettings()}). */
    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, clock, PasswordSealers.fromSettings());
    }

    /** Hash1/Hash1b sealed with the settings' keys, resolved on the first hash ({@link HashSealer#fromSettings()}). */
    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock, PasswordSealer passwords) {
        this(dynamoDb, tableName, clock, passwords, HashSealer.fromSettings());
    }

    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock, PasswordSealer passwords,
                                      HashSealer hashes) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
        this.passwords = passwords;
        this.hashes = hashes;
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
        Map<String, AttributeValue> sealedHashes;
        try {
            sealedHashes = hashes.seal(accountId, credential);
        } catch (RuntimeException e) {
            return sealFailure(e);
        }
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(CredentialItems.audited(CredentialItems.accountCredential(accountId, credential, sealedHashes,
                        writeToken, Instant.now(clock)), caller))
                .conditionExpression(NOT_EXISTS)
                // On a failed condition DynamoDB hands back the existing item, so a retry of our own write
                // whose first response was lost is told apart from someone else's item without a read.
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))
                .build();
        try {
            dynamoDb.putItem(request);
            return WriteOutcome.CREATED;
        } catch (ConditionalCheckFailedException e) {
            return CredentialItems.writtenWith(e.item(), writeToken) ? WriteOutcome.CREATED : WriteOutcome.ALREADY_EXISTS;
        } catch (SdkException e) {
            return classify(e);
        }
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout, String caller) {
        // Every attempt, conflict retries included, must end within the caller's timeout: each call gets only
        // what is left of it, so a request never runs past its budget because of our own retry loop.
        long endNanos = System.nanoTime() + timeout.toNanos();
        Instant now = Instant.now(clock);
        SealedPassword password;
        try {
            password = passwords.seal(credential.password(), CredentialItems.passwordAad(credential));
        } catch (RuntimeException e) {
            return sealFailure(e);
        }
        TransactWriteItemsRequest.Builder request = TransactWriteItemsRequest.builder()
                // A fresh token per call, reused by the SDK's retries of it: DynamoDB then treats a retry of a
                // committed transaction (its response lost) as a success. Not the writeToken: a token reused
                // with different items (createdAt) within 10 minutes is refused as a parameter mismatch.
                .clientRequestToken(UUID.randomUUID().toString())
                .transactItems(
                        put(CredentialItems.audited(
                                CredentialItems.organizationCredential(credential, password, writeToken, now), caller),
                                false),
                        // ALL_OLD on the guard: when the SIP account is taken, DynamoDB returns the guard, and
                        // our own writeToken on it means the transaction that took it was ours: a committed
                        // transaction met again without its ClientRequestToken (a rerun under the same
                        // Idempotency-Key, or after the token's 10-minute window). No read involved.
                        put(CredentialItems.audited(CredentialItems.organizationGuard(credential, writeToken, now),
                                caller), true));
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                return WriteOutcome.TRANSIENT_FAILURE;
            }
            try {
                dynamoDb.transactWriteItems(request.overrideConfiguration(c -> c.apiCallTimeout(left)).build());
                return WriteOutcome.CREATED;
            } catch (TransactionCanceledException e) {
                CancellationReason guard = guardReason(e.cancellationReasons());
                if (guard != null && "ConditionalCheckFailed".equals(guard.code())) {
                    return CredentialItems.writtenWith(guard.item(), writeToken)
                            ? WriteOutcome.CREATED : WriteOutcome.ALREADY_EXISTS;
                }
                if (!conflicted(e.cancellationReasons()) || attempt >= TRANSACTION_CONFLICT_ATTEMPTS) {
                    return WriteOutcome.TRANSIENT_FAILURE;
                }
                sleepBeforeRetry(attempt);
            } catch (SdkException e) {
                return classify(e);
            }
        }
    }

    @Override
    public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
        GetItemRequest request = GetItemRequest.builder()
                .tableName(tableName)
                // The tenant is part of the key: another organization's id is simply not there (no filter to forget).
                .key(Map.of(CredentialItems.PK, AttributeValue.fromS(KeyScheme.organizationCredential(organization, id))))
                // 1 read unit (items are < 4 KB) instead of 0.5, so that a client reads its own create or change.
                .consistentRead(true)
                .projectionExpression(CredentialItems.READ_PROJECTION)
                .expressionAttributeNames(CredentialItems.READ_PROJECTION_NAMES)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))
                .build();
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(request);
        } catch (SdkException e) {
            return OrganizationCredentialLookup.of(classify(e) == WriteOutcome.TRANSIENT_FAILURE
                    ? OrganizationCredentialLookup.Kind.TRANSIENT_FAILURE : OrganizationCredentialLookup.Kind.STORE_FAILURE);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return OrganizationCredentialLookup.of(OrganizationCredentialLookup.Kind.NOT_FOUND);
        }
        return OrganizationCredentialLookup.found(CredentialItems.storedOrganizationCredential(response.item()));
    }

    @Override
    public DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin login, Duration timeout) {
        long endNanos = System.nanoTime() + timeout.toNanos();
        Delete record = Delete.builder().tableName(tableName)
                .key(Map.of(CredentialItems.PK, AttributeValue.fromS(
                        KeyScheme.organizationCredential(organization, seen.id()))))
                // Only the record that was read: a concurrent change of its SIP login (or a delete) cancels this.
                .conditionExpression("attribute_exists(#pk) AND #hostname = :hostname AND #port = :port"
                        + " AND #username = :username")
                .expressionAttributeNames(Map.of("#pk", CredentialItems.PK, "#hostname", "hostname", "#port", "port",
                        "#username", "username"))
                .expressionAttributeValues(Map.of(":hostname", AttributeValue.fromS(seen.hostname()),
                        ":port", CredentialItems.n(seen.port()), ":username", AttributeValue.fromS(seen.username())))
                .build();
        Delete guard = Delete.builder().tableName(tableName)
                .key(Map.of(CredentialItems.PK, AttributeValue.fromS(KeyScheme.organizationGuard(organization, login))))
                .conditionExpression("#credentialId = :id")
                .expressionAttributeNames(Map.of("#credentialId", "credentialId"))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(seen.id().toString())))
                .build();
        TransactWriteItemsRequest.Builder request = TransactWriteItemsRequest.builder()
                // Reused by the SDK's retries: a retry of a committed delete whose response was lost succeeds.
                .clientRequestToken(UUID.randomUUID().toString())
                .transactItems(TransactWriteItem.builder().delete(record).build(),
                        TransactWriteItem.builder().delete(guard).build());
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                return DeleteOutcome.TRANSIENT_FAILURE;
            }
            try {
                dynamoDb.transactWriteItems(request.overrideConfiguration(c -> c.apiCallTimeout(left)).build());
                return DeleteOutcome.DELETED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return DeleteOutcome.CHANGED;
                }
                if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                    // The record is as read but its guard does not name it: never remove one without the other.
                    return DeleteOutcome.STORE_FAILURE;
                }
                if (!conflicted(reasons) || attempt >= TRANSACTION_CONFLICT_ATTEMPTS) {
                    return DeleteOutcome.TRANSIENT_FAILURE;
                }
                sleepBeforeRetry(attempt);
            } catch (SdkException e) {
                return classify(e) == WriteOutcome.TRANSIENT_FAILURE
                        ? DeleteOutcome.TRANSIENT_FAILURE : DeleteOutcome.STORE_FAILURE;
            }
        }
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
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(IdempotencyItems.item(claim))
                .conditionExpression(CLAIMABLE)
                .expressionAttributeNames(Map.of("#pk", CredentialItems.PK, "#expiresAt", IdempotencyItems.EXPIRES_AT,
                        "#fingerprint", IdempotencyItems.FINGERPRINT, "#state", IdempotencyItems.STATE,
                        "#leaseUntil", IdempotencyItems.LEASE_UNTIL))
                .expressionAttributeValues(Map.of(
                        ":nowSeconds", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                        ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                        ":fingerprint", AttributeValue.fromS(claim.fingerprint()),
                        ":released", AttributeValue.fromS(IdempotencyRecord.State.RELEASED.name()),
                        ":pending", AttributeValue.fromS(IdempotencyRecord.State.PENDING.name())))
                // The record in the way comes back with the failed condition: no read, no race between
                // looking and writing.
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))
                .build();
        try {
            dynamoDb.putItem(request);
            return ClaimResult.claimed();
        } catch (ConditionalCheckFailedException e) {
            if (e.item() == null || e.item().isEmpty()) {
                return ClaimResult.unavailable();
            }
            return ClaimResult.existing(IdempotencyItems.record(claim.scope(), claim.key(), e.item()));
        } catch (SdkException e) {
            return ClaimResult.unavailable();
        }
    }

    @Override
    public boolean complete(IdempotencyRecord record, Duration timeout) {
        Map<String, AttributeValue> item = IdempotencyItems.item(record);
        if (item == null) {
            item = IdempotencyItems.item(record.released());
        }
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                // Only over our own claim: a request that took over an abandoned claim keeps its record.
                .conditionExpression("#claimToken = :claimToken")
                .expressionAttributeNames(Map.of("#claimToken", IdempotencyItems.CLAIM_TOKEN))
                .expressionAttributeValues(Map.of(":claimToken", AttributeValue.fromS(record.claimToken())))
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))
                .build();
        try {
            dynamoDb.putItem(request);
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item,
                                  boolean returnOldOnConflict) {
        Put.Builder put = Put.builder().tableName(tableName).item(item).conditionExpression(NOT_EXISTS);
        if (returnOldOnConflict) {
            put.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static CancellationReason guardReason(List<CancellationReason> reasons) {
        // Item 0 is the record (a fresh UUID), item 1 the guard of the SIP account.
        return reasons.size() > 1 ? reasons.get(1) : null;
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(10L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A secret that could not be sealed: nothing is stored, rather than a secret in clear. */
    private static WriteOutcome sealFailure(RuntimeException e) {
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
    private static WriteOutcome classify(SdkException e) {
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

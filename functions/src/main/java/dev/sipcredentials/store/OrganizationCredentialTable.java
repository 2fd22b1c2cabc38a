package dev.sipcredentials.store;

import dev.sipcredentials.sealing.PasswordSealer;
import dev.sipcredentials.sealing.SealedPassword;
import dev.sipcredentials.sealing.PasswordAad;

import dev.sipcredentials.provisioning.DeleteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.provisioning.UpdateOutcome;
import dev.sipcredentials.provisioning.WriteOutcome;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * deepslate credentials in the table, mapped by the enhanced client ({@link OrganizationCredentialItem},
 * {@link SipLoginGuardItem}): the create (record and guard put in one transaction), the read, the change (record
 * updated, guard moved, in one transaction) and the delete (both removed in one transaction), each write conditional.
 *
 * <p>What the enhanced API (SDK 2.54) cannot say is kept as follows: the per-call {@code apiCallTimeout} through
 * {@link TimedDynamoDbClient} (its requests take no override configuration); the read's projection through a plain
 * GetItem whose item the schema maps ({@code GetItemEnhancedRequest} has no projection, and the sealed password should
 * not be read where it is not needed). {@code ClientRequestToken} and {@code ReturnValuesOnConditionCheckFailure} on a
 * transaction's Put it does say ({@code TransactWriteItemsEnhancedRequest.clientRequestToken},
 * {@code TransactPutItemEnhancedRequest.returnValuesOnConditionCheckFailure}). Never throws for store faults.
 */
public final class OrganizationCredentialTable implements OrganizationCredentials {
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    /** Two writes of one SIP account racing in transactions can cancel each other; one retry decides. */
    private static final int TRANSACTION_CONFLICT_ATTEMPTS = 4;
    private static final Expression ABSENT = Expression.builder()
            .expression("attribute_not_exists(#pk)").putExpressionName("#pk", KeyScheme.PK).build();

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final PasswordSealer passwords;
    /** Table resources only describe requests; each call goes through its own {@link #timed} client. */
    private final DynamoDbTable<OrganizationCredentialItem> records;
    private final DynamoDbTable<SipLoginGuardItem> guards;

    public OrganizationCredentialTable(DynamoDbClient dynamoDb, String tableName, Clock clock,
                                       PasswordSealer passwords) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
        this.passwords = passwords;
        DynamoDbEnhancedClient describing = enhanced(dynamoDb);
        this.records = describing.table(tableName, OrganizationCredentialItem.SCHEMA);
        this.guards = describing.table(tableName, SipLoginGuardItem.SCHEMA);
    }

    @Override
    public WriteOutcome create(OrganizationCredential credential, String writeToken, Duration timeout, String caller) {
        // Every attempt, conflict retries included, must end within the caller's timeout: each call gets only
        // what is left of it, so a request never runs past its budget because of our own retry loop.
        long endNanos = System.nanoTime() + timeout.toNanos();
        Instant now = Instant.now(clock);
        SealedPassword password;
        try {
            password = passwords.seal(tenantOf(credential), credential.password(), PasswordAad.of(credential));
        } catch (RuntimeException e) {
            return StoreFaults.writeOutcome(e);
        }
        Tenant.Organization organization = organizationOf(credential);
        TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
                // A fresh token per call, reused by the SDK's retries of it: DynamoDB then treats a retry of a
                // committed transaction (its response lost) as a success. Not the writeToken: a token reused
                // with different items (createdAt) within 10 minutes is refused as a parameter mismatch.
                .clientRequestToken(UUID.randomUUID().toString())
                .addPutItem(records, TransactPutItemEnhancedRequest.builder(OrganizationCredentialItem.class)
                        .item(OrganizationCredentialItem.created(credential, password, writeToken, now, caller))
                        .conditionExpression(ABSENT)
                        .build())
                // ALL_OLD on the guard: when the SIP account is taken, DynamoDB returns the guard, and our own
                // writeToken on it means the transaction that took it was ours: a committed transaction met again
                // without its ClientRequestToken (a rerun under the same Idempotency-Key, or after the token's
                // 10-minute window). No read involved.
                .addPutItem(guards, TransactPutItemEnhancedRequest.builder(SipLoginGuardItem.class)
                        .item(SipLoginGuardItem.of(organization, credential.login(), credential.id(), writeToken, now,
                                caller))
                        .conditionExpression(ABSENT)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                return WriteOutcome.TRANSIENT_FAILURE;
            }
            try {
                timed(left).transactWriteItems(request);
                return WriteOutcome.CREATED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failedCondition(reasons, 1)) {
                    SipLoginGuardItem guard = guardOf(reasons.get(1));
                    return guard != null && guard.writtenWith(writeToken)
                            ? WriteOutcome.CREATED : WriteOutcome.ALREADY_EXISTS;
                }
                if (!conflicted(reasons) || attempt >= TRANSACTION_CONFLICT_ATTEMPTS) {
                    return WriteOutcome.TRANSIENT_FAILURE;
                }
                sleepBeforeRetry(attempt);
            } catch (SdkException e) {
                return StoreFaults.writeOutcome(e);
            }
        }
    }

    @Override
    public OrganizationCredentialLookup find(Tenant.Organization organization, UUID id, Duration timeout) {
        GetItemRequest request = GetItemRequest.builder()
                .tableName(tableName)
                // The tenant is part of the key: another organization's id is simply not there (no filter to forget).
                .key(Map.of(KeyScheme.PK, AttributeValue.fromS(KeyScheme.organizationCredential(organization, id))))
                // 1 read unit (items are < 4 KB) instead of 0.5, so that a client reads its own create or change.
                .consistentRead(true)
                .projectionExpression(OrganizationCredentialItem.READ_PROJECTION)
                .expressionAttributeNames(OrganizationCredentialItem.READ_PROJECTION_NAMES)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))
                .build();
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(request);
        } catch (SdkException e) {
            return OrganizationCredentialLookup.of(StoreFaults.isTransient(e)
                    ? OrganizationCredentialLookup.Kind.TRANSIENT_FAILURE
                    : OrganizationCredentialLookup.Kind.STORE_FAILURE);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return OrganizationCredentialLookup.of(OrganizationCredentialLookup.Kind.NOT_FOUND);
        }
        OrganizationCredentialItem item = OrganizationCredentialItem.SCHEMA.mapToItem(response.item());
        return OrganizationCredentialLookup.found(item.stored());
    }

    @Override
    public UpdateOutcome update(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin seenLogin, OrganizationCredential changed, String writeToken,
                                Duration timeout, String caller) {
        long endNanos = System.nanoTime() + timeout.toNanos();
        Instant now = Instant.now(clock);
        SealedPassword password;
        try {
            // Sealed anew, bound (AAD v2) to the new login: the old ciphertext would not open under it anyway.
            password = passwords.seal(tenantOf(changed), changed.password(), PasswordAad.of(changed));
        } catch (RuntimeException e) {
            return updateOutcomeOf(e);
        }
        String oldGuard = KeyScheme.organizationGuard(organization, seenLogin);
        String newGuard = KeyScheme.organizationGuard(organization, changed.login());
        boolean moves = !oldGuard.equals(newGuard);
        TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString())
                // Nulls ignored: the attributes a PUT does not replace (createdAt/By, listPk/listSk, ids) stay.
                .addUpdateItem(records, TransactUpdateItemEnhancedRequest.builder(OrganizationCredentialItem.class)
                        .item(OrganizationCredentialItem.changed(organization, changed, password, writeToken, now,
                                caller))
                        .ignoreNulls(Boolean.TRUE)
                        .conditionExpression(asRead(seen))
                        .build());
        if (moves) {
            request.addDeleteItem(guards, TransactDeleteItemEnhancedRequest.builder()
                            .key(key(oldGuard))
                            .conditionExpression(namesCredential(seen.id()))
                            .build())
                    .addPutItem(guards, TransactPutItemEnhancedRequest.builder(SipLoginGuardItem.class)
                            .item(SipLoginGuardItem.of(organization, changed.login(), seen.id(), writeToken, now,
                                    caller))
                            .conditionExpression(ABSENT)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
        } else {
            // Same login (perhaps spelled in another case): the guard stays, but only if it names this record.
            request.addConditionCheck(guards, ConditionCheck.builder()
                    .key(key(oldGuard))
                    .conditionExpression(namesCredential(seen.id()))
                    .build());
        }
        TransactWriteItemsEnhancedRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                return UpdateOutcome.TRANSIENT_FAILURE;
            }
            try {
                timed(left).transactWriteItems(built);
                return UpdateOutcome.UPDATED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failedCondition(reasons, 0)) {
                    return UpdateOutcome.CHANGED;
                }
                if (failedCondition(reasons, 1)) {
                    // The record is as read but its guard does not name it: never change one without the other.
                    return UpdateOutcome.STORE_FAILURE;
                }
                if (moves && failedCondition(reasons, 2)) {
                    SipLoginGuardItem taken = guardOf(reasons.get(2));
                    // Our own id on it: a change that already happened; the next read shows it.
                    return taken != null && seen.id().toString().equals(taken.credentialId())
                            ? UpdateOutcome.CHANGED : UpdateOutcome.ALREADY_EXISTS;
                }
                if (!conflicted(reasons) || attempt >= TRANSACTION_CONFLICT_ATTEMPTS) {
                    return UpdateOutcome.TRANSIENT_FAILURE;
                }
                sleepBeforeRetry(attempt);
            } catch (SdkException e) {
                return updateOutcomeOf(e);
            }
        }
    }

    @Override
    public DeleteOutcome delete(Tenant.Organization organization, StoredOrganizationCredential seen,
                                SipServerLogin login, Duration timeout) {
        long endNanos = System.nanoTime() + timeout.toNanos();
        TransactWriteItemsEnhancedRequest request = TransactWriteItemsEnhancedRequest.builder()
                // Reused by the SDK's retries: a retry of a committed delete whose response was lost succeeds.
                .clientRequestToken(UUID.randomUUID().toString())
                // Only the record that was read: a concurrent change of its SIP login (or a delete) cancels this.
                .addDeleteItem(records, TransactDeleteItemEnhancedRequest.builder()
                        .key(key(KeyScheme.organizationCredential(organization, seen.id())))
                        .conditionExpression(asRead(seen))
                        .build())
                .addDeleteItem(guards, TransactDeleteItemEnhancedRequest.builder()
                        .key(key(KeyScheme.organizationGuard(organization, login)))
                        .conditionExpression(namesCredential(seen.id()))
                        .build())
                .build();
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                return DeleteOutcome.TRANSIENT_FAILURE;
            }
            try {
                timed(left).transactWriteItems(request);
                return DeleteOutcome.DELETED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failedCondition(reasons, 0)) {
                    return DeleteOutcome.CHANGED;
                }
                if (failedCondition(reasons, 1)) {
                    // The record is as read but its guard does not name it: never remove one without the other.
                    return DeleteOutcome.STORE_FAILURE;
                }
                if (!conflicted(reasons) || attempt >= TRANSACTION_CONFLICT_ATTEMPTS) {
                    return DeleteOutcome.TRANSIENT_FAILURE;
                }
                sleepBeforeRetry(attempt);
            } catch (SdkException e) {
                return StoreFaults.isTransient(e) ? DeleteOutcome.TRANSIENT_FAILURE : DeleteOutcome.STORE_FAILURE;
            }
        }
    }

    /**
     * SnapStart priming of the enhanced path: the schemas map an item both ways, and a transaction of the kinds
     * this function sends (an Update and a ConditionCheck, else Puts, else Deletes) goes out through the enhanced
     * client onto priming keys under {@code attribute_exists(pk)}, so it is cancelled and stores nothing. Never throws.
     *
     * @return true when the transaction reached the table and was cancelled, as intended
     */
    static boolean prime(DynamoDbClient dynamoDb, String tableName, boolean updates, boolean puts, boolean deletes,
                         Duration timeout) {
        OrganizationCredentialTable table = new OrganizationCredentialTable(dynamoDb, tableName, Clock.systemUTC(),
                null);
        OrganizationCredentialItem record = new OrganizationCredentialItem(KeyScheme.priming("enhanced-record"), null,
                null, null, UUID.randomUUID().toString(), null, null, "prime", 5060, "prime", null, null, null, null,
                null, null, 1, null, null, null, null, null);
        OrganizationCredentialItem.SCHEMA.mapToItem(OrganizationCredentialItem.SCHEMA.itemToMap(record, true));
        SipLoginGuardItem guard = new SipLoginGuardItem(KeyScheme.priming("enhanced-guard"), null, null, null, null,
                null, null, null);
        SipLoginGuardItem.SCHEMA.mapToItem(SipLoginGuardItem.SCHEMA.itemToMap(guard, true));
        if (!updates && !puts && !deletes) {
            return true;
        }
        Expression onlyOntoExisting = Expression.builder().expression("attribute_exists(#pk)")
                .putExpressionName("#pk", KeyScheme.PK).build();
        TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString());
        if (updates) {
            request.addUpdateItem(table.records, TransactUpdateItemEnhancedRequest
                    .builder(OrganizationCredentialItem.class).item(record).ignoreNulls(Boolean.TRUE).conditionExpression(onlyOntoExisting).build());
            request.addConditionCheck(table.guards, ConditionCheck.builder()
                    .key(key(guard.pk())).conditionExpression(onlyOntoExisting).build());
        } else if (puts) {
            request.addPutItem(table.records, TransactPutItemEnhancedRequest.builder(OrganizationCredentialItem.class)
                    .item(record).conditionExpression(onlyOntoExisting).build());
            request.addPutItem(table.guards, TransactPutItemEnhancedRequest.builder(SipLoginGuardItem.class)
                    .item(guard).conditionExpression(onlyOntoExisting)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
        } else {
            request.addDeleteItem(table.records, TransactDeleteItemEnhancedRequest.builder()
                    .key(key(record.pk())).conditionExpression(onlyOntoExisting).build());
            request.addDeleteItem(table.guards, TransactDeleteItemEnhancedRequest.builder()
                    .key(key(guard.pk())).conditionExpression(onlyOntoExisting).build());
        }
        try {
            table.timed(timeout).transactWriteItems(request.build());
        } catch (TransactionCanceledException expected) {
            return true;
        } catch (SdkException e) {
            // Unreachable or refused: the client is warmed as far as it got.
        }
        return false;
    }

    /** The record only as it was read: its SIP login unchanged (a change or a delete since cancels the write). */
    private static Expression asRead(StoredOrganizationCredential seen) {
        return Expression.builder()
                .expression("attribute_exists(#pk) AND #hostname = :hostname AND #port = :port"
                        + " AND #username = :username")
                .expressionNames(Map.of("#pk", KeyScheme.PK, "#hostname", "hostname", "#port", "port",
                        "#username", "username"))
                .expressionValues(Map.of(":hostname", AttributeValue.fromS(seen.hostname()),
                        ":port", AttributeValue.fromN(Integer.toString(seen.port())),
                        ":username", AttributeValue.fromS(seen.username())))
                .build();
    }

    private static Expression namesCredential(UUID id) {
        return Expression.builder().expression("#credentialId = :id")
                .putExpressionName("#credentialId", "credentialId")
                .putExpressionValue(":id", AttributeValue.fromS(id.toString()))
                .build();
    }

    private static Key key(String pk) {
        return Key.builder().partitionValue(pk).build();
    }

    /** One call's client: the shared connection, this call's time limit (SDK retries included). */
    private DynamoDbEnhancedClient timed(Duration timeout) {
        return TimedDynamoDbClient.enhanced(dynamoDb, timeout);
    }

    /** No extensions: no version attribute, no counters; the items are exactly what the schemas write. */
    private static DynamoDbEnhancedClient enhanced(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions(List.of()).build();
    }

    private static Tenant.Organization organizationOf(OrganizationCredential credential) {
        return Tenant.organization(credential.vendorId().toString(), credential.organizationId().toString());
    }

    private static SipLoginGuardItem guardOf(CancellationReason reason) {
        return reason.hasItem() && !reason.item().isEmpty() ? SipLoginGuardItem.SCHEMA.mapToItem(reason.item()) : null;
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private static UpdateOutcome updateOutcomeOf(RuntimeException e) {
        return StoreFaults.isTransient(e) ? UpdateOutcome.TRANSIENT_FAILURE : UpdateOutcome.STORE_FAILURE;
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(10L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The organization's key scope ({@code ds#<vendorId>#<organizationId>}): whose tenant key seals its passwords. */
    private static String tenantOf(OrganizationCredential credential) {
        return KeyScheme.scope(Tenant.organization(credential.vendorId().toString(),
                credential.organizationId().toString()));
    }
}

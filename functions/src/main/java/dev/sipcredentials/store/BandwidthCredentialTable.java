package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.SipUserPart;
import dev.sipcredentials.provisioning.AccountCredentialDeletion;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.AccountCredentialUpdate;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.StoredAccountCredential;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.provisioning.WriteOutcome;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bandwidth credential items through the enhanced client ({@link BandwidthCredentialItem#SCHEMA}): the create's
 * conditional put, the read, the change of hashes and the delete of one credential. Every call ends within the
 * caller's timeout ({@link TimedDynamoDbClient}); faults are classified as the rest of the store does.
 */
public final class BandwidthCredentialTable implements AccountCredentials {
    /** The create's condition, as before items were mapped: the name must be free. */
    private static final Expression NAME_FREE = Expression.builder()
            .expression("attribute_not_exists(" + KeyScheme.PK + ")").build();
    /** A change that finds the credential created anew since its read reads again, up to this many times. */
    private static final int CHANGE_ATTEMPTS = 3;
    /** A delete cancelled by a concurrent write of the same item (TransactionConflict) is retried. */
    private static final int DELETE_ATTEMPTS = 4;

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;
    private final HashSealer hashes;

    public BandwidthCredentialTable(DynamoDbClient client, String tableName, Clock clock, HashSealer hashes) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
        this.hashes = hashes;
    }

    /** A view of the table whose every call ends within {@code timeout}, the SDK's retries included. */
    private DynamoDbEnhancedClient enhanced(Duration timeout) {
        return TimedDynamoDbClient.enhanced(client, timeout);
    }

    private DynamoDbTable<BandwidthCredentialItem> table(DynamoDbEnhancedClient enhanced) {
        return enhanced.table(tableName, BandwidthCredentialItem.SCHEMA);
    }

    @Override
    public WriteOutcome create(String accountId, AccountCredential credential, String writeToken, Duration timeout,
                        String caller) {
        Map<String, AttributeValue> sealedHashes;
        try {
            sealedHashes = hashes.seal(accountId, credential);
        } catch (RuntimeException e) {
            return StoreFaults.writeOutcome(e);
        }
        BandwidthCredentialItem item = BandwidthCredentialItem.created(accountId, credential, sealedHashes,
                writeToken, Instant.now(clock), caller);
        try {
            table(enhanced(timeout)).putItem(PutItemEnhancedRequest.builder(BandwidthCredentialItem.class)
                    .item(item)
                    .conditionExpression(NAME_FREE)
                    // On a failed condition DynamoDB hands back the existing item, so a retry of our own write
                    // whose first response was lost is told apart from someone else's item without a read.
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return WriteOutcome.CREATED;
        } catch (ConditionalCheckFailedException e) {
            return ItemSchema.writtenWith(e.item(), writeToken) ? WriteOutcome.CREATED
                    : WriteOutcome.ALREADY_EXISTS;
        } catch (SdkException e) {
            return StoreFaults.writeOutcome(e);
        }
    }

    private static Key key(String accountId, String compositeName) {
        // The name as a path gives it: UserName or UserName@Domain, which has the key its create had.
        return Key.builder().partitionValue(KeyScheme.accountCredential(accountId,
                new AccountCredential(compositeName, null, null, null))).build();
    }

    /** The item, or null when absent; throws the SDK's exception on a fault. */
    private BandwidthCredentialItem read(DynamoDbTable<BandwidthCredentialItem> table, Key key) {
        // Consistent: a client reads its own create or change (1 read unit instead of 0.5; items are < 4 KB).
        return table.getItem(GetItemEnhancedRequest.builder().key(key).consistentRead(true).build());
    }

    @Override
    public AccountCredentialLookup find(String accountId, String compositeName, Duration timeout) {
        BandwidthCredentialItem item;
        try {
            item = read(table(enhanced(timeout)), key(accountId, compositeName));
        } catch (SdkException e) {
            return AccountCredentialLookup.of(lookupFault(e));
        }
        if (item == null) {
            return AccountCredentialLookup.of(AccountCredentialLookup.Kind.NOT_FOUND);
        }
        HashSealer.Hashes opened;
        try {
            opened = hashes.open(item.attributes(), accountId, SipUserPart.canonical(compositeName).toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            // KMS throttled or unreachable: retryable; a ciphertext that does not open, or no key: our fault.
            return AccountCredentialLookup.of(lookupFault(e));
        }
        return AccountCredentialLookup.found(new StoredAccountCredential(item.userName(), item.domain(),
                opened.hash1(), opened.hash1b()));
    }

    @Override
    public AccountCredentialUpdate replaceHashes(String accountId, String compositeName, String hash1, String hash1b,
                                          String writeToken, Duration timeout, String caller) {
        long endNanos = System.nanoTime() + timeout.toNanos();
        Key key = key(accountId, compositeName);
        for (int attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
            Duration left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                break;
            }
            DynamoDbTable<BandwidthCredentialItem> table = table(enhanced(left));
            BandwidthCredentialItem seen;
            try {
                seen = read(table, key);
            } catch (SdkException e) {
                return AccountCredentialUpdate.of(updateFault(e));
            }
            if (seen == null) {
                return AccountCredentialUpdate.of(AccountCredentialUpdate.Kind.NOT_FOUND);
            }
            // Sealed under the stored name and account (the binding HashSealer.open recomputes from the item).
            Map<String, AttributeValue> sealed;
            try {
                sealed = hashes.seal(accountId, new AccountCredential(seen.userName(), seen.domain(), hash1, hash1b));
            } catch (RuntimeException e) {
                return AccountCredentialUpdate.of(updateFault(e));
            }
            BandwidthCredentialItem changed = seen.withHashes(sealed,
                    caller == null ? ItemSchema.UNKNOWN_CALLER : caller, Instant.now(clock).toString(), writeToken);
            left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                break;
            }
            try {
                table(enhanced(left)).putItem(PutItemEnhancedRequest.builder(BandwidthCredentialItem.class)
                        .item(changed)
                        // Only onto the credential as read: never one deleted meanwhile (no resurrection, no
                        // create), never one deleted and created anew (that one is read and changed in turn).
                        .conditionExpression(asRead(seen))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build());
                return AccountCredentialUpdate.updated(seen.userName(), seen.domain());
            } catch (ConditionalCheckFailedException e) {
                if (ItemSchema.writtenWith(e.item(), writeToken)) {
                    // Our own change, its first response lost and retried by the SDK.
                    return AccountCredentialUpdate.updated(seen.userName(), seen.domain());
                }
                if (e.item() == null || e.item().isEmpty()) {
                    return AccountCredentialUpdate.of(AccountCredentialUpdate.Kind.NOT_FOUND);
                }
                // Deleted and created anew since the read: read again, decide again.
            } catch (SdkException e) {
                return AccountCredentialUpdate.of(updateFault(e));
            }
        }
        return AccountCredentialUpdate.of(AccountCredentialUpdate.Kind.TRANSIENT_FAILURE);
    }

    /**
     * The credential read is still there: it exists and was created when the one read was (a delete and a new
     * create in between would otherwise get the old one's name and audit). Concurrent changes of the hashes do not
     * matter: each replaces them whole, and the last one stays.
     */
    private static Expression asRead(BandwidthCredentialItem seen) {
        Expression.Builder condition = Expression.builder()
                .putExpressionName("#pk", KeyScheme.PK)
                .putExpressionName("#createdAt", "createdAt");
        if (seen.createdAt() == null) {
            return condition.expression("attribute_exists(#pk) AND attribute_not_exists(#createdAt)").build();
        }
        return condition.expression("attribute_exists(#pk) AND #createdAt = :createdAt")
                .putExpressionValue(":createdAt", AttributeValue.fromS(seen.createdAt())).build();
    }

    @Override
    public AccountCredentialDeletion delete(String accountId, String compositeName, Duration timeout) {
        long endNanos = System.nanoTime() + timeout.toNanos();
        // A transaction of one conditional Delete, not a DeleteItem: its token makes the SDK's retry of a delete
        // whose response was lost succeed as the same transaction, where a retried DeleteItem would fail its
        // condition and answer 404 for a credential this very call removed.
        String token = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.ofNanos(endNanos - System.nanoTime());
            if (left.compareTo(TimeBudget.MIN_ATTEMPT_TIME) < 0) {
                return AccountCredentialDeletion.TRANSIENT_FAILURE;
            }
            DynamoDbEnhancedClient enhanced = enhanced(left);
            try {
                enhanced(timeout).transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                        .addDeleteItem(table(enhanced), TransactDeleteItemEnhancedRequest.builder()
                                .key(key(accountId, compositeName))
                                .conditionExpression(EXISTS)
                                .build())
                        .clientRequestToken(token)
                        .build());
                return AccountCredentialDeletion.DELETED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    return AccountCredentialDeletion.NOT_FOUND;
                }
                boolean conflicted = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflicted || attempt >= DELETE_ATTEMPTS) {
                    return AccountCredentialDeletion.TRANSIENT_FAILURE;
                }
                // A new attempt is a new transaction: the token of the cancelled one is not reused.
                token = UUID.randomUUID().toString();
                pause(attempt);
            } catch (SdkException e) {
                return StoreFaults.isTransient(e) ? AccountCredentialDeletion.TRANSIENT_FAILURE
                        : AccountCredentialDeletion.STORE_FAILURE;
            }
        }
    }

    private static final Expression EXISTS = Expression.builder()
            .expression("attribute_exists(#pk)").putExpressionName("#pk", KeyScheme.PK).build();

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SnapStart priming of the enhanced client's paths this table uses (mapping, requests, the failed condition's
     * exception), with the calls {@code actions} allows and on priming keys only, so nothing is stored or removed:
     * a put onto an item that must exist, a read that finds nothing, a delete transaction cancelled by its condition.
     *
     * @return true when every call reached DynamoDB and was refused or found nothing, as intended
     */
    boolean prime(java.util.Set<StoreAction> actions, Duration timeout) {
        boolean asIntended = true;
        // Each priming call gets the whole timeout (a client's first call on a cold JVM is the slow one).
        DynamoDbTable<BandwidthCredentialItem> table = table(enhanced(timeout));
        BandwidthCredentialItem item = BandwidthCredentialItem.created("prime",
                new AccountCredential("prime", "snapstart.invalid", "prime", null),
                Map.of(HashSealer.VERSION_ATTRIBUTE, AttributeValue.fromS(HashSealer.CURRENT_VERSION)), "prime",
                Instant.now(clock), null).withPk(KeyScheme.priming("bw-item"));
        Key key = Key.builder().partitionValue(KeyScheme.priming("bw-item")).build();
        if (actions.contains(StoreAction.PUT_ITEM)) {
            try {
                table.putItem(PutItemEnhancedRequest.builder(BandwidthCredentialItem.class).item(item)
                        .conditionExpression(EXISTS)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
                asIntended = false;
            } catch (ConditionalCheckFailedException expected) {
                ItemSchema.writtenWith(expected.item(), "prime");
            } catch (SdkException e) {
                asIntended = false;
            }
        }
        if (actions.contains(StoreAction.GET_ITEM)) {
            try {
                asIntended &= read(table(enhanced(timeout)), key) == null;
                BandwidthCredentialItem.of(item.attributes()); // the read path's mapping of a found item
            } catch (SdkException e) {
                asIntended = false;
            }
        }
        if (actions.contains(StoreAction.DELETE_ITEM) && actions.contains(StoreAction.TRANSACT_WRITE_ITEMS)) {
            try {
                enhanced(timeout).transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                        .addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder().key(key)
                                .conditionExpression(EXISTS).build())
                        .clientRequestToken(UUID.randomUUID().toString()).build());
                asIntended = false;
            } catch (TransactionCanceledException expected) {
                // Cancelled by its condition, as intended.
            } catch (SdkException e) {
                asIntended = false;
            }
        }
        return asIntended;
    }

    private static AccountCredentialLookup.Kind lookupFault(RuntimeException e) {
        return StoreFaults.isTransient(e) ? AccountCredentialLookup.Kind.TRANSIENT_FAILURE
                : AccountCredentialLookup.Kind.STORE_FAILURE;
    }

    private static AccountCredentialUpdate.Kind updateFault(RuntimeException e) {
        return StoreFaults.isTransient(e) ? AccountCredentialUpdate.Kind.TRANSIENT_FAILURE
                : AccountCredentialUpdate.Kind.STORE_FAILURE;
    }
}

package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;

import dev.sipcredentials.provisioning.AccountCredential;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sends the kinds of write a route sends (a conditional PutItem, a two-item TransactWriteItems: only those its
 * role allows) through the Lambda's own client, built so that they cannot store anything: the key
 * {@link KeyScheme#priming} is outside every key space the service writes, and the condition {@code attribute_exists(pk)}
 * lets a put through only onto an item already under that key. Since nothing ever creates such an item, every
 * priming write fails its condition. What it warms: request marshalling, signing, the HTTP connection, the
 * error unmarshalling of a failed condition, and the endpoint and credential caches of the client.
 *
 * <p>Needs no permission beyond the actions asked for.
 */
public final class StorePriming {
    private static final String ONLY_ONTO_EXISTING = "attribute_exists(" + KeyScheme.PK + ")";
    /** The store sets a per-call timeout on every write; so do these, to warm that path too. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private StorePriming() {
    }

    /**
     * Never throws: a store that cannot be reached leaves the client less warm, nothing else.
     *
     * @return true when every write reached DynamoDB and was refused by its condition, as intended
     */
    public static boolean prime(DynamoDbClient client, String tableName, Set<StoreAction> actions) {
        boolean asIntended = true;
        if (actions.contains(StoreAction.PUT_ITEM)) {
            asIntended &= putRefused(client, tableName);
        }
        if (actions.contains(StoreAction.GET_ITEM)) {
            asIntended &= readFindsNothing(client, tableName);
        }
        if (actions.contains(StoreAction.DELETE_ITEM) && actions.contains(StoreAction.TRANSACT_WRITE_ITEMS)) {
            asIntended &= deleteTransactionRefused(client, tableName);
        }
        if (actions.contains(StoreAction.QUERY)) {
            asIntended &= DynamoDbCredentialLister.primeQueries(client, tableName);
        }
        if (actions.contains(StoreAction.TRANSACT_WRITE_ITEMS) && actions.contains(StoreAction.PUT_ITEM)) {
            asIntended &= transactionRefused(client, tableName);
        }
        return asIntended;
    }

    /**
     * The deepslate items' enhanced-client path ({@link OrganizationCredentialTable#prime}): its schemas, and one
     * transaction of the route's own kind (an Update and a ConditionCheck with UpdateItem and ConditionCheckItem, else
     * Deletes with DeleteItem, else Puts with PutItem), refused by its condition. Never throws.
     */
    public static boolean primeOrganizationItems(DynamoDbClient client, String tableName, Set<StoreAction> actions) {
        boolean transacts = actions.contains(StoreAction.TRANSACT_WRITE_ITEMS);
        boolean updates = transacts && actions.contains(StoreAction.UPDATE_ITEM)
                && actions.contains(StoreAction.CONDITION_CHECK_ITEM);
        boolean deletes = transacts && !updates && actions.contains(StoreAction.DELETE_ITEM);
        boolean puts = transacts && !updates && !deletes && actions.contains(StoreAction.PUT_ITEM);
        return OrganizationCredentialTable.prime(client, tableName, updates, puts, deletes, CALL_TIMEOUT);
    }

    /**
     * As {@link #prime}, through the enhanced client's mapping of Bandwidth credential items (what the XML routes
     * send): a Bandwidth function warms both. Never throws.
     */
    public static boolean primeBandwidthItems(DynamoDbClient client, String tableName, Set<StoreAction> actions) {
        try {
            return new BandwidthCredentialTable(client, tableName, java.time.Clock.systemUTC(), null)
                    .prime(actions, CALL_TIMEOUT);
        } catch (RuntimeException e) {
            return false; // warmed as far as it got
        }
    }

    private static boolean putRefused(DynamoDbClient client, String tableName) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(primingItem("put"))
                    .conditionExpression(ONLY_ONTO_EXISTING)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                    .build());
        } catch (ConditionalCheckFailedException expected) {
            return true;
        } catch (SdkException e) {
            // The store is unreachable or refused otherwise; the client is warmed as far as it got.
        }
        return false;
    }

    /** A consistent GetItem of a priming key, projected as the read routes project: it finds nothing. */
    private static boolean readFindsNothing(DynamoDbClient client, String tableName) {
        try {
            return !client.getItem(GetItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(KeyScheme.PK, AttributeValue.fromS(KeyScheme.priming("get"))))
                    .consistentRead(true)
                    .projectionExpression(OrganizationCredentialItem.READ_PROJECTION)
                    .expressionAttributeNames(OrganizationCredentialItem.READ_PROJECTION_NAMES)
                    .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                    .build()).hasItem();
        } catch (SdkException e) {
            return false; // as for the writes: the client is warmed as far as it got
        }
    }

    /** Two conditional Deletes of priming keys that do not exist: cancelled, nothing removed. */
    private static boolean deleteTransactionRefused(DynamoDbClient client, String tableName) {
        try {
            client.transactWriteItems(TransactWriteItemsRequest.builder()
                    .clientRequestToken(UUID.randomUUID().toString())
                    .transactItems(delete(tableName, "delete-1"), delete(tableName, "delete-2"))
                    .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                    .build());
        } catch (TransactionCanceledException expected) {
            return true;
        } catch (SdkException e) {
            // As above.
        }
        return false;
    }

    private static TransactWriteItem delete(String tableName, String name) {
        return TransactWriteItem.builder()
                .delete(software.amazon.awssdk.services.dynamodb.model.Delete.builder().tableName(tableName)
                        .key(Map.of(KeyScheme.PK, AttributeValue.fromS(KeyScheme.priming(name))))
                        .conditionExpression(ONLY_ONTO_EXISTING).build())
                .build();
    }

    private static boolean transactionRefused(DynamoDbClient client, String tableName) {
        try {
            client.transactWriteItems(TransactWriteItemsRequest.builder()
                    .clientRequestToken(UUID.randomUUID().toString())
                    .transactItems(put(tableName, primingItem("transact-1")), put(tableName, primingItem("transact-2")))
                    .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                    .build());
        } catch (TransactionCanceledException expected) {
            return true;
        } catch (SdkException e) {
            // As above.
        }
        return false;
    }

    private static TransactWriteItem put(String tableName, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(tableName).item(item)
                        .conditionExpression(ONLY_ONTO_EXISTING).build())
                .build();
    }

    /** An item shaped like a Bandwidth credential, under a key no request can produce. */
    private static Map<String, AttributeValue> primingItem(String name) {
        // No KMS call while priming: only the sealed hashes' version attribute, no hash at all.
        Map<String, AttributeValue> item = BandwidthCredentialItem.created("prime",
                new AccountCredential("prime", "snapstart.invalid", "prime", null),
                Map.of(HashSealer.VERSION_ATTRIBUTE, AttributeValue.fromS(HashSealer.CURRENT_VERSION)), "prime",
                Instant.now(), null).withPk(KeyScheme.priming(name)).attributes();
        return item;
    }
}

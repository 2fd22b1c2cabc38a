package dev.sipcredentials.store;

import dev.sipcredentials.credentials.AccountCredential;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends both kinds of write the handlers send (a conditional PutItem and a two-item TransactWriteItems) through
 * the Lambda's own client, built so that they cannot store anything: the key {@code prime#…} is outside every
 * key space the service writes ({@code bw#…}, {@code ds#…}), and the condition {@code attribute_exists(pk)}
 * lets a put through only onto an item already under that key. Since nothing ever creates such an item, every
 * priming write fails its condition. What it warms: request marshalling, signing, the HTTP connection, the
 * error unmarshalling of a failed condition, and the endpoint and credential caches of the client.
 *
 * <p>Needs no permission beyond the functions' {@code dynamodb:PutItem}.
 */
public final class StorePriming {
    static final String KEY_PREFIX = "prime#";
    private static final String ONLY_ONTO_EXISTING = "attribute_exists(" + CredentialItems.PK + ")";

    private StorePriming() {
    }

    /**
     * Never throws: a store that cannot be reached leaves the client less warm, nothing else.
     *
     * @return true when both writes reached DynamoDB and were refused by their condition, as intended
     */
    public static boolean prime() {
        Map<String, AttributeValue> item = primingItem("put");
        boolean putRefused = false;
        boolean transactionRefused = false;
        try {
            StoreRuntime.client().putItem(PutItemRequest.builder()
                    .tableName(StoreRuntime.tableName())
                    .item(item)
                    .conditionExpression(ONLY_ONTO_EXISTING)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException expected) {
            putRefused = true;
        } catch (SdkException e) {
            // The store is unreachable or refused otherwise; the client is warmed as far as it got.
        }
        try {
            StoreRuntime.client().transactWriteItems(TransactWriteItemsRequest.builder()
                    .clientRequestToken(UUID.randomUUID().toString())
                    .transactItems(put(primingItem("transact-1")), put(primingItem("transact-2")))
                    .build());
        } catch (TransactionCanceledException expected) {
            transactionRefused = true;
        } catch (SdkException e) {
            // As above.
        }
        return putRefused && transactionRefused;
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(StoreRuntime.tableName()).item(item)
                        .conditionExpression(ONLY_ONTO_EXISTING).build())
                .build();
    }

    /** An item shaped like a Bandwidth credential, under a key no request can produce. */
    private static Map<String, AttributeValue> primingItem(String name) {
        Map<String, AttributeValue> item = new HashMap<>(CredentialItems.accountCredential("prime",
                new AccountCredential("prime", "snapstart.invalid", "prime", null), "prime", Instant.now()));
        item.put(CredentialItems.PK, AttributeValue.fromS(KEY_PREFIX + "snapstart#" + name));
        return item;
    }
}

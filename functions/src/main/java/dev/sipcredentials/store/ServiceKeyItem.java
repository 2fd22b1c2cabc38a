package dev.sipcredentials.store;

import dev.sipcredentials.config.Settings;
import dev.sipcredentials.sealing.DataKeyProvider;
import dev.sipcredentials.sealing.LazyDataKeys;
import dev.sipcredentials.sealing.PasswordSealers;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The service MAC key's one item: {@code pk = }{@value #PK_VALUE}, the key wrapped by KMS (or the local master key)
 * under the encryption context {@code {"purpose": "service-mac"}}, never its plaintext. Created by the first function
 * that needs it ({@code GenerateDataKeyWithoutPlaintext}, then a PutItem on condition that no key is there: the
 * first writer wins, a loser reads the winner's key back), then only read. Deleting the item makes the next
 * instance create a new key: Idempotency-Keys recorded before it are then refused as reused (422) for the rest of
 * their 24 hours, and listing cursors already handed out are refused (400); nothing else depends on it.
 */
public final class ServiceKeyItem {
    /** The item's partition key: no tenant, credential or record key starts with {@code svc#}. */
    public static final String PK_VALUE = "svc#service-mac-key";
    /** The KMS encryption context value of the key ({@code purpose}). */
    public static final String PURPOSE = "service-mac";
    static final String KIND = "service-key";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private ServiceKeyItem() {
    }

    /**
     * The unwrap a {@code ServiceMacKey} calls (once per cache period): reads the item (consistently), creates it when
     * absent, unwraps it. Keys from {@code SERVICE_KEY_ID} (KMS; template.yaml) or {@code LOCAL_MASTER_KEY_FILE}
     * (the local stack), resolved on the first call.
     */
    public static Supplier<byte[]> macKey(DynamoDbClient client, String table) {
        LazyDataKeys keys = new LazyDataKeys(ServiceKeyItem::keysFromSettings);
        return () -> unwrapped(client, table, keys);
    }

    /** As {@link #macKey(DynamoDbClient, String)} with the given keys (tests, tools). */
    public static Supplier<byte[]> macKey(DynamoDbClient client, String table, DataKeyProvider keys) {
        return () -> unwrapped(client, table, keys);
    }

    private static byte[] unwrapped(DynamoDbClient client, String table, DataKeyProvider keys) {
        Map<String, AttributeValue> item = read(client, table);
        if (item == null) {
            DataKeyProvider.DataKey created = keys.newWrappedServiceKey(PURPOSE);
            try {
                client.putItem(PutItemRequest.builder().tableName(table)
                        .item(Map.of(KeyScheme.PK, AttributeValue.fromS(PK_VALUE),
                                "kind", AttributeValue.fromS(KIND),
                                "purpose", AttributeValue.fromS(PURPOSE),
                                "keyId", AttributeValue.fromS(created.keyId()),
                                "wrappedKey", AttributeValue.fromB(SdkBytes.fromByteArray(created.wrapped()))))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", KeyScheme.PK))
                        .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
                        .build());
                return keys.unwrapServiceKey(created.keyId(), created.wrapped(), PURPOSE);
            } catch (ConditionalCheckFailedException anotherInstanceWasFirst) {
                item = read(client, table);
                if (item == null) {
                    throw new IllegalStateException("the service key item vanished while it was created");
                }
            }
        }
        return keys.unwrapServiceKey(item.get("keyId").s(), item.get("wrappedKey").b().asByteArray(), PURPOSE);
    }

    private static Map<String, AttributeValue> read(DynamoDbClient client, String table) {
        var response = client.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of(KeyScheme.PK, AttributeValue.fromS(PK_VALUE)))
                .consistentRead(true)
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT))
                .build());
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static DataKeyProvider keysFromSettings() {
        return PasswordSealers.dataKeysFromSettings(Settings.optional("SERVICE_KEY_ID"));
    }
}

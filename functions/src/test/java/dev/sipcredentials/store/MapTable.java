package dev.sipcredentials.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table as a map of items by {@code pk}, for tests of what the store writes and reads: puts (plain and in a
 * transaction) store the item as sent, conditions are not evaluated; GetItem returns the item (projections ignored).
 */
final class MapTable implements DynamoDbClient {
    final Map<String, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        items.put(request.item().get("pk").s(), Map.copyOf(request.item()));
        return PutItemResponse.builder().build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        for (TransactWriteItem write : request.transactItems()) {
            if (write.put() == null) {
                throw new UnsupportedOperationException("only puts: " + write);
            }
            items.put(write.put().item().get("pk").s(), Map.copyOf(write.put().item()));
        }
        return TransactWriteItemsResponse.builder().build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> item = items.get(request.key().get("pk").s());
        return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}

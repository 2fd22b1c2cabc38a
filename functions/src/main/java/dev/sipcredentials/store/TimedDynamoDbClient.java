package dev.sipcredentials.store;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;

/**
 * The table's client with one call's {@code apiCallTimeout} (the SDK's retries and backoff included) on every request
 * it passes on. The enhanced client's requests (SDK 2.54) take no override configuration, so a store that maps
 * items with it gets its per-call time limit here: one of these per call, around the one shared client (cheap: no
 * connection, no configuration of its own). Only the operations the store sends are passed on; any other is
 * refused, as the interface's defaults do.
 */
final class TimedDynamoDbClient implements DynamoDbClient {
    private final DynamoDbClient client;
    private final Duration timeout;

    TimedDynamoDbClient(DynamoDbClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return client.transactWriteItems(request.toBuilder().overrideConfiguration(timed(request.overrideConfiguration()
                .orElse(null))).build());
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return client.getItem(request.toBuilder().overrideConfiguration(timed(request.overrideConfiguration()
                .orElse(null))).build());
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return client.putItem(request.toBuilder().overrideConfiguration(timed(request.overrideConfiguration()
                .orElse(null))).build());
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return client.deleteItem(request.toBuilder().overrideConfiguration(timed(request.overrideConfiguration()
                .orElse(null))).build());
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return client.updateItem(request.toBuilder().overrideConfiguration(timed(request.overrideConfiguration()
                .orElse(null))).build());
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return client.query(request.toBuilder().overrideConfiguration(timed(request.overrideConfiguration()
                .orElse(null))).build());
    }

    /** What the request already carries (the enhanced client's user-agent marks), plus the time limit. */
    private AwsRequestOverrideConfiguration timed(AwsRequestOverrideConfiguration existing) {
        AwsRequestOverrideConfiguration.Builder builder = existing == null
                ? AwsRequestOverrideConfiguration.builder() : existing.toBuilder();
        return builder.apiCallTimeout(timeout).build();
    }

    @Override
    public String serviceName() {
        return client.serviceName();
    }

    @Override
    public void close() {
        // The shared client outlives every call: closing one call's view of it closes nothing.
    }
}

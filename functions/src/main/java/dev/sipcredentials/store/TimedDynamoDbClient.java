package dev.sipcredentials.store;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
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
import java.util.List;

/**
 * The table's client with one deadline: every request it passes on gets {@code apiCallTimeout} = what is left until
 * then (the SDK's retries and backoff included), so the several calls of one operation (a listing's Queries, a
 * read then its write) end together within the caller's budget. The enhanced client's requests (SDK 2.54) take no
 * override configuration, so the store's per-call time limit is set here: one of these per operation, around the
 * one shared client (cheap: no connection, no configuration of its own). Only the operations the store sends are
 * passed on; any other is refused, as the interface's defaults do.
 */
final class TimedDynamoDbClient implements DynamoDbClient {
    private final DynamoDbClient client;
    private final long endNanos;

    TimedDynamoDbClient(DynamoDbClient client, Duration timeout) {
        this.client = client;
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    /**
     * The enhanced client over {@code client} whose every call ends within {@code timeout} from now. No extensions:
     * no version attribute, no counters, no generated keys; the items are exactly what the schemas write.
     */
    static DynamoDbEnhancedClient enhanced(DynamoDbClient client, Duration timeout) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(new TimedDynamoDbClient(client, timeout))
                .extensions(List.of()).build();
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
        Duration left = Duration.ofNanos(endNanos - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            // Past the deadline: not worth a request that could only time out.
            throw ApiCallTimeoutException.create(0);
        }
        AwsRequestOverrideConfiguration.Builder builder = existing == null
                ? AwsRequestOverrideConfiguration.builder() : existing.toBuilder();
        return builder.apiCallTimeout(left).build();
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

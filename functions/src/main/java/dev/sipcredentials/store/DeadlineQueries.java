package dev.sipcredentials.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;

/**
 * The table's client for the enhanced client of one listing, with the store's per-call timeout: the enhanced
 * {@code QueryEnhancedRequest} has no override configuration, so each Query it sends passes through here and gets
 * {@code apiCallTimeout} = what is left until the listing's deadline. Only Query is delegated: a listing sends
 * nothing else, and anything else would be a mistake (it throws).
 */
final class DeadlineQueries implements DynamoDbClient {
    /** Less than this left: not worth starting a Query (it would time out, the client retry anyway). */
    static final Duration MIN_CALL_TIME = Duration.ofMillis(50);

    private final DynamoDbClient client;
    private final long endNanos;

    DeadlineQueries(DynamoDbClient client, Duration timeout) {
        this.client = client;
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        Duration left = Duration.ofNanos(endNanos - System.nanoTime());
        if (left.compareTo(MIN_CALL_TIME) < 0) {
            throw software.amazon.awssdk.core.exception.ApiCallTimeoutException.create(0);
        }
        return client.query(request.toBuilder().overrideConfiguration(c -> c.apiCallTimeout(left)).build());
    }

    @Override
    public String serviceName() {
        return client.serviceName();
    }

    @Override
    public void close() {
        // The table's client is shared by the execution environment: not ours to close.
    }
}

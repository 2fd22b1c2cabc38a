package dev.sipcredentials.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One page of a tenant's listing, merged from its shards of the {@value KeyScheme#LISTING_INDEX} index: every
 * shard is one listing partition ({@code listPk = <scope>#<shard>}), each sorted by {@code listSk}; the page is
 * their k-way merge by {@code listSk}.
 *
 * <p>Lazily, in small chunks: every shard is first asked for about its share of the page
 * ({@code limit / shards} plus about the square root of that, as items spread evenly over the shards, binomially) in
 * one concurrent round of Queries; a shard whose chunk runs out while the page is not full is asked for its next chunk,
 * concurrently with every other shard likely to run out too. A shard must have an item at hand (or be exhausted)
 * before the merge can take the smallest, so the page is exact, and it reads about {@code limit + shards × margin}
 * items (a page of 500: about 600), not {@code shards × limit}. With a filter, a shard's chunks double (up to the 1 MB a Query returns anyway) since
 * most items read may not qualify.
 *
 * @param <T> the projected item, mapped by its StaticImmutableTableSchema
 */
final class ShardedListing<T> {
    /** DynamoDB's Limit is on items evaluated; a Query returns at most 1 MB whatever the Limit. */
    private static final int MAX_CHUNK = 1000;
    private static final int MARGIN = 2;

    private final DynamoDbIndex<T> index;
    private final Function<T, String> sortKey;
    private final Executor executor;

    ShardedListing(DynamoDbIndex<T> index, Function<T, String> sortKey, Executor executor) {
        this.index = index;
        this.sortKey = sortKey;
        this.executor = executor;
    }

    /** Where a shard's Query starts. */
    enum From { FIRST, AT, AFTER }

    /**
     * @param partitions the listing partitions (one per shard)
     * @param from       how {@code position} bounds the sort key (ignored for {@link From#FIRST})
     * @param accept     which merged items count towards the page (the rest are skipped)
     * @throws software.amazon.awssdk.core.exception.SdkException when a Query fails after the SDK's retries
     */
    List<T> page(List<String> partitions, From from, String position, int limit, Predicate<T> accept) {
        boolean filtered = accept != null;
        // A shard's share of the page varies (binomially, with a spread of about the square root of the share):
        // one spread more in the first chunk makes a second round of Queries the exception, for ~20 % more items read.
        int share = (limit + partitions.size() - 1) / partitions.size();
        int chunk = Math.min(MAX_CHUNK, share + Math.max(MARGIN, (int) Math.ceil(Math.sqrt(share))));
        List<Shard> shards = new ArrayList<>(partitions.size());
        for (String partition : partitions) {
            shards.add(new Shard(partition, from, position, chunk));
        }
        List<T> page = new ArrayList<>(Math.min(limit, 1024));
        while (page.size() < limit) {
            refill(shards, filtered, limit - page.size());
            Shard smallest = null;
            for (Shard shard : shards) {
                if (!shard.buffer.isEmpty() && (smallest == null
                        // listSk is ASCII (canonical names, digits, UUIDs): String order is DynamoDB's byte order.
                        || sortKey.apply(shard.buffer.peekFirst()).compareTo(sortKey.apply(smallest.buffer.peekFirst())) < 0)) {
                    smallest = shard;
                }
            }
            if (smallest == null) {
                break; // every shard exhausted
            }
            T item = smallest.buffer.pollFirst();
            if (accept == null || accept.test(item)) {
                page.add(item);
            }
        }
        return page;
    }

    /**
     * When a shard has nothing at hand and more to read, it fetches its next chunk, and so does, in the same
     * concurrent round, every other shard that will likely run out before the page is full (fewer items at hand than
     * an even share of what the page still needs): one round instead of one per shard that runs out in turn.
     */
    private void refill(List<Shard> shards, boolean filtered, int stillNeeded) {
        boolean anyEmpty = false;
        int active = 0;
        for (Shard shard : shards) {
            anyEmpty |= shard.buffer.isEmpty() && !shard.exhausted;
            if (!shard.exhausted || !shard.buffer.isEmpty()) {
                active++;
            }
        }
        if (!anyEmpty) {
            return;
        }
        int evenShare = (stillNeeded + active - 1) / active;
        List<Shard> empty = new ArrayList<>();
        for (Shard shard : shards) {
            if (!shard.exhausted && (shard.buffer.isEmpty() || shard.buffer.size() < evenShare)) {
                empty.add(shard);
            }
        }
        if (empty.size() == 1) {
            empty.get(0).fetch(filtered);
            return;
        }
        List<CompletableFuture<Page<T>>> fetches = new ArrayList<>(empty.size());
        for (Shard shard : empty) {
            fetches.add(CompletableFuture.supplyAsync(() -> shard.fetch(filtered), executor));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Page<T>> fetch : fetches) {
            try {
                fetch.join();
            } catch (CompletionException e) {
                // The first failure decides; the others are waited for so that no Query outlives the page.
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One listing partition: what was read of it and not yet merged, and where its next Query starts. */
    private final class Shard {
        private final QueryConditional condition;
        private final ArrayDeque<T> buffer = new ArrayDeque<>();
        private Map<String, AttributeValue> startKey;
        private boolean exhausted;
        private int chunk;

        Shard(String partition, From from, String position, int chunk) {
            this.chunk = chunk;
            this.condition = switch (from) {
                case FIRST -> QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build());
                case AT -> QueryConditional.sortGreaterThanOrEqualTo(
                        Key.builder().partitionValue(partition).sortValue(position).build());
                case AFTER -> QueryConditional.sortGreaterThan(
                        Key.builder().partitionValue(partition).sortValue(position).build());
            };
        }

        Page<T> fetch(boolean filtered) {
            QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                    .queryConditional(condition)
                    .limit(chunk)
                    // An index cannot be read strongly consistently; see README "Table design" for what it means.
                    .consistentRead(false)
                    // What a page costs shows in each answer (the list benchmark sums it); a few bytes per Query.
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            // One Query, one page: the iterable is lazy, next() sends exactly one request.
            Page<T> page = index.query(request.build()).iterator().next();
            buffer.addAll(page.items());
            startKey = page.lastEvaluatedKey();
            exhausted = startKey == null || startKey.isEmpty();
            if (filtered) {
                chunk = Math.min(MAX_CHUNK, chunk * 2);
            }
            return page;
        }
    }
}

package dev.sipcredentials.store;

import dev.sipcredentials.sealing.HashSealer;

import dev.sipcredentials.provisioning.AccountCredentialFilter;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.ListedAccountCredential;
import dev.sipcredentials.provisioning.ListedOrganizationCredential;
import dev.sipcredentials.provisioning.SipUserPart;
import dev.sipcredentials.provisioning.Tenant;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@link CredentialLister} on the table's {@value KeyScheme#LISTING_INDEX} index, through the enhanced client: one
 * Query per shard, merged ({@link ShardedListing}). Reads only the index (dynamodb:Query on the index ARN);
 * Bandwidth hashes are opened with {@link HashSealer#open} (kms:Decrypt deployed), concurrently.
 */
public final class DynamoDbCredentialLister implements CredentialLister {
    /** Hashes opened per task: a page of 500 is opened in about 16 concurrent slices. */
    private static final int OPEN_SLICE = 32;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final HashSealer hashes;
    private final Executor executor;

    /**
     * @param executor runs the shards' concurrent Queries and the hash opening; at least
     *                 {@link KeyScheme#ACCOUNT_LIST_SHARDS} threads for a listing to run all its shards at once
     */
    public DynamoDbCredentialLister(DynamoDbClient dynamoDb, String tableName, HashSealer hashes, Executor executor) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.hashes = hashes;
        this.executor = executor;
    }

    /** The shard count of an account's listing: how many Queries a page sends at least. */
    public static int accountShards() {
        return KeyScheme.ACCOUNT_LIST_SHARDS;
    }

    public static int organizationShards() {
        return KeyScheme.ORGANIZATION_LIST_SHARDS;
    }

    /** The listing sort key a Bandwidth composite name starts at: its uniqueness key (case and escapes folded). */
    public static String accountPosition(String compositeName) {
        return SipUserPart.canonical(compositeName).toLowerCase(Locale.ROOT);
    }

    @Override
    public CredentialListing<ListedAccountCredential> listAccount(String accountId, String fromName,
                                                                  AccountCredentialFilter filter, int limit,
                                                                  Duration timeout) {
        List<String> partitions = new ArrayList<>(KeyScheme.ACCOUNT_LIST_SHARDS);
        for (int shard = 0; shard < KeyScheme.ACCOUNT_LIST_SHARDS; shard++) {
            partitions.add(KeyScheme.accountListPartition(accountId, shard));
        }
        ShardedListing<BandwidthCredentialItem> listing = new ShardedListing<>(
                index(BandwidthCredentialItem.SCHEMA, timeout), BandwidthCredentialItem::listSk, executor);
        List<BandwidthCredentialItem> items;
        try {
            items = listing.page(partitions, fromName == null ? ShardedListing.From.FIRST : ShardedListing.From.AT,
                    fromName == null ? null : accountPosition(fromName), limit,
                    filter == null || filter.isNone() ? null : item -> filter.matches(item.userName(), item.domain()));
        } catch (SdkException e) {
            return CredentialListing.failed(classify(e));
        }
        try {
            return CredentialListing.listed(opened(accountId, items));
        } catch (RuntimeException e) {
            return CredentialListing.failed(classify(e));
        }
    }

    @Override
    public CredentialListing<ListedOrganizationCredential> listOrganization(Tenant.Organization organization,
                                                                            String afterPosition, int limit,
                                                                            Duration timeout) {
        List<String> partitions = new ArrayList<>(KeyScheme.ORGANIZATION_LIST_SHARDS);
        for (int shard = 0; shard < KeyScheme.ORGANIZATION_LIST_SHARDS; shard++) {
            partitions.add(KeyScheme.organizationListPartition(organization, shard));
        }
        ShardedListing<OrganizationCredentialItem> listing = new ShardedListing<>(
                index(OrganizationCredentialItem.SCHEMA, timeout), OrganizationCredentialItem::listSk, executor);
        try {
            List<OrganizationCredentialItem> items = listing.page(partitions,
                    afterPosition == null ? ShardedListing.From.FIRST : ShardedListing.From.AFTER, afterPosition,
                    limit, null);
            List<ListedOrganizationCredential> listed = new ArrayList<>(items.size());
            for (OrganizationCredentialItem item : items) {
                listed.add(new ListedOrganizationCredential(item.stored(), item.listSk()));
            }
            return CredentialListing.listed(listed);
        } catch (SdkException e) {
            return CredentialListing.failed(classify(e));
        }
    }

    /**
     * SnapStart priming as a real page runs: {@link KeyScheme#ACCOUNT_LIST_SHARDS} concurrent Queries on this
     * lister's executor (its threads started, one keep-alive connection each), through the enhanced client and both
     * item schemas, on priming partitions no item has. Never throws.
     *
     * @return true when every Query reached the index and found nothing, as intended
     */
    public boolean prime() {
        List<String> partitions = new ArrayList<>(KeyScheme.ACCOUNT_LIST_SHARDS);
        for (int shard = 0; shard < KeyScheme.ACCOUNT_LIST_SHARDS; shard++) {
            partitions.add(KeyScheme.priming("list-" + shard));
        }
        try {
            boolean accounts = new ShardedListing<>(index(BandwidthCredentialItem.SCHEMA, Duration.ofSeconds(2)),
                    BandwidthCredentialItem::listSk, executor).page(partitions, ShardedListing.From.AT, "a", 501, null)
                    .isEmpty();
            boolean organizations = new ShardedListing<>(index(OrganizationCredentialItem.SCHEMA, Duration.ofSeconds(2)),
                    OrganizationCredentialItem::listSk, executor)
                    .page(partitions.subList(0, KeyScheme.ORGANIZATION_LIST_SHARDS), ShardedListing.From.AFTER,
                            "0000000000000#", 101, null).isEmpty();
            return accounts && organizations;
        } catch (SdkException e) {
            return false;
        }
    }

    /**
     * SnapStart priming of the listing path: the enhanced client, both item schemas and a Query of the index, on
     * two priming partitions ({@link KeyScheme#priming}: no item ever has such a listPk, so they find nothing).
     * Never throws.
     *
     * @return true when both Queries reached the index and found nothing, as intended
     */
    static boolean primeQueries(DynamoDbClient client, String tableName) {
        DynamoDbCredentialLister lister = new DynamoDbCredentialLister(client, tableName, null, Runnable::run);
        try {
            boolean accounts = new ShardedListing<>(lister.index(BandwidthCredentialItem.SCHEMA, Duration.ofSeconds(2)),
                    BandwidthCredentialItem::listSk, Runnable::run)
                    .page(List.of(KeyScheme.priming("list-1"), KeyScheme.priming("list-2")), ShardedListing.From.AT,
                            "a", 10, null).isEmpty();
            boolean organizations = new ShardedListing<>(
                    lister.index(OrganizationCredentialItem.SCHEMA, Duration.ofSeconds(2)),
                    OrganizationCredentialItem::listSk, Runnable::run)
                    .page(List.of(KeyScheme.priming("list-3"), KeyScheme.priming("list-4")),
                            ShardedListing.From.AFTER, "0000000000000#", 10, null).isEmpty();
            return accounts && organizations;
        } catch (SdkException e) {
            return false; // the client is warmed as far as it got
        }
    }

    /**
     * The enhanced client over this listing's deadline ({@link TimedDynamoDbClient}). Building it is a few small
     * objects: the schema, built once, is what costs.
     */
    private <T> DynamoDbIndex<T> index(StaticImmutableTableSchema<T, ?> schema, Duration timeout) {
        return TimedDynamoDbClient.enhanced(dynamoDb, timeout)
                .table(tableName, schema)
                .index(KeyScheme.LISTING_INDEX);
    }

    /** Each item's hashes opened (one data-key unwrap per item), in concurrent slices, in page order. */
    private List<ListedAccountCredential> opened(String accountId, List<BandwidthCredentialItem> items) {
        if (items.size() <= OPEN_SLICE) {
            return open(accountId, items);
        }
        List<CompletableFuture<List<ListedAccountCredential>>> slices = new ArrayList<>();
        for (int from = 0; from < items.size(); from += OPEN_SLICE) {
            List<BandwidthCredentialItem> slice = items.subList(from, Math.min(items.size(), from + OPEN_SLICE));
            slices.add(CompletableFuture.supplyAsync(() -> open(accountId, slice), executor));
        }
        List<ListedAccountCredential> opened = new ArrayList<>(items.size());
        RuntimeException failure = null;
        for (CompletableFuture<List<ListedAccountCredential>> slice : slices) {
            try {
                opened.addAll(slice.join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return opened;
    }

    private List<ListedAccountCredential> open(String accountId, List<BandwidthCredentialItem> items) {
        List<ListedAccountCredential> opened = new ArrayList<>(items.size());
        for (BandwidthCredentialItem item : items) {
            HashSealer.Hashes open = hashes.open(item.attributes(), accountId, item.listSk());
            opened.add(new ListedAccountCredential(item.userName(), item.domain(), open.hash1(), open.hash1b()));
        }
        return opened;
    }

    /** After the SDK's retries (KMS too, for a hash that could not be opened): {@link StoreFaults}. */
    private static CredentialListing.Kind classify(RuntimeException e) {
        return StoreFaults.isTransient(e) ? CredentialListing.Kind.TRANSIENT_FAILURE
                : CredentialListing.Kind.STORE_FAILURE;
    }
}

package dev.sipcredentials.wiring;

import dev.sipcredentials.store.TenantKeyTable;

import dev.sipcredentials.config.Settings;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.store.BandwidthCredentialTable;
import dev.sipcredentials.sealing.ServiceMacKey;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.ServiceKeyItem;
import dev.sipcredentials.store.DynamoDbCredentialLister;
import dev.sipcredentials.store.IdempotencyTable;
import dev.sipcredentials.store.OrganizationCredentialTable;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.store.StorePriming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one Lambda execution environment shares across invocations, each dependency in its own lazy holder: a
 * holder class is initialised on first use only, so a function builds what its route touches and nothing else (the
 * writer pool only for the batch, the password key and its KMS client only for the route that seals). A handler's
 * constructor asks for its dependencies, so on Lambda they are all built during init, before the SnapStart snapshot.
 */
public final class Wiring {
    private Wiring() {
    }

    private static final class Table {
        // Kept apart from the stores so that SnapStart priming (StorePriming) warms this very client.
        static final DynamoDbClient CLIENT = DynamoDbClients.fromSettings();
        static final String NAME = Settings.required("TABLE_NAME");
    }

    private static final class Accounts {
        /** Hash1/Hash1b sealed or opened with the settings' keys, resolved on the first hash (and KMS client). */
        static final BandwidthCredentialTable TABLE = new BandwidthCredentialTable(Table.CLIENT, Table.NAME,
                Clock.systemUTC(), TenantKeyTable.hashSealerFromSettings(Table.CLIENT, Table.NAME));
    }

    private static final class Organizations {
        /** Passwords sealed on first use: a route that stores no password never resolves the password sealer. */
        static final OrganizationCredentialTable TABLE = new OrganizationCredentialTable(Table.CLIENT, Table.NAME,
                Clock.systemUTC(), TenantKeyTable.passwordSealerFromSettings(Table.CLIENT, Table.NAME));
    }

    private static final class SealingOrganizations {
        /** The password key (and the KMS client) resolved now, before the snapshot. */
        static final OrganizationCredentialTable TABLE = new OrganizationCredentialTable(Table.CLIENT, Table.NAME,
                Clock.systemUTC(), TenantKeyTable.passwordSealerFromSettings(Table.CLIENT, Table.NAME));
    }

    private static final class Listings {
        /** Hash1/Hash1b opened with the settings' keys (kms:Decrypt deployed), resolved on the first hash. */
        static final DynamoDbCredentialLister LISTER = new DynamoDbCredentialLister(Table.CLIENT, Table.NAME,
                dev.sipcredentials.store.TenantKeyTable.hashSealerFromSettings(Table.CLIENT, Table.NAME), Readers.POOL);
    }

    private static final class Readers {
        /** One thread per shard of an account's listing: a page's first round of Queries runs at once. */
        static final ExecutorService POOL = Executors.newFixedThreadPool(DynamoDbCredentialLister.accountShards(),
                daemonThreads("store-reader-"));
    }

    private static final class ServiceKeys {
        /** Read (or created) and unwrapped on first use, after the SnapStart snapshot: never a plaintext in it. */
        static final ServiceMacKey MAC = new ServiceMacKey(ServiceKeyItem.macKey(Table.CLIENT, Table.NAME),
                Clock.systemUTC());
    }

    private static final class Idempotency {
        static final IdempotentRequests REQUESTS = new IdempotentRequests(
                new IdempotencyTable(Table.CLIENT, Table.NAME, Clock.systemUTC()), Clock.systemUTC(), ServiceKeys.MAC);
    }

    private static final class Writers {
        static final ExecutorService POOL = Executors.newFixedThreadPool(DynamoDbClients.WRITE_CONCURRENCY,
                daemonThreads("store-writer-"));
    }

    /** Bandwidth credentials: created, read, changed or deleted by name (hash keys resolved on first use). */
    public static AccountCredentials accountCredentials() {
        return Accounts.TABLE;
    }

    /** deepslate credentials of a route that seals no password (read, delete: no password key). */
    public static OrganizationCredentials organizationCredentials() {
        return Organizations.TABLE;
    }

    /** deepslate credentials of a route that seals passwords (create, change: the key resolved before the snapshot). */
    public static OrganizationCredentials sealingOrganizationCredentials() {
        return SealingOrganizations.TABLE;
    }

    /** Lists both APIs' credentials from the table's listing index (no write, no password key). */
    public static CredentialLister credentialLister() {
        return Listings.LISTER;
    }

    /** Warms the listing as a page runs it (its reader threads and connections included), storing nothing. */
    public static boolean primeListing() {
        return Listings.LISTER.prime();
    }

    /** The service MAC key (fingerprints of Idempotency-Keys, listing cursors), kept wrapped in the same table. */
    public static ServiceMacKey serviceMacKey() {
        return ServiceKeys.MAC;
    }

    /** Idempotency-Keys, kept in the same table. */
    public static IdempotentRequests idempotentRequests() {
        return Idempotency.REQUESTS;
    }

    /** Bounds the concurrent writes of a batch: at most {@link DynamoDbClients#WRITE_CONCURRENCY} in flight. */
    public static ExecutorService writers() {
        return Writers.POOL;
    }

    /** Warms the table's client with the actions the function's role allows, storing nothing. */
    public static boolean primeStore(StoreAction... actions) {
        return StorePriming.prime(Table.CLIENT, Table.NAME, EnumSet.copyOf(List.of(actions)));
    }

    /** As {@link #primeStore(StoreAction...)}, with the set a handler declares as its {@code STORE_ACTIONS}. */
    public static boolean primeStore(java.util.Set<StoreAction> actions) {
        return StorePriming.prime(Table.CLIENT, Table.NAME, EnumSet.copyOf(actions));
    }

    /**
     * As {@link #primeStore(java.util.Set)}, and the deepslate items' enhanced-client path too (schemas, one refused
     * transaction of the kinds {@code actions} allow): for the routes that read or write deepslate credentials.
     */
    public static boolean primeOrganizationStore(java.util.Set<StoreAction> actions) {
        return primeStore(actions)
                & StorePriming.primeOrganizationItems(Table.CLIENT, Table.NAME, EnumSet.copyOf(actions));
    }

    /** Warms the enhanced client's mapping of Bandwidth credential items with those actions, storing nothing. */
    public static boolean primeBandwidthItems(java.util.Set<StoreAction> actions) {
        return StorePriming.primeBandwidthItems(Table.CLIENT, Table.NAME, EnumSet.copyOf(actions));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

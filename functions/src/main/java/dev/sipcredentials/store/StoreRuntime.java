package dev.sipcredentials.store;

import dev.sipcredentials.config.Settings;
import dev.sipcredentials.credentials.SipCredentialStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store and writer threads one Lambda execution environment shares across invocations. Built once at
 * class initialisation, which on Lambda happens during init (captured by a SnapStart snapshot).
 */
public final class StoreRuntime {
    // Kept apart from the store so that SnapStart priming (StorePriming) warms this very client.
    private static final DynamoDbClient CLIENT = DynamoDbClients.fromSettings();
    private static final String TABLE_NAME = Settings.required("TABLE_NAME");
    private static final SipCredentialStore STORE = new DynamoDbSipCredentialStore(CLIENT, TABLE_NAME,
            Clock.systemUTC(), PasswordSealers.fromSettings());
    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(DynamoDbClients.WRITE_CONCURRENCY,
            daemonThreads());

    private StoreRuntime() {
    }

    public static SipCredentialStore store() {
        return STORE;
    }

    static DynamoDbClient client() {
        return CLIENT;
    }

    static String tableName() {
        return TABLE_NAME;
    }

    /** Bounds the concurrent writes of a batch: at most {@link DynamoDbClients#WRITE_CONCURRENCY} in flight. */
    public static ExecutorService writers() {
        return WRITERS;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "store-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

package dev.sipcredentials.store;

import dev.sipcredentials.config.Settings;
import dev.sipcredentials.credentials.SipCredentialStore;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store and writer threads one Lambda execution environment shares across invocations. Built once at
 * class initialisation, which on Lambda happens during init (captured by a SnapStart snapshot).
 */
public final class StoreRuntime {
    private static final SipCredentialStore STORE = new DynamoDbSipCredentialStore(DynamoDbClients.fromSettings(),
            Settings.required("TABLE_NAME"), Clock.systemUTC(), PasswordSealers.fromSettings());
    private static final ExecutorService WRITERS = Executors.newFixedThreadPool(DynamoDbClients.WRITE_CONCURRENCY,
            daemonThreads());

    private StoreRuntime() {
    }

    public static SipCredentialStore store() {
        return STORE;
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

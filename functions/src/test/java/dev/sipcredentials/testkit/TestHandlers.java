package dev.sipcredentials.testkit;

import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.sealing.ServiceMacKey;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The handlers over a given store: Idempotency-Keys kept by that store when it keeps them (the DynamoDB store),
 * refused (503) when it does not (the in-memory one).
 */
public final class TestHandlers {
    private TestHandlers() {
    }

    public static CreateSipCredentials bandwidth(AccountCredentials store, Executor writers) {
        return new CreateSipCredentials(store, writers, idempotencyOf(store, Clock.systemUTC()));
    }

    public static CreateSipCredential deepslate(OrganizationCredentials store, Clock clock, Supplier<UUID> ids) {
        return new CreateSipCredential(store, clock, ids, idempotencyOf(store, clock));
    }

    /** The service MAC key of every test handler: in memory, like one instance's unwrapped key. */
    public static final ServiceMacKey SERVICE_KEY = ServiceMacKey.ephemeral();

    /** The store's own Idempotency-Key records when it keeps them, else none kept. */
    public static IdempotentRequests idempotencyOf(Object store, Clock clock) {
        return store instanceof IdempotencyStore records ? new IdempotentRequests(records, clock, SERVICE_KEY)
                : new IdempotentRequests(new NoIdempotencyRecords(), clock, SERVICE_KEY);
    }
}

package dev.sipcredentials.testkit;

import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.provisioning.SipCredentialStore;

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

    public static CreateSipCredentials bandwidth(SipCredentialStore store, Executor writers) {
        return new CreateSipCredentials(store, writers, idempotencyOf(store, Clock.systemUTC()));
    }

    public static CreateSipCredential deepslate(SipCredentialStore store, Clock clock, Supplier<UUID> ids) {
        return new CreateSipCredential(store, clock, ids, idempotencyOf(store, clock));
    }

    public static IdempotentRequests idempotencyOf(SipCredentialStore store, Clock clock) {
        return store instanceof IdempotencyStore records ? new IdempotentRequests(records, clock)
                : new IdempotentRequests(new NoIdempotencyRecords(), clock);
    }
}

package dev.sipcredentials.testkit;

import dev.sipcredentials.bandwidth.BandwidthSipCredentialsHandler;
import dev.sipcredentials.deepslate.DeepslateSipCredentialsHandler;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.sealing.ServiceMacKey;
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

    public static BandwidthSipCredentialsHandler bandwidth(SipCredentialStore store, Executor writers) {
        return new BandwidthSipCredentialsHandler(store, writers, idempotencyOf(store, Clock.systemUTC()));
    }

    public static DeepslateSipCredentialsHandler deepslate(SipCredentialStore store, Clock clock, Supplier<UUID> ids) {
        return new DeepslateSipCredentialsHandler(store, clock, ids, idempotencyOf(store, clock));
    }

    /** The service MAC key of every test handler: in memory, like one instance's unwrapped key. */
    public static final ServiceMacKey SERVICE_KEY = ServiceMacKey.ephemeral();

    public static IdempotentRequests idempotencyOf(SipCredentialStore store, Clock clock) {
        return store instanceof IdempotencyStore records ? new IdempotentRequests(records, clock, SERVICE_KEY)
                : new IdempotentRequests(new NoIdempotencyRecords(), clock, SERVICE_KEY);
    }
}

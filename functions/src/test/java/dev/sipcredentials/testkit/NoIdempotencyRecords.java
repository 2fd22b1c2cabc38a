package dev.sipcredentials.testkit;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.provisioning.Tenant;

import java.time.Clock;
import java.time.Duration;

/**
 * A store that keeps no idempotency records: every claim is unavailable, so a keyed request is refused (503) and
 * never runs. For handler tests whose credential store is in memory.
 */
public final class NoIdempotencyRecords implements IdempotencyStore {

    public static IdempotentRequests requests() {
        return new IdempotentRequests(new NoIdempotencyRecords(), Clock.systemUTC(), TestHandlers.SERVICE_KEY);
    }

    @Override
    public String scopeOf(Tenant tenant) {
        return tenant.toString();
    }

    @Override
    public ClaimResult claim(IdempotencyRecord claim, Duration timeout) {
        return ClaimResult.unavailable();
    }

    @Override
    public boolean complete(IdempotencyRecord record, Duration timeout) {
        return false;
    }
}

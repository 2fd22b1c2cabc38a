package dev.sipcredentials.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TenantRateLimitTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(42 * SECOND);

    @Test
    void aTenantGetsItsRatePerSecondAndOthersAreUntouched() {
        TenantRateLimit limit = new TenantRateLimit(10, now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limit.take("a", 1)).as("request " + i).isZero();
        }
        assertThat(limit.take("a", 1)).isEqualTo(1);
        assertThat(limit.take("b", 10)).isZero();
        now.addAndGet(SECOND / 10);
        assertThat(limit.take("a", 1)).isZero();
        assertThat(limit.take("a", 1)).isEqualTo(1);
    }

    @Test
    void aRequestCostsTheWorkItAsksForAndALargeOneRunsOnAFullBucketThenHoldsTheTenantBack() {
        TenantRateLimit limit = new TenantRateLimit(1000, now::get);
        assertThat(limit.take("noisy", 5000)).as("a 5,000-entry batch on a full bucket").isZero();
        // 4,000 units of debt: 4 s to earn back, then one second's worth for the next full batch.
        assertThat(limit.take("noisy", 1)).isEqualTo(5);
        now.addAndGet(4 * SECOND);
        assertThat(limit.take("noisy", 5000)).isEqualTo(1);
        now.addAndGet(SECOND);
        assertThat(limit.take("noisy", 5000)).isZero();
        assertThat(limit.take("quiet", 1)).isZero();
    }

    @Test
    void aRefusedRequestTakesNothing() {
        TenantRateLimit limit = new TenantRateLimit(2, now::get);
        assertThat(limit.take("a", 2)).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(limit.take("a", 1)).isEqualTo(1);
        }
        now.addAndGet(SECOND / 2);
        assertThat(limit.take("a", 1)).isZero();
    }

    @Test
    void noLimitLetsEverythingThrough() {
        assertThat(TenantRateLimit.none().isLimited()).isFalse();
        assertThat(TenantRateLimit.none().take("a", Long.MAX_VALUE)).isZero();
    }
}

package dev.sipcredentials.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared quota on a clock the test steps. */
class TokenBucketTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void holdsOneSecondOfRequestsAndRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, nanos::get);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryTake()).as("request %d", i).isTrue();
        }
        assertThat(bucket.tryTake()).isFalse();
        nanos.addAndGet(100_000_000L); // 0.1 s: one token
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        nanos.addAndGet(60_000_000_000L); // a minute idle: still one second's worth at most
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(10);
    }

    @Test
    void zeroRefusesEverythingAndANewRateStartsFull() {
        TokenBucket bucket = new TokenBucket(0, nanos::get);
        nanos.addAndGet(10_000_000_000L);
        assertThat(bucket.tryTake()).isFalse();
        bucket.setRate(2);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        assertThatThrownBy(() -> bucket.setRate(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket.setRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}

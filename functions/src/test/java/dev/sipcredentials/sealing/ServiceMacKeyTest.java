package dev.sipcredentials.sealing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceMacKeyTest {
    private static final byte[] DATA = "request".getBytes(StandardCharsets.UTF_8);

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theKeyIsUnwrappedOncePerCachePeriodNotPerUse() {
        AtomicInteger unwraps = new AtomicInteger();
        byte[] root = new byte[32];
        HandClock clock = new HandClock();
        ServiceMacKey key = new ServiceMacKey(() -> {
            unwraps.incrementAndGet();
            return root.clone();
        }, clock);

        byte[] first = key.mac(ServiceMacKey.REQUEST_FINGERPRINT, DATA);
        for (int i = 0; i < 1000; i++) {
            key.mac(ServiceMacKey.REQUEST_FINGERPRINT, DATA);
            key.mac(ServiceMacKey.LISTING_CURSOR, DATA);
        }
        assertThat(unwraps).hasValue(1);
        clock.now = clock.now.plus(ServiceMacKey.CACHE_PERIOD).minusMillis(1);
        key.mac(ServiceMacKey.REQUEST_FINGERPRINT, DATA);
        assertThat(unwraps).hasValue(1);
        clock.now = clock.now.plusMillis(1);
        assertThat(key.mac(ServiceMacKey.REQUEST_FINGERPRINT, DATA)).isEqualTo(first);
        assertThat(unwraps).hasValue(2);
    }

    @Test
    void eachPurposeHasItsOwnSubKeyAndNoneIsTheRootKey() throws Exception {
        byte[] root = new byte[32];
        root[0] = 7;
        ServiceMacKey key = new ServiceMacKey(root::clone, Clock.systemUTC());
        javax.crypto.Mac rootMac = javax.crypto.Mac.getInstance("HmacSHA256");
        rootMac.init(new javax.crypto.spec.SecretKeySpec(root, "HmacSHA256"));

        byte[] fingerprint = key.mac(ServiceMacKey.REQUEST_FINGERPRINT, DATA);
        byte[] cursor = key.mac(ServiceMacKey.LISTING_CURSOR, DATA);

        assertThat(fingerprint).isNotEqualTo(cursor).isNotEqualTo(rootMac.doFinal(DATA));
        // RFC 5869 HKDF-Expand, one block: T(1) = HMAC(PRK, info || 0x01).
        rootMac.update((ServiceMacKey.REQUEST_FINGERPRINT).getBytes(StandardCharsets.UTF_8));
        rootMac.update((byte) 1);
        assertThat(ServiceMacKey.expand(root, ServiceMacKey.REQUEST_FINGERPRINT)).isEqualTo(rootMac.doFinal());
    }

    @Test
    void aFailedUnwrapIsUnavailableAndTheNextUseTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        ServiceMacKey key = new ServiceMacKey(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("throttled");
            }
            return new byte[32];
        }, Clock.systemUTC());

        assertThatThrownBy(() -> key.mac(ServiceMacKey.REQUEST_FINGERPRINT, DATA))
                .isInstanceOf(ServiceMacKey.Unavailable.class);
        assertThat(key.mac(ServiceMacKey.REQUEST_FINGERPRINT, DATA)).hasSize(32);
        assertThat(calls).hasValue(2);
    }
}

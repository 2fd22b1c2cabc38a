package dev.sipcredentials.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CipherPrimingTest {
    @Test
    void sealsAndOpensThroughTheEnvelopeSealerWithoutAnyConfiguredKey() {
        // No LOCAL_MASTER_KEY_FILE, no KMS key id in this JVM: priming must not need them.
        assertThat(CipherPriming.prime()).isTrue();
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The DynamoDB store's conditional writes, against our DynamoDB engine. */
class StoreIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final AccountCredential JOHN = new AccountCredential("John", "bw.com", "h1", null);

    @Test
    void aRetryOfOurOwnCommittedWriteIsRecognisedAsCreatedNotAsADuplicate() {
        DynamoDbSipCredentialStore store = TestStack.store(TestStack.freshTable());

        assertThat(store.createAccountCredential("41", JOHN, "request-1#0", TIMEOUT)).isEqualTo(WriteOutcome.CREATED);
        // As if the first response had been lost and the same write sent again.
        assertThat(store.createAccountCredential("41", JOHN, "request-1#0", TIMEOUT)).isEqualTo(WriteOutcome.CREATED);
        // Anyone else's write of the same name is a duplicate.
        assertThat(store.createAccountCredential("41", JOHN, "request-2#0", TIMEOUT))
                .isEqualTo(WriteOutcome.ALREADY_EXISTS);
        assertThat(store.createAccountCredential("41", new AccountCredential("JOHN@BW.COM", null, "h2", null),
                "request-3#0", TIMEOUT)).isEqualTo(WriteOutcome.ALREADY_EXISTS);
    }
}

package dev.sipcredentials.provisioning;

import dev.sipcredentials.testkit.InMemorySipCredentialStore;
import dev.sipcredentials.testkit.SipCredentialStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sipcredentials.provisioning.WriteOutcome.ALREADY_EXISTS;
import static dev.sipcredentials.provisioning.WriteOutcome.CREATED;
import static dev.sipcredentials.provisioning.WriteOutcome.NOT_ATTEMPTED;
import static dev.sipcredentials.provisioning.WriteOutcome.STORE_FAILURE;
import static dev.sipcredentials.provisioning.WriteOutcome.TRANSIENT_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

class AccountBatchCreatorTest {
    private static final String ACCOUNT = "41";
    private static final Duration BUDGET = Duration.ofSeconds(20);

    private final ExecutorService writers = Executors.newFixedThreadPool(8);
    private final InMemorySipCredentialStore store = new InMemorySipCredentialStore();
    private final AccountBatchCreator creator = new AccountBatchCreator(store, writers);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    private static AccountCredential credential(String userName) {
        return new AccountCredential(userName, null, "hash-" + userName, null);
    }

    private List<WriteOutcome> create(AccountCredential... entries) {
        return creator.create(ACCOUNT, List.of(entries), "req-1", Deadline.after(BUDGET));
    }

    @Test
    void outcomesKeepEntryOrder() {
        store.seed(ACCOUNT, credential("taken"))
                .failName("flaky", TRANSIENT_FAILURE)
                .failName("broken", STORE_FAILURE);

        List<WriteOutcome> outcomes = create(credential("a"), credential("taken"), credential("flaky"), credential("b"),
                credential("broken"), credential("c"));

        assertThat(outcomes).containsExactly(CREATED, ALREADY_EXISTS, TRANSIENT_FAILURE, CREATED, STORE_FAILURE, CREATED);
        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#taken", "bw#41#a", "bw#41#b", "bw#41#c");
    }

    @Test
    void manyDistinctEntriesKeepOrder() {
        AccountCredential[] entries = new AccountCredential[200];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = credential("user" + i);
            if (i % 7 == 3) {
                store.failName("user" + i, TRANSIENT_FAILURE);
            }
        }

        List<WriteOutcome> outcomes = create(entries);

        assertThat(outcomes).hasSize(200);
        for (int i = 0; i < entries.length; i++) {
            assertThat(outcomes.get(i)).as("entry %d", i).isEqualTo(i % 7 == 3 ? TRANSIENT_FAILURE : CREATED);
        }
    }

    @Test
    void emptyBatchHasNoOutcomes() {
        assertThat(create()).isEmpty();
        assertThat(store.accountWrites()).isEmpty();
    }

    @Test
    void repeatedNameIsWrittenOnceAndRepeatsAreDuplicates() {
        List<WriteOutcome> outcomes = create(credential("a"), credential("A"), credential("b"), credential("a"));

        assertThat(outcomes).containsExactly(CREATED, ALREADY_EXISTS, CREATED, ALREADY_EXISTS);
        assertThat(store.accountWrites()).extracting(write -> write.credential().userName())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(store.accountCredentials().get("bw#41#a").hash1()).isEqualTo("hash-a");
    }

    @Test
    void userNameWithDomainAndAggregatedNameAreTheSameName() {
        List<WriteOutcome> outcomes = create(new AccountCredential("Bill", "bw.com", "h1", null),
                new AccountCredential("BILL@BW.COM", null, "h2", null));

        assertThat(outcomes).containsExactly(CREATED, ALREADY_EXISTS);
        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#bill@bw.com");
        assertThat(store.accountCredentials().get("bw#41#bill@bw.com").hash1()).isEqualTo("h1");
    }

    @Test
    void repeatOfAnExistingNameIsADuplicateToo() {
        store.seed(ACCOUNT, credential("taken"));

        assertThat(create(credential("taken"), credential("TAKEN"))).containsExactly(ALREADY_EXISTS, ALREADY_EXISTS);
    }

    @Test
    void repeatOfANameWhoseFirstWriteFailedTransientlyIsRetryable() {
        store.failName("flaky", TRANSIENT_FAILURE);

        List<WriteOutcome> outcomes = create(credential("flaky"), credential("ok"), credential("FLAKY"), credential("Flaky"));

        assertThat(outcomes).containsExactly(TRANSIENT_FAILURE, CREATED, TRANSIENT_FAILURE, TRANSIENT_FAILURE);
        assertThat(outcomes.get(2).isRetryable()).isTrue();
        assertThat(store.accountWrites()).hasSize(2);
    }

    @Test
    void repeatOfANameWhoseFirstWriteFailedPermanentlyFailsTheSameWay() {
        store.failName("broken", STORE_FAILURE);

        assertThat(create(credential("broken"), credential("broken"))).containsExactly(STORE_FAILURE, STORE_FAILURE);
    }

    @Test
    void passedDeadlineAttemptsNothing() {
        List<WriteOutcome> outcomes = creator.create(ACCOUNT,
                List.of(credential("a"), credential("b"), credential("a")), "req-1", Deadline.after(Duration.ZERO));

        assertThat(outcomes).containsExactly(NOT_ATTEMPTED, NOT_ATTEMPTED, NOT_ATTEMPTED);
        assertThat(store.accountWrites()).isEmpty();
        assertThat(store.accountCredentials()).isEmpty();
    }

    @Test
    void deadlineWithinTheResponseReserveAttemptsNothing() {
        Duration tooShort = TimeBudget.RESPONSE_RESERVE.plus(TimeBudget.MIN_WRITE_TIME).minusMillis(1);

        List<WriteOutcome> outcomes = creator.create(ACCOUNT, List.of(credential("a")), "req-1", Deadline.after(tooShort));

        assertThat(outcomes).containsExactly(NOT_ATTEMPTED);
        assertThat(store.accountWrites()).isEmpty();
    }

    @Test
    void storeGetsTheRemainingTimeLessTheResponseReserve() {
        create(credential("a"));

        Duration timeout = store.accountWrites().get(0).timeout();
        assertThat(timeout).isLessThanOrEqualTo(BUDGET.minus(TimeBudget.RESPONSE_RESERVE))
                .isGreaterThan(BUDGET.minus(TimeBudget.RESPONSE_RESERVE).minusSeconds(5));
    }

    @Test
    void eachWriteGetsItsOwnTokenFromTheRequestAndPosition() {
        create(credential("a"), credential("b"), credential("A"), credential("c"));

        assertThat(store.accountWrites()).extracting(InMemorySipCredentialStore.AccountWrite::writeToken)
                .containsExactlyInAnyOrder("req-1#0", "req-1#1", "req-1#3");
        assertThat(store.accountWrites()).extracting(InMemorySipCredentialStore.AccountWrite::accountId)
                .containsOnly(ACCOUNT);
    }

    @Test
    void writesRunConcurrently() {
        int parallel = 6;
        CountDownLatch allInFlight = new CountDownLatch(parallel);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicBoolean gaveUp = new AtomicBoolean();
        SipCredentialStore blocking = new SipCredentialStore() {
            @Override
            public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String token,
                                                        Duration timeout) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                allInFlight.countDown();
                try {
                    // CREATED only when all writes run at the same time. Bounded wait, and once one write gave up
                    // the others do not wait, so a sequential implementation fails in seconds instead of hanging.
                    if (gaveUp.get() || !allInFlight.await(3, TimeUnit.SECONDS)) {
                        gaveUp.set(true);
                        return TRANSIENT_FAILURE;
                    }
                    return CREATED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return TRANSIENT_FAILURE;
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String token,
                                                             Duration timeout) {
                throw new UnsupportedOperationException();
            }
        };
        AccountBatchCreator concurrent = new AccountBatchCreator(blocking, writers);
        List<AccountCredential> entries = List.of(credential("a"), credential("b"), credential("c"), credential("d"),
                credential("e"), credential("f"));

        List<WriteOutcome> outcomes = concurrent.create(ACCOUNT, entries, "req-1", Deadline.after(BUDGET));

        assertThat(outcomes).containsExactly(CREATED, CREATED, CREATED, CREATED, CREATED, CREATED);
        assertThat(maxInFlight.get()).isEqualTo(parallel);
    }

    @Test
    void sameOutcomesOnASingleThreadAsConcurrently() {
        AccountBatchCreator sequential = new AccountBatchCreator(store, Runnable::run);
        store.seed(ACCOUNT, credential("taken")).failName("flaky", TRANSIENT_FAILURE);

        List<WriteOutcome> outcomes = sequential.create(ACCOUNT, List.of(credential("a"), credential("taken"),
                credential("A"), credential("flaky"), credential("flaky")), "req-1", Deadline.after(BUDGET));

        assertThat(outcomes).containsExactly(CREATED, ALREADY_EXISTS, ALREADY_EXISTS, TRANSIENT_FAILURE, TRANSIENT_FAILURE);
    }

    @Test
    void accountsDoNotShareNames() {
        creator.create("41", List.of(credential("a")), "req-1", Deadline.after(BUDGET));

        assertThat(creator.create("42", List.of(credential("a")), "req-2", Deadline.after(BUDGET)))
                .containsExactly(CREATED);
        assertThat(creator.create("41", List.of(credential("a")), "req-3", Deadline.after(BUDGET)))
                .containsExactly(ALREADY_EXISTS);
    }

    @Test
    void storeExceptionCostsOnlyTheEntryWhoseWriteThrew() {
        SipCredentialStore throwsForB = new SipCredentialStore() {
            @Override
            public WriteOutcome createAccountCredential(String accountId, AccountCredential credential,
                                                        String writeToken, Duration timeout) {
                if (credential.userName().equals("b")) {
                    throw new IllegalStateException("boom");
                }
                return store.createAccountCredential(accountId, credential, writeToken, timeout);
            }

            @Override
            public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                             Duration timeout) {
                throw new UnsupportedOperationException();
            }
        };

        List<WriteOutcome> outcomes = new AccountBatchCreator(throwsForB, writers).create("41",
                List.of(credential("a"), credential("b"), credential("c")), "req", Deadline.after(Duration.ofSeconds(5)));

        assertThat(outcomes).containsExactly(WriteOutcome.CREATED, WriteOutcome.STORE_FAILURE, WriteOutcome.CREATED);
        assertThat(store.accountCredentials()).hasSize(2);
    }
}

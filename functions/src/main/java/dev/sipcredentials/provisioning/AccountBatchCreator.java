package dev.sipcredentials.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Creates a batch of account credentials with the outcome of submitting them one by one in document order,
 * while running the writes concurrently.
 *
 * <p>A name repeated in the batch is written once, for its first occurrence; each repeat takes its outcome
 * from that first write (stored or already there → duplicate; a retryable failure → retryable too, since the
 * name is still free). Distinct names do not interact, so running their writes concurrently gives the same
 * outcomes as running them in order.
 */
public final class AccountBatchCreator {
    private final AccountCredentials store;
    private final Executor writers;

    public AccountBatchCreator(AccountCredentials store, Executor writers) {
        this.store = store;
        this.writers = writers;
    }

    /**
     * @param entries      the valid entries, in document order
     * @param writeToken unique to this request (or to its Idempotency-Key); the entry's position is appended to it
     * @return one outcome per entry, same order; repeats of an earlier name as {@link WriteOutcome#ALREADY_EXISTS}
     *         unless the earlier one failed retryably
     */
    public List<WriteOutcome> create(String accountId, List<AccountCredential> entries, String writeToken,
                                     Deadline deadline) {
        return create(accountId, entries, writeToken, deadline, null);
    }

    /** @param caller who the items are created by (their audit trail); null when unknown */
    public List<WriteOutcome> create(String accountId, List<AccountCredential> entries, String writeToken,
                                     Deadline deadline, String caller) {
        int size = entries.size();
        int[] firstOccurrence = new int[size];
        Map<String, Integer> firstIndexByKey = new HashMap<>(size * 2);
        List<CompletableFuture<WriteOutcome>> writes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            AccountCredential entry = entries.get(i);
            Integer first = firstIndexByKey.putIfAbsent(entry.uniquenessKey(), i);
            firstOccurrence[i] = first == null ? i : first;
            if (first == null) {
                String entryToken = writeToken + "#" + i;
                writes.add(CompletableFuture.supplyAsync(() -> write(accountId, entry, entryToken, deadline, caller),
                        writers));
            } else {
                writes.add(null);
            }
        }
        List<WriteOutcome> outcomes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int first = firstOccurrence[i];
            WriteOutcome firstOutcome = writes.get(first).join();
            if (first == i) {
                outcomes.add(firstOutcome);
            } else if (firstOutcome == WriteOutcome.CREATED || firstOutcome == WriteOutcome.ALREADY_EXISTS) {
                outcomes.add(WriteOutcome.ALREADY_EXISTS);
            } else {
                outcomes.add(firstOutcome);
            }
        }
        return outcomes;
    }

    private WriteOutcome write(String accountId, AccountCredential entry, String writeToken, Deadline deadline,
                               String caller) {
        Duration available = TimeBudget.writeTimeout(deadline);
        if (available == null) {
            return WriteOutcome.NOT_ATTEMPTED;
        }
        try {
            return store.create(accountId, entry, writeToken, available, caller);
        } catch (RuntimeException e) {
            // Stores report faults as outcomes; a bug that throws anyway must cost this entry only, so the
            // others are still reported exactly as stored (a 500 for the batch would hide created entries).
            return WriteOutcome.STORE_FAILURE;
        }
    }
}

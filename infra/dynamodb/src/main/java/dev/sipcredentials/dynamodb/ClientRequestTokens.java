package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TransactWriteItems' ClientRequestToken, remembered for 10 minutes after a successful transaction as DynamoDB does:
 * the same request again succeeds without writing; a different request under the same token is refused with
 * IdempotentParameterMismatchException; one still running makes the other wait-free fail with
 * TransactionInProgressException.
 */
final class ClientRequestTokens {
    static final long REMEMBER_NANOS = 10L * 60 * 1_000_000_000L;
    private static final String IN_PROGRESS = "TransactionInProgressException";

    private final ConcurrentHashMap<String, Entry> tokens = new ConcurrentHashMap<>();

    private static final class Entry {
        final JsonNode request;
        final long at;
        volatile boolean done;

        Entry(JsonNode request, long at) {
            this.request = request;
            this.at = at;
        }
    }

    /** What to do with a request carrying a token. */
    enum Decision { RUN, ALREADY_DONE }

    Decision begin(String token, JsonNode request) {
        long now = System.nanoTime();
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(e -> e.done && now - e.at > REMEMBER_NANOS);
        }
        Entry mine = new Entry(request, now);
        Entry existing = tokens.compute(token, (k, e) -> e == null || (e.done && now - e.at > REMEMBER_NANOS) ? mine : e);
        if (existing == mine) {
            return Decision.RUN;
        }
        if (!existing.request.equals(request)) {
            throw new DynamoDbException(DynamoDbException.IDEMPOTENT_PARAMETER_MISMATCH,
                    "The request uses the same client token as a previous, but non-identical request. Do not reuse a client "
                            + "token with different requests, unless the requests are identical.");
        }
        if (!existing.done) {
            throw new DynamoDbException(IN_PROGRESS, "Transaction is ongoing for the idempotency token");
        }
        return Decision.ALREADY_DONE;
    }

    /** The transaction of this token succeeded: remember it. */
    void succeeded(String token) {
        Entry e = tokens.get(token);
        if (e != null) {
            e.done = true;
        }
    }

    /** It failed: forget the token, so a retry runs again (DynamoDB remembers only successes). */
    void failed(String token) {
        tokens.computeIfPresent(token, (k, e) -> e.done ? e : null);
    }
}

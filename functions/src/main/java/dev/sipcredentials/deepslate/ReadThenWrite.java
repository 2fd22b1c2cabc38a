package dev.sipcredentials.deepslate;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;
import java.util.UUID;

/**
 * What deepslate's change and delete share: read the record (to name its guard and condition the write on it), write
 * on condition of what was read, and when the record changed in between, read again and decide again; each step
 * within what is left of the request's write budget.
 */
final class ReadThenWrite {
    /** A record that changes under every attempt is being rewritten continuously: answer retryable, not loop. */
    static final int MAX_ATTEMPTS = 3;

    /** One attempt's conditional write: its answer, or null when the record changed since it was read. */
    interface ConditionalWrite {
        Reply write(StoredOrganizationCredential seen, SipServerLogin seenLogin, Duration timeout);
    }

    private ReadThenWrite() {
    }

    /** The retryable 503: "nothing was {@code undone}" (changed, deleted). */
    static Reply unavailable(DeepslateDialect dialect, String undone, String traceId) {
        return dialect.failure(DeepslateError.STORE_UNAVAILABLE, "The store is temporarily unavailable; nothing was "
                + undone + ". Retry the request.", null, traceId);
    }

    /** The 500 of a store fault: "nothing was {@code undone}". */
    static Reply internalError(DeepslateDialect dialect, String undone, String traceId) {
        return dialect.failure(DeepslateError.INTERNAL_ERROR, "Internal error; nothing was " + undone, null, traceId);
    }

    /**
     * @param undone what the answers say was not done when the store fails ("changed", "deleted"); the retryable 503
     *               is also the answer when the attempts or the time run out
     */
    static Reply run(OrganizationCredentials store, DeepslateDialect dialect, Tenant.Organization organization,
                     UUID id, Call.Write write, String traceId, String undone, ConditionalWrite conditionalWrite) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Duration timeout = TimeBudget.writeTimeout(write.deadline());
            if (timeout == null) {
                break;
            }
            OrganizationCredentialLookup lookup = store.find(organization, id, timeout);
            switch (lookup.kind()) {
                case NOT_FOUND -> {
                    return dialect.failure(DeepslateError.NOT_FOUND, null, null, traceId);
                }
                case TRANSIENT_FAILURE -> {
                    return unavailable(dialect, undone, traceId);
                }
                case STORE_FAILURE -> {
                    return internalError(dialect, undone, traceId);
                }
                case FOUND -> {
                }
            }
            StoredOrganizationCredential seen = lookup.credential();
            timeout = TimeBudget.writeTimeout(write.deadline());
            if (timeout == null) {
                break;
            }
            Reply reply = conditionalWrite.write(seen,
                    CreateSipCredentialRequest.loginOf(seen.hostname(), seen.port(), seen.username()), timeout);
            if (reply != null) {
                return reply;
            }
        }
        return unavailable(dialect, undone, traceId);
    }
}

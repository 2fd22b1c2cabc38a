package dev.sipcredentials.deepslate;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.OrganizationCredentialReader;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

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

    /**
     * @param unavailable the retryable 503, also the answer when the attempts or the time run out
     * @param internalError the 500 of a store fault
     */
    static Reply run(OrganizationCredentialReader store, DeepslateDialect dialect, Tenant.Organization organization,
                     UUID id, Call.Write write, String traceId, Supplier<Reply> unavailable,
                     Supplier<Reply> internalError, ConditionalWrite conditionalWrite) {
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
                    return unavailable.get();
                }
                case STORE_FAILURE -> {
                    return internalError.get();
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
        return unavailable.get();
    }
}

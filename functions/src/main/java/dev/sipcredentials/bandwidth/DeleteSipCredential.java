package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.AccountCredentialDeletion;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;
import java.util.UUID;

/**
 * The route logic of Bandwidth's delete of one credential: check the name, remove it if it exists. 200 with an
 * empty body (Bandwidth's reference page for this route is not among our sources, so the body is our decision:
 * nothing is left to show); 404 {@code 23007} when there is none.
 */
final class DeleteSipCredential {
    static final String ROUTE_KEY = "DELETE /accounts/{accountId}/sipcredentials/{compositeUserName}";
    /** SnapStart priming: a valid delete runs up to the store call, which has no time left (503); a bad name is a 400. */
    static final PrimingRequest[] PRIMING = {
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", null, 503),
            CompositeNamePath.priming(ROUTE_KEY, "not a name", null, 400)};

    private final AccountCredentials store;

    DeleteSipCredential(AccountCredentials store) {
        this.store = store;
    }

    Reply delete(Call<Void> call) {
        String name = CompositeNamePath.parse(call);
        if (name == null) {
            return CompositeNamePath.refusal();
        }
        String accountId = ((Tenant.Account) call.tenant()).accountId();
        // With an Idempotency-Key a retry whose first answer was lost replays that 200 instead of finding nothing.
        return call.once(UUID.randomUUID().toString(), write -> {
            Duration timeout = TimeBudget.writeTimeout(write.deadline());
            AccountCredentialDeletion outcome = timeout == null ? AccountCredentialDeletion.TRANSIENT_FAILURE
                    : store.delete(accountId, name, timeout);
            return switch (outcome) {
                case DELETED -> Reply.of(200, "", "deleted");
                case NOT_FOUND -> GetSipCredential.notFound(name, accountId);
                case TRANSIENT_FAILURE -> BandwidthDialect.SINGLE.refused(BandwidthError.READ_UNAVAILABLE);
                case STORE_FAILURE -> BandwidthDialect.SINGLE.internalError(call.requestId());
            };
        });
    }
}

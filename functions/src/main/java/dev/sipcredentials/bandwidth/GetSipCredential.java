package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.StoredAccountCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;

/** The route logic of Bandwidth's read of one credential: check the name, read once, answer with its hashes. */
final class GetSipCredential {
    static final String ROUTE_KEY = "GET /accounts/{accountId}/sipcredentials/{compositeUserName}";
    /** SnapStart priming: a valid read runs up to the store call, which has no time left (503); a bad name is a 400. */
    static final PrimingRequest[] PRIMING = {
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", null, 503),
            CompositeNamePath.priming(ROUTE_KEY, "not a name", null, 400)};

    private final AccountCredentials store;

    GetSipCredential(AccountCredentials store) {
        this.store = store;
    }

    Reply get(Call<Void> call) {
        String name = CompositeNamePath.parse(call);
        if (name == null) {
            return CompositeNamePath.refusal();
        }
        String accountId = ((Tenant.Account) call.tenant()).accountId();
        Duration timeout = TimeBudget.writeTimeout(call.deadline());
        if (timeout == null) {
            return BandwidthDialect.SINGLE.refused(BandwidthError.READ_UNAVAILABLE);
        }
        AccountCredentialLookup lookup = store.find(accountId, name, timeout);
        return switch (lookup.kind()) {
            case FOUND -> {
                StoredAccountCredential found = lookup.credential();
                yield Reply.of(200, SipCredentialsXmlWriter.single(found.userName(), found.domain(), found.hash1(),
                        found.hash1b()), "retrieved");
            }
            case NOT_FOUND -> notFound(name, accountId);
            case TRANSIENT_FAILURE -> BandwidthDialect.SINGLE.refused(BandwidthError.READ_UNAVAILABLE);
            case STORE_FAILURE -> BandwidthDialect.SINGLE.internalError(call.requestId());
        };
    }

    /** 404 {@code 23007} with Bandwidth's text, the name as the path gave it. */
    static Reply notFound(String name, String accountId) {
        return BandwidthDialect.singleRefusal(BandwidthError.NOT_FOUND, BandwidthError.notFound(name, accountId))
                .withOutcome("not-found");
    }
}

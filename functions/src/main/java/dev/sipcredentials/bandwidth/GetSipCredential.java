package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.AccountCredentialLookup;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.StoredAccountCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Duration;
import java.util.Set;

/**
 * {@code GET /accounts/{accountId}/sipcredentials/{compositeUserName}}: check the name, read once, answer with its
 * hashes.
 */
public final class GetSipCredential implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM);
    static final String ROUTE_KEY = "GET /accounts/{accountId}/sipcredentials/{compositeUserName}";
    /** SnapStart priming: a valid read runs up to the store call, which has no time left (503); a bad name is a 400. */
    static final PrimingRequest[] PRIMING = {
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", null, 503),
            CompositeNamePath.priming(ROUTE_KEY, "not a name", null, 400)};

    private final AccountCredentials store;
    private final Route<Void> route;

    /** As Lambda builds it: the store that opens hashes (kms:Decrypt under the hash context), and priming. */
    public GetSipCredential() {
        this(Wiring.accountCredentials());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public GetSipCredential(AccountCredentials store) {
        this.store = store;
        // No body and no Idempotency-Key: a read changes nothing, so a retry is simply another read.
        RouteSpec<Void> spec = RouteSpec.of(BandwidthDialect.SINGLE, TenantKind.ACCOUNT).budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, null, this::get);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply get(Call<Void> call) {
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

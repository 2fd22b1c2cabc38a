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
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.AccountCredentialDeletion;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * {@code DELETE /accounts/{accountId}/sipcredentials/{compositeUserName}}: check the name, remove it if it exists.
 * 200 with an empty body (Bandwidth's reference page for this route is not among our sources, so the body is our
 * decision: nothing is left to show); 404 {@code 23007} when there is none.
 */
public final class DeleteSipCredential implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). The
     * delete is a TransactWriteItems of one conditional Delete (IAM authorises it as DeleteItem), and
     * Idempotency-Keys are conditional PutItems.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.TRANSACT_WRITE_ITEMS,
            StoreAction.DELETE_ITEM, StoreAction.PUT_ITEM);
    static final String ROUTE_KEY = "DELETE /accounts/{accountId}/sipcredentials/{compositeUserName}";
    /** SnapStart priming: a valid delete runs up to the store call, which has no time left (503); a bad name is a 400. */
    static final PrimingRequest[] PRIMING = {
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", null, 503),
            CompositeNamePath.priming(ROUTE_KEY, "not a name", null, 400)};

    private final AccountCredentials store;
    private final Route<Void> route;

    /** As Lambda builds it: the shared store (no hash key: deleting never opens or seals), and priming. */
    public DeleteSipCredential() {
        this(Wiring.accountCredentials(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public DeleteSipCredential(AccountCredentials store, IdempotentRequests idempotent) {
        this.store = store;
        RouteSpec<Void> spec = RouteSpec.of(BandwidthDialect.SINGLE, TenantKind.ACCOUNT)
                .idempotentOnPath("DELETE bandwidth sip credential", CompositeNamePath.PARAMETER)
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, this::delete);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply delete(Call<Void> call) {
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

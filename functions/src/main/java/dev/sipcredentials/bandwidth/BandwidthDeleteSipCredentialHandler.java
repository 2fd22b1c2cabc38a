package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Duration;
import java.util.Set;

/** {@code DELETE /accounts/{accountId}/sipcredentials/{compositeUserName}} ({@link DeleteSipCredential}). */
public final class BandwidthDeleteSipCredentialHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). The
     * delete is a TransactWriteItems of one conditional Delete (IAM authorises it as DeleteItem), and
     * Idempotency-Keys are conditional PutItems.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.TRANSACT_WRITE_ITEMS,
            StoreAction.DELETE_ITEM, StoreAction.PUT_ITEM);

    private final Route<Void> route;

    /** As Lambda builds it: the shared store (no hash key: deleting never opens or seals), and priming. */
    public BandwidthDeleteSipCredentialHandler() {
        this(Wiring.accountCredentials(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public BandwidthDeleteSipCredentialHandler(AccountCredentials store, IdempotentRequests idempotent) {
        RouteSpec<Void> spec = RouteSpec.of(BandwidthDialect.SINGLE, TenantKind.ACCOUNT)
                .idempotentOnPath("DELETE bandwidth sip credential", CompositeNamePath.PARAMETER)
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, new DeleteSipCredential(store)::delete);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, DeleteSipCredential.PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }
}

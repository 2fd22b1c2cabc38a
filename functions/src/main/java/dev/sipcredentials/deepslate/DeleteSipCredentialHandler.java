package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.OrganizationCredentialDeleter;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** {@code DELETE .../sip/credentials/{sipCredentialsId}} ({@link DeleteSipCredential}). */
public final class DeleteSipCredentialHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). GetItem
     * reads the record, the transaction holds two Deletes, and Idempotency-Keys are conditional PutItems.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM, StoreAction.PUT_ITEM,
            StoreAction.TRANSACT_WRITE_ITEMS, StoreAction.DELETE_ITEM);

    private final Route<Void> route;

    /** As Lambda builds it: the shared store (no password key), and SnapStart priming of this route. */
    public DeleteSipCredentialHandler() {
        this(Wiring.organizationCredentialDeleter(), Clock.systemUTC(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public DeleteSipCredentialHandler(OrganizationCredentialDeleter store, Clock clock, IdempotentRequests idempotent) {
        DeepslateDialect dialect = new DeepslateDialect(clock);
        RouteSpec<Void> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION)
                .idempotentOnPath("DELETE sip credential", "sipCredentialsId")
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, new DeleteSipCredential(store, dialect)::delete);
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

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
import dev.sipcredentials.provisioning.AccountBatchCreator;
import dev.sipcredentials.provisioning.SipCredentialStore;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.util.List;
import java.util.concurrent.Executor;

/** {@code POST /accounts/{accountId}/sipcredentials}: Bandwidth's XML batch create ({@link CreateSipCredentials}). */
public final class BandwidthSipCredentialsHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final java.util.Set<StoreAction> STORE_ACTIONS = java.util.Set.of(StoreAction.PUT_ITEM);
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    static final RouteSpec<List<SubmittedCredential>> SPEC = RouteSpec.of(BandwidthDialect.INSTANCE, TenantKind.ACCOUNT)
            .body(MAX_BODY_BYTES, CreateSipCredentials::read, "application/xml", "text/xml")
            .idempotent(RouteSpec.Fingerprint.rawBody())
            .budget(TimeBudget.MAX_REQUEST_TIME)
            .cost(call -> call.body().size());

    private final Route<List<SubmittedCredential>> route;

    /** As Lambda builds it: the function's own store and writer pool, and SnapStart priming of this route only. */
    public BandwidthSipCredentialsHandler() {
        this(Wiring.credentialStore(), Wiring.writers(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public BandwidthSipCredentialsHandler(SipCredentialStore store, Executor writers, IdempotentRequests idempotent) {
        CreateSipCredentials create = new CreateSipCredentials(new AccountBatchCreator(store, writers));
        this.route = Route.of(SPEC, idempotent, create::create);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, CreateSipCredentials.PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }
}

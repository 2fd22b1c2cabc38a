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

/** {@code PUT /accounts/{accountId}/sipcredentials/{compositeUserName}} ({@link UpdateSipCredential}). */
public final class BandwidthUpdateSipCredentialHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). GetItem
     * reads the credential (its name, creation audit and listing keys stay), a conditional PutItem replaces it, and
     * Idempotency-Keys are conditional PutItems.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM, StoreAction.PUT_ITEM,
            StoreAction.TRANSACT_WRITE_ITEMS); // the transaction: a tenant key made on first use

    private final Route<SubmittedCredential> route;

    /** As Lambda builds it: the store that seals hashes (kms:GenerateDataKey), and SnapStart priming. */
    public BandwidthUpdateSipCredentialHandler() {
        this(Wiring.accountCredentials(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public BandwidthUpdateSipCredentialHandler(AccountCredentials store, IdempotentRequests idempotent) {
        RouteSpec<SubmittedCredential> spec = RouteSpec.of(BandwidthDialect.SINGLE, TenantKind.ACCOUNT)
                .body(UpdateSipCredential.MAX_BODY_BYTES, UpdateSipCredential::read, "application/xml", "text/xml")
                .idempotent(RouteSpec.Fingerprint.rawBody(), CompositeNamePath.PARAMETER)
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, new UpdateSipCredential(store)::update);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, UpdateSipCredential.PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }
}

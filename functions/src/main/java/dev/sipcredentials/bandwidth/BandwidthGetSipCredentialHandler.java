package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Duration;
import java.util.Set;

/** {@code GET /accounts/{accountId}/sipcredentials/{compositeUserName}} ({@link GetSipCredential}). */
public final class BandwidthGetSipCredentialHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM);

    private final Route<Void> route;

    /** As Lambda builds it: the store that opens hashes (kms:Decrypt under the hash context), and priming. */
    public BandwidthGetSipCredentialHandler() {
        this(Wiring.accountCredentials());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public BandwidthGetSipCredentialHandler(AccountCredentials store) {
        // No body and no Idempotency-Key: a read changes nothing, so a retry is simply another read.
        RouteSpec<Void> spec = RouteSpec.of(BandwidthDialect.SINGLE, TenantKind.ACCOUNT).budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, null, new GetSipCredential(store)::get);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, GetSipCredential.PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }
}

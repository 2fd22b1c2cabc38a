package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.OrganizationCredentialReader;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** {@code GET .../sip/credentials/{sipCredentialsId}} ({@link GetSipCredential}): one credential, no password. */
public final class GetSipCredentialHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM);

    private final Route<Void> route;

    /** As Lambda builds it: the shared read-only store (no password key), and SnapStart priming of this route. */
    public GetSipCredentialHandler() {
        this(Wiring.organizationCredentialReader(), Clock.systemUTC());
        SnapStartPriming.register(() -> prime() & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public GetSipCredentialHandler(OrganizationCredentialReader store, Clock clock) {
        DeepslateDialect dialect = new DeepslateDialect(clock);
        // No body and no Idempotency-Key: a read changes nothing, so a retry is simply another read.
        RouteSpec<Void> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION).budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, null, new GetSipCredential(store, dialect)::get);
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

package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Duration;
import java.util.Set;

/** {@code GET /accounts/{accountId}/sipcredentials} ({@link ListSipCredentials}): one page of an account's credentials. */
public final class ListSipCredentialsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.QUERY);

    private final Route<Void> route;

    /** As Lambda builds it: the shared lister (its hash keys resolved on the first hash), and SnapStart priming. */
    public ListSipCredentialsHandler() {
        this(Wiring.credentialLister());
        // The route (up to the store call), the role's store actions, then a page's concurrent Queries as they run.
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS) & Wiring.primeListing());
    }

    public ListSipCredentialsHandler(CredentialLister store) {
        // No body and no Idempotency-Key: a read changes nothing. 10 s: a page of 1,000 is well under a second.
        RouteSpec<Void> spec = RouteSpec.of(BandwidthDialect.INSTANCE, TenantKind.ACCOUNT).budget(Duration.ofSeconds(10))
                .cost(RouteSpec.Cost.queryNumber("size", ListSipCredentials.DEFAULT_SIZE, ListSipCredentials.MAX_SIZE));
        this.route = Route.of(spec, null, new ListSipCredentials(store)::list);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, ListSipCredentials.PRIMING) & ListSipCredentials.primeAnswers();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }
}

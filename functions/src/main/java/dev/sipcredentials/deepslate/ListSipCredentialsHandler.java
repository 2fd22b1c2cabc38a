package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.sealing.ServiceMacKey;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** {@code GET .../sip/credentials} ({@link ListSipCredentials}): one page of an organization's credentials. */
public final class ListSipCredentialsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.QUERY);

    private final Route<Void> route;

    /** As Lambda builds it: the shared lister (no KMS: deepslate items hold no hash), and SnapStart priming. */
    public ListSipCredentialsHandler() {
        this(Wiring.credentialLister(), Clock.systemUTC(), Wiring.serviceMacKey());
        // The route (up to the store call), the role's store actions, then a page's concurrent Queries as they run.
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS) & Wiring.primeListing());
    }

    /** @param cursorKey the service MAC key: cursors are sealed under its listing-cursor sub-key */
    public ListSipCredentialsHandler(CredentialLister store, Clock clock, ServiceMacKey cursorKey) {
        DeepslateDialect dialect = new DeepslateDialect(clock);
        RouteSpec<Void> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION).budget(Duration.ofSeconds(10))
                .cost(RouteSpec.Cost.queryNumber("limit", ListSipCredentials.DEFAULT_LIMIT, ListSipCredentials.MAX_LIMIT));
        this.route = Route.of(spec, null, new ListSipCredentials(store, dialect, cursorKey)::list);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, ListSipCredentials.PRIMING) & ListSipCredentials.primeAnswer();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }
}

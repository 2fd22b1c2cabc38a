package dev.sipcredentials.deepslate;

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
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** {@code GET .../sip/credentials/{sipCredentialsId}}: check the id, read once, answer in the wrapper (no password). */
public final class GetSipCredential implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM);
    static final String ROUTE_KEY =
            "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    /** SnapStart priming: a valid read runs up to the store call, which has no time left (503); a bad id is a 400. */
    static final PrimingRequest[] PRIMING = {
            CredentialIdPath.priming(ROUTE_KEY, "00000000-0000-4000-8000-000000000002", 503),
            CredentialIdPath.priming(ROUTE_KEY, "not-a-uuid", 400)};
    private static final String READ_UNAVAILABLE =
            "The store is temporarily unavailable; nothing was read. Retry the request.";

    private final OrganizationCredentials store;
    private final DeepslateDialect dialect;
    private final Route<Void> route;

    /** As Lambda builds it: the shared read-only store (no password key), and SnapStart priming of this route. */
    public GetSipCredential() {
        this(Wiring.organizationCredentials(), Clock.systemUTC());
        SnapStartPriming.register(() -> prime() & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public GetSipCredential(OrganizationCredentials store, Clock clock) {
        this.store = store;
        this.dialect = new DeepslateDialect(clock);
        // No body and no Idempotency-Key: a read changes nothing, so a retry is simply another read.
        RouteSpec<Void> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION).budget(Duration.ofSeconds(10));
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
        String traceId = call.requestId();
        UUID credentialId = CredentialIdPath.parse(call);
        if (credentialId == null) {
            return CredentialIdPath.refusal(dialect, traceId);
        }
        Duration timeout = TimeBudget.writeTimeout(call.deadline());
        if (timeout == null) {
            return dialect.failure(DeepslateError.STORE_UNAVAILABLE, READ_UNAVAILABLE, null, traceId);
        }
        OrganizationCredentialLookup lookup = store.find((Tenant.Organization) call.tenant(), credentialId, timeout);
        return switch (lookup.kind()) {
            case FOUND -> Reply.of(200, ApiResponseJson.retrieved(lookup.credential(), dialect.clock().instant(),
                    traceId), "retrieved");
            case NOT_FOUND -> dialect.failure(DeepslateError.NOT_FOUND, null, null, traceId);
            case TRANSIENT_FAILURE -> dialect.failure(DeepslateError.STORE_UNAVAILABLE, READ_UNAVAILABLE, null, traceId);
            case STORE_FAILURE -> dialect.failure(DeepslateError.INTERNAL_ERROR, "Internal error; nothing was read",
                    null, traceId);
        };
    }
}

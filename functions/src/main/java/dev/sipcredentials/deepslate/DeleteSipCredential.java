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
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.DeleteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * {@code DELETE .../sip/credentials/{sipCredentialsId}}: check the id, read the record (to name its guard), remove
 * both in one conditional transaction; if the record changed in between, read again and decide again.
 */
public final class DeleteSipCredential implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). GetItem
     * reads the record, the transaction holds two Deletes, and Idempotency-Keys are conditional PutItems.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM, StoreAction.PUT_ITEM,
            StoreAction.TRANSACT_WRITE_ITEMS, StoreAction.DELETE_ITEM);
    static final String ROUTE_KEY =
            "DELETE /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    /** SnapStart priming: a valid delete runs up to the store, which has no time left (503); a bad id is a 400. */
    static final PrimingRequest[] PRIMING = {
            CredentialIdPath.priming(ROUTE_KEY, "00000000-0000-4000-8000-000000000002", 503),
            CredentialIdPath.priming(ROUTE_KEY, "not-a-uuid", 400)};

    private final OrganizationCredentials store;
    private final DeepslateDialect dialect;
    private final Route<Void> route;

    /** As Lambda builds it: the shared store (no password key), and SnapStart priming of this route. */
    public DeleteSipCredential() {
        this(Wiring.organizationCredentials(), Clock.systemUTC(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public DeleteSipCredential(OrganizationCredentials store, Clock clock, IdempotentRequests idempotent) {
        this.store = store;
        this.dialect = new DeepslateDialect(clock);
        RouteSpec<Void> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION)
                .idempotentOnPath("DELETE sip credential", "sipCredentialsId")
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
        String traceId = call.requestId();
        UUID id = CredentialIdPath.parse(call);
        if (id == null) {
            return CredentialIdPath.refusal(dialect, traceId);
        }
        Tenant.Organization organization = (Tenant.Organization) call.tenant();
        // With an Idempotency-Key a retry whose first answer was lost replays that 200 instead of finding nothing.
        return call.once(UUID.randomUUID().toString(), write -> ReadThenWrite.run(store, dialect, organization, id,
                write, traceId, "deleted", (seen, seenLogin, timeout) -> {
                    DeleteOutcome outcome = store.delete(organization, seen, seenLogin, timeout);
                    return switch (outcome) {
                        case DELETED -> Reply.of(200, ApiResponseJson.deleted(dialect.clock().instant(), traceId),
                                "deleted");
                        case TRANSIENT_FAILURE -> ReadThenWrite.unavailable(dialect, "deleted", traceId);
                        case STORE_FAILURE -> ReadThenWrite.internalError(dialect, "deleted", traceId);
                        case CHANGED -> null; // deleted or changed since the read: the next read tells which
                    };
                }));
    }
}

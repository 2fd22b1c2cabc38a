package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.SipCredentialStore;
import dev.sipcredentials.store.CipherPriming;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials} ({@link CreateSipCredential}). */
public final class DeepslateSipCredentialsHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest); the
     * transaction holds Puts only, which IAM authorises as PutItem.
     */
    public static final java.util.Set<StoreAction> STORE_ACTIONS =
            java.util.Set.of(StoreAction.PUT_ITEM, StoreAction.TRANSACT_WRITE_ITEMS, StoreAction.GET_ITEM);
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final Route<JsonNode> route;

    /** As Lambda builds it: the function's own store and password sealer, and SnapStart priming of this route. */
    public DeepslateSipCredentialsHandler() {
        this(Wiring.sealingCredentialStore(), Clock.systemUTC(), UUID::randomUUID, Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime()
                & CipherPriming.prime()
                & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public DeepslateSipCredentialsHandler(SipCredentialStore store, Clock clock, Supplier<UUID> ids,
                                          IdempotentRequests idempotent) {
        DeepslateDialect dialect = new DeepslateDialect(clock);
        RouteSpec<JsonNode> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION)
                .body(MAX_BODY_BYTES, (body, traceId) -> CreateSipCredential.read(dialect, body, traceId),
                        "application/json")
                .idempotent(CreateSipCredential::fingerprint)
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, new CreateSipCredential(store, dialect, ids)::create);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, CreateSipCredential.PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }
}

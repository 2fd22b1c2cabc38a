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
import dev.sipcredentials.provisioning.OrganizationCredentialUpdater;
import dev.sipcredentials.store.CipherPriming;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** {@code PUT .../sip/credentials/{sipCredentialsId}} ({@link UpdateSipCredential}). */
public final class UpdateSipCredentialHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). GetItem
     * reads the record; the transaction holds an Update of the record and, for a new SIP login, a Delete of the old
     * guard and a Put of the new one, else a ConditionCheck of the guard; Idempotency-Keys are conditional PutItems.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM, StoreAction.PUT_ITEM,
            StoreAction.UPDATE_ITEM, StoreAction.DELETE_ITEM, StoreAction.CONDITION_CHECK_ITEM,
            StoreAction.TRANSACT_WRITE_ITEMS);

    private final Route<JsonNode> route;

    /** As Lambda builds it: the store that seals passwords (its key resolved now), and SnapStart priming. */
    public UpdateSipCredentialHandler() {
        this(Wiring.sealingOrganizationCredentialUpdater(), Clock.systemUTC(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime()
                & CipherPriming.prime()
                & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public UpdateSipCredentialHandler(OrganizationCredentialUpdater store, Clock clock, IdempotentRequests idempotent) {
        DeepslateDialect dialect = new DeepslateDialect(clock);
        RouteSpec<JsonNode> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION)
                .body(DeepslateSipCredentialsHandler.MAX_BODY_BYTES,
                        (body, traceId) -> CreateSipCredential.read(dialect, body, traceId), "application/json")
                .idempotent(UpdateSipCredential::fingerprint, CredentialIdPath.PARAMETER)
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, new UpdateSipCredential(store, dialect)::update);
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

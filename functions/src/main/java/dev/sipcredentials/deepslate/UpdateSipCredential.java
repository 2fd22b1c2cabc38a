package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.UpdateOutcome;
import dev.sipcredentials.sealing.CipherPriming;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code PUT .../sip/credentials/{sipCredentialsId}}: check the id and the body (the create's rules), read the record
 * (to name its guard and condition the write on what was read), replace it in one conditional transaction that moves
 * the guard when the SIP login changes; if the record changed in between, read again and decide again.
 */
public final class UpdateSipCredential implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Its role allows exactly these: GetItem, and a transaction of Update, Delete + Put or ConditionCheck. */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM, StoreAction.PUT_ITEM,
            StoreAction.UPDATE_ITEM, StoreAction.DELETE_ITEM, StoreAction.CONDITION_CHECK_ITEM,
            StoreAction.TRANSACT_WRITE_ITEMS);
    static final String ROUTE_KEY =
            "PUT /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    /** SnapStart priming: a valid update runs up to the store, out of time (503); a bad id is a 400. */
    static final PrimingRequest[] PRIMING = {priming("00000000-0000-4000-8000-000000000002", 503),
            priming("not-a-uuid", 400)};

    private final OrganizationCredentials store;
    private final DeepslateDialect dialect;
    private final Route<JsonNode> route;

    /** As Lambda builds it: the store that seals passwords (its key resolved now), and SnapStart priming. */
    public UpdateSipCredential() {
        this(Wiring.sealingOrganizationCredentials(), Clock.systemUTC(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & CipherPriming.prime() & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public UpdateSipCredential(OrganizationCredentials store, Clock clock, IdempotentRequests idempotent) {
        this.store = store;
        this.dialect = new DeepslateDialect(clock);
        RouteSpec<JsonNode> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION)
                .body(CreateSipCredential.MAX_BODY_BYTES,
                        (body, traceId) -> CreateSipCredentialRequest.read(dialect, body, traceId), "application/json")
                // The same request: the route, the body without its password, and the id in the path.
                .idempotent((raw, body) -> CreateSipCredentialRequest.fingerprint("PUT sip credential\n", body),
                        CredentialIdPath.PARAMETER)
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, this::update);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply update(Call<JsonNode> call) {
        String traceId = call.requestId();
        UUID id = CredentialIdPath.parse(call);
        if (id == null) {
            return CredentialIdPath.refusal(dialect, traceId);
        }
        CreateSipCredentialRequest.Checked checked = CreateSipCredentialRequest.check(call.pathParameter("vendorId"),
                call.pathParameter("organizationId"), call.body(), id);
        if (!checked.errors().isEmpty()) {
            return dialect.failure(DeepslateError.VALIDATION_FAILED, null, checked.errors(), traceId);
        }
        Tenant.Organization organization = (Tenant.Organization) call.tenant();
        OrganizationCredential changed = checked.credential();
        // With an Idempotency-Key a retry whose first answer was lost replays it instead of changing again.
        return call.once(UUID.randomUUID().toString(), write -> ReadThenWrite.run(store, dialect, organization, id,
                write, traceId, "changed", (seen, seenLogin, timeout) -> {
                    UpdateOutcome outcome = store.update(organization, seen, seenLogin, changed, write.token(),
                            timeout, call.caller());
                    return switch (outcome) {
                        case UPDATED -> Reply.of(200,
                                ApiResponseJson.updated(changed, dialect.clock().instant(), traceId), "updated");
                        case ALREADY_EXISTS -> dialect.failure(DeepslateError.DUPLICATE_CREDENTIAL, null, null,
                                traceId);
                        case TRANSIENT_FAILURE -> ReadThenWrite.unavailable(dialect, "changed", traceId);
                        case STORE_FAILURE -> ReadThenWrite.internalError(dialect, "changed", traceId);
                        case CHANGED -> null; // deleted or changed since the read: the next read tells which
                    };
                }));
    }

    private static PrimingRequest priming(String id, int expectedStatus) {
        return CreateSipCredentialRequest.priming(ROUTE_KEY, Map.of("vendorId", "00000000-0000-4000-8000-000000000000",
                "organizationId", "00000000-0000-4000-8000-000000000001", CredentialIdPath.PARAMETER, id), 5060,
                expectedStatus);
    }
}

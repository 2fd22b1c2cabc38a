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
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.sealing.CipherPriming;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials}: check the body, pick the
 * id, write once, answer in the wrapper. The password goes to the store and nowhere else.
 */
public final class CreateSipCredential implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest); the
     * transaction holds Puts only, which IAM authorises as PutItem.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.PUT_ITEM, StoreAction.TRANSACT_WRITE_ITEMS,
            StoreAction.GET_ITEM); // GetItem: the organization's tenant key
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** SnapStart priming: a valid create runs up to the write, which has no time left (503); port 0 is a 400. */
    static final PrimingRequest[] PRIMING = {priming(5060, 503), priming(0, 400)};

    private final OrganizationCredentials store;
    private final DeepslateDialect dialect;
    private final Supplier<UUID> ids;
    private final Route<JsonNode> route;

    /** As Lambda builds it: the function's own store and password sealer, and SnapStart priming of this route. */
    public CreateSipCredential() {
        this(Wiring.sealingOrganizationCredentials(), Clock.systemUTC(), UUID::randomUUID, Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & CipherPriming.prime() & Wiring.primeOrganizationStore(STORE_ACTIONS));
    }

    public CreateSipCredential(OrganizationCredentials store, Clock clock, Supplier<UUID> ids, IdempotentRequests idempotent) {
        this.store = store;
        this.dialect = new DeepslateDialect(clock);
        this.ids = ids;
        RouteSpec<JsonNode> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION)
                .body(MAX_BODY_BYTES, (body, traceId) -> CreateSipCredentialRequest.read(dialect, body, traceId),
                        "application/json")
                .idempotent((raw, body) -> CreateSipCredentialRequest.fingerprint("", body))
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, this::create);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply create(Call<JsonNode> call) {
        String traceId = call.requestId();
        // With a key, every run of this key and body writes with the same token and the same id, so a second
        // run (after a crash, or after a 5xx released the key) finds its own credential and answers as the
        // first would have, id included.
        String keyedToken = call.keyedWriteToken();
        UUID id = keyedToken == null ? ids.get()
                : UUID.nameUUIDFromBytes(("credential#" + keyedToken).getBytes(StandardCharsets.UTF_8));
        CreateSipCredentialRequest.Checked checked = CreateSipCredentialRequest.check(call.pathParameter("vendorId"),
                call.pathParameter("organizationId"), call.body(), id);
        if (!checked.errors().isEmpty()) {
            return dialect.failure(DeepslateError.VALIDATION_FAILED, null, checked.errors(), traceId);
        }
        OrganizationCredential credential = checked.credential();
        return call.once(UUID.randomUUID().toString(), write -> {
            // The write token marks the items as this request's (or this key's): see the store's lost responses.
            Duration timeout = TimeBudget.writeTimeout(write.deadline());
            WriteOutcome outcome = timeout == null ? WriteOutcome.NOT_ATTEMPTED
                    : store.create(credential, write.token(), timeout, call.caller());
            return switch (outcome) {
                case CREATED -> Reply.of(201, ApiResponseJson.created(credential, dialect.clock().instant(), traceId),
                        "created");
                case ALREADY_EXISTS -> dialect.failure(DeepslateError.DUPLICATE_CREDENTIAL, null, null, traceId);
                case TRANSIENT_FAILURE, NOT_ATTEMPTED -> dialect.failure(DeepslateError.STORE_UNAVAILABLE, null, null,
                        traceId);
                case STORE_FAILURE -> dialect.failure(DeepslateError.INTERNAL_ERROR, null, null, traceId);
            };
        });
    }

    private static PrimingRequest priming(int port, int expectedStatus) {
        return CreateSipCredentialRequest.priming(
                "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                Map.of("vendorId", "00000000-0000-4000-8000-000000000000",
                        "organizationId", "00000000-0000-4000-8000-000000000001"), port, expectedStatus);
    }
}

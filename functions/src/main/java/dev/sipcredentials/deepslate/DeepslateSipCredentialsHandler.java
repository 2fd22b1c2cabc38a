package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.auth.RequestClaims;
import dev.sipcredentials.credentials.Deadline;
import dev.sipcredentials.credentials.IdempotencyStore;
import dev.sipcredentials.credentials.IdempotentRequests;
import dev.sipcredentials.credentials.OrganizationCredential;
import dev.sipcredentials.credentials.SipCredentialStore;
import dev.sipcredentials.credentials.WriteOutcome;
import dev.sipcredentials.http.HttpRequest;
import dev.sipcredentials.http.HttpResponses;
import dev.sipcredentials.http.RequestLog;
import dev.sipcredentials.observability.ColdStart;
import dev.sipcredentials.observability.HandlerSummaries;
import dev.sipcredentials.observability.RequestMetrics;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.store.StoreRuntime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials}: deepslate's JSON
 * create. Never throws: every path ends in the standard wrapper.
 */
public final class DeepslateSipCredentialsHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Duration MAX_WRITE_TIME = Duration.ofSeconds(10);
    private static final Duration RESPONSE_RESERVE = Duration.ofMillis(300);
    private static final Duration MIN_WRITE_TIME = Duration.ofMillis(200);
    private static final String API = "deepslate";
    private static final String CONTENT_TYPE = "application/json";

    /** Kept back from the write when an Idempotency-Key is given, to record the answer in time. */
    private static final Duration RECORD_RESERVE = Duration.ofMillis(500);
    private static final String IDEMPOTENCY_KEY = "idempotency-key";

    static {
        // SnapStart: warms both handlers before the snapshot; a no-op without CRaC (see SnapStartPriming).
        SnapStartPriming.register();
    }

    private final SipCredentialStore store;
    private final Clock clock;
    private final Supplier<UUID> ids;
    /** Null when the store keeps no idempotency records: keyed requests are then refused (503), never run. */
    private final IdempotentRequests idempotent;

    public DeepslateSipCredentialsHandler() {
        this(StoreRuntime.store(), Clock.systemUTC(), UUID::randomUUID);
    }

    public DeepslateSipCredentialsHandler(SipCredentialStore store, Clock clock, Supplier<UUID> ids) {
        this(store, clock, ids, store instanceof IdempotencyStore records
                ? new IdempotentRequests(records, clock) : null);
    }

    public DeepslateSipCredentialsHandler(SipCredentialStore store, Clock clock, Supplier<UUID> ids,
                                          IdempotentRequests idempotent) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.idempotent = idempotent;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        HttpRequest request = new HttpRequest(event);
        String traceId = request.requestId();
        int status;
        String body;
        String outcome;
        boolean replayed = false;
        try {
            Result result = create(request, traceId, writeTimeout(context));
            status = result.status;
            body = result.body;
            outcome = result.outcome;
            replayed = result.replayed;
        } catch (RuntimeException | Error e) {
            RequestLog.failure(context, API, traceId, e);
            status = DeepslateError.INTERNAL_ERROR.status();
            body = ApiResponseJson.failure(DeepslateError.INTERNAL_ERROR, null, null, clock.instant(), traceId);
            outcome = "internal-error";
        }
        RequestLog.line(context, API, traceId, status, outcome, start);
        RequestMetrics.emit(context, event.getRouteKey(), status, HandlerSummaries.outcome(status, outcome),
                (System.nanoTime() - start) / 1_000_000, ColdStart.take(context));
        APIGatewayV2HTTPResponse response = HttpResponses.of(status, CONTENT_TYPE, body, traceId);
        if (replayed) {
            response.getHeaders().put("Idempotent-Replayed", "true");
        }
        return response;
    }

    private record Result(int status, String body, String outcome, boolean replayed) {
        Result(int status, String body, String outcome) {
            this(status, body, outcome, false);
        }
    }

    private Result failure(DeepslateError error, String message, List<FieldError> fields, String traceId) {
        return new Result(error.status(), ApiResponseJson.failure(error, message, fields, clock.instant(), traceId),
                error.name());
    }

    private Result create(HttpRequest request, String traceId, Duration writeTimeout) {
        String vendorId = request.pathParameter("vendorId");
        String organizationId = request.pathParameter("organizationId");
        if (!RequestClaims.grant(request.event()).grantsOrganization(vendorId, organizationId)) {
            return failure(DeepslateError.FORBIDDEN, null, null, traceId);
        }
        List<FieldError> pathErrors = CreateSipCredentialRequest.checkPath(vendorId, organizationId);
        if (!pathErrors.isEmpty()) {
            return failure(DeepslateError.VALIDATION_FAILED, null, pathErrors, traceId);
        }
        if (!request.contentType().isOneOf("application/json")) {
            return failure(DeepslateError.UNSUPPORTED_MEDIA_TYPE, null, null, traceId);
        }
        String idempotencyKey = request.header(IDEMPOTENCY_KEY);
        if (idempotencyKey != null && !IdempotentRequests.isValidKey(idempotencyKey)) {
            return failure(DeepslateError.INVALID_IDEMPOTENCY_KEY, null, null, traceId);
        }
        byte[] bytes;
        try {
            bytes = request.body(MAX_BODY_BYTES);
        } catch (HttpRequest.BodyException e) {
            return failure(e.reason() == HttpRequest.BodyException.Reason.TOO_LARGE
                    ? DeepslateError.PAYLOAD_TOO_LARGE : DeepslateError.BAD_BASE64, null, null, traceId);
        }
        JsonNode body;
        try {
            body = CreateSipCredentialRequest.parse(bytes);
        } catch (CreateSipCredentialRequest.MalformedJsonException e) {
            return failure(DeepslateError.MALFORMED_JSON, e.getMessage(), null, traceId);
        }
        IdempotentRequests.Scope scope = IdempotentRequests.Scope.organization(vendorId, organizationId);
        // What identifies "the same request" for Idempotency-Key: the body without its password. A hash of the
        // password would sit in the table beside the username and host, open to offline guessing, and undo its
        // encryption at rest; so a repeat that differs only in the password replays the first answer.
        byte[] sameRequest = CreateSipCredentialRequest.withoutPassword(body);
        // With a key, every run of this key and body writes with the same token and the same id, so a second
        // run (after a crash, or after a 5xx released the key) finds its own credential and answers as the
        // first would have, id included.
        String writeToken = idempotencyKey == null ? UUID.randomUUID().toString()
                : IdempotentRequests.writeToken(scope, idempotencyKey, sameRequest);
        UUID id = idempotencyKey == null ? ids.get()
                : UUID.nameUUIDFromBytes(("credential#" + writeToken).getBytes(StandardCharsets.UTF_8));
        CreateSipCredentialRequest.Checked checked = CreateSipCredentialRequest.check(vendorId, organizationId, body, id);
        if (!checked.errors().isEmpty()) {
            return failure(DeepslateError.VALIDATION_FAILED, null, checked.errors(), traceId);
        }
        if (idempotencyKey == null) {
            return write(checked.credential(), writeToken, writeTimeout, traceId);
        }
        if (idempotent == null) {
            return failure(DeepslateError.STORE_UNAVAILABLE, null, null, traceId);
        }
        Deadline deadline = Deadline.after(writeTimeout);
        Deadline writeDeadline = deadline.earlier(RECORD_RESERVE);
        IdempotentRequests.Outcome<Result> keyed = idempotent.execute(scope, idempotencyKey, sameRequest, deadline,
                // What is left after the claim, minus the time to record the answer.
                token -> write(checked.credential(), token, writeDeadline.remaining(), traceId),
                result -> new IdempotentRequests.Response(result.status, result.body));
        return switch (keyed.kind()) {
            case EXECUTED -> keyed.recorded() ? keyed.result() : new Result(keyed.result().status,
                    keyed.result().body, keyed.result().outcome + " idempotency-record-not-written");
            case REPLAYED -> new Result(keyed.replayed().status(), keyed.replayed().body(), "replayed", true);
            case KEY_REUSED -> failure(DeepslateError.IDEMPOTENCY_KEY_REUSED, null, null, traceId);
            case IN_PROGRESS -> failure(DeepslateError.REQUEST_IN_PROGRESS, null, null, traceId);
            case UNAVAILABLE -> failure(DeepslateError.STORE_UNAVAILABLE, null, null, traceId);
        };
    }

    private Result write(OrganizationCredential credential, String writeToken, Duration writeTimeout,
                         String traceId) {
        // writeToken marks the items as this request's (or this key's): see the store's lost-response handling.
        WriteOutcome outcome = writeTimeout.compareTo(MIN_WRITE_TIME) < 0 ? WriteOutcome.NOT_ATTEMPTED
                : store.createOrganizationCredential(credential, writeToken, writeTimeout);
        return switch (outcome) {
            case CREATED -> new Result(201, ApiResponseJson.created(credential, clock.instant(), traceId),
                    "created");
            case ALREADY_EXISTS -> failure(DeepslateError.DUPLICATE_CREDENTIAL, null, null, traceId);
            case TRANSIENT_FAILURE, NOT_ATTEMPTED -> failure(DeepslateError.STORE_UNAVAILABLE, null, null, traceId);
            case STORE_FAILURE -> failure(DeepslateError.INTERNAL_ERROR, null, null, traceId);
        };
    }

    private static Duration writeTimeout(Context context) {
        if (context == null) {
            return MAX_WRITE_TIME;
        }
        // With no time left this goes to zero or below, and the write is not attempted (503, retryable).
        Duration available = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESPONSE_RESERVE);
        return available.compareTo(MAX_WRITE_TIME) < 0 ? available : MAX_WRITE_TIME;
    }
}

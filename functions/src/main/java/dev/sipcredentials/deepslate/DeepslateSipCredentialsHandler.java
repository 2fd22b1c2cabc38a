package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.credentials.SipCredentialStore;
import dev.sipcredentials.credentials.WriteOutcome;
import dev.sipcredentials.http.HttpRequest;
import dev.sipcredentials.http.HttpResponses;
import dev.sipcredentials.http.RequestLog;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.store.StoreRuntime;

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

    static {
        // SnapStart: warms both handlers before the snapshot; a no-op without CRaC (see SnapStartPriming).
        SnapStartPriming.register();
    }

    private final SipCredentialStore store;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public DeepslateSipCredentialsHandler() {
        this(StoreRuntime.store(), Clock.systemUTC(), UUID::randomUUID);
    }

    public DeepslateSipCredentialsHandler(SipCredentialStore store, Clock clock, Supplier<UUID> ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        HttpRequest request = new HttpRequest(event);
        String traceId = request.requestId();
        int status;
        String body;
        String outcome;
        try {
            Result result = create(request, traceId, writeTimeout(context));
            status = result.status;
            body = result.body;
            outcome = result.outcome;
        } catch (RuntimeException | Error e) {
            RequestLog.failure(context, API, traceId, e);
            status = DeepslateError.INTERNAL_ERROR.status();
            body = ApiResponseJson.failure(DeepslateError.INTERNAL_ERROR, null, null, clock.instant(), traceId);
            outcome = "internal-error";
        }
        RequestLog.line(context, API, traceId, status, outcome, start);
        return HttpResponses.of(status, CONTENT_TYPE, body, traceId);
    }

    private record Result(int status, String body, String outcome) {
    }

    private Result failure(DeepslateError error, String message, List<FieldError> fields, String traceId) {
        return new Result(error.status(), ApiResponseJson.failure(error, message, fields, clock.instant(), traceId),
                error.name());
    }

    private Result create(HttpRequest request, String traceId, Duration writeTimeout) {
        String vendorId = request.pathParameter("vendorId");
        String organizationId = request.pathParameter("organizationId");
        List<FieldError> pathErrors = CreateSipCredentialRequest.checkPath(vendorId, organizationId);
        if (!pathErrors.isEmpty()) {
            return failure(DeepslateError.VALIDATION_FAILED, null, pathErrors, traceId);
        }
        if (!request.contentType().isOneOf("application/json")) {
            return failure(DeepslateError.UNSUPPORTED_MEDIA_TYPE, null, null, traceId);
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
        CreateSipCredentialRequest.Checked checked =
                CreateSipCredentialRequest.check(vendorId, organizationId, body, ids.get());
        if (!checked.errors().isEmpty()) {
            return failure(DeepslateError.VALIDATION_FAILED, null, checked.errors(), traceId);
        }
        // A fresh token per request (DynamoDB takes at most 36 characters as a ClientRequestToken).
        WriteOutcome outcome = writeTimeout.compareTo(MIN_WRITE_TIME) < 0 ? WriteOutcome.NOT_ATTEMPTED
                : store.createOrganizationCredential(checked.credential(), UUID.randomUUID().toString(), writeTimeout);
        return switch (outcome) {
            case CREATED -> new Result(201, ApiResponseJson.created(checked.credential(), clock.instant(), traceId),
                    "created");
            case ALREADY_EXISTS -> failure(DeepslateError.DUPLICATE_CREDENTIAL, null, null, traceId);
            case TRANSIENT_FAILURE, NOT_ATTEMPTED -> failure(DeepslateError.STORE_UNAVAILABLE, null, null, traceId);
            case STORE_FAILURE -> failure(DeepslateError.INTERNAL_ERROR, null, null, traceId);
        };
    }

    private static Duration writeTimeout(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return MAX_WRITE_TIME;
        }
        Duration available = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESPONSE_RESERVE);
        return available.compareTo(MAX_WRITE_TIME) < 0 ? available : MAX_WRITE_TIME;
    }
}

package dev.sipcredentials.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.auth.RequestClaims;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.observability.ColdStart;
import dev.sipcredentials.observability.HandlerSummaries;
import dev.sipcredentials.observability.RequestMetrics;
import dev.sipcredentials.provisioning.Deadline;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.sealing.ServiceMacKey;

import java.util.Map;
import java.util.function.Function;

/**
 * The request pipeline every route runs through, in plain Java: timer and request id, the catch-all to the API's own
 * 500, one log line, and the refusals in one order: tenant grant, tenant path, media type, Idempotency-Key syntax,
 * body (size, base64), body reader, the tenant's rate limit ({@link TenantRateLimit}). Then the route's function gets a {@link Call} and returns a {@link Reply}.
 * Never throws: every request ends in an answer of the route's dialect.
 *
 * @param <T> what the route's body reads as
 */
public final class Route<T> {
    private static final Map<String, String> NO_PATH = Map.of();

    private final RouteSpec<T> spec;
    private final Function<Call<T>, Reply> function;
    private final IdempotentRequests idempotent;
    private final TenantRateLimit limit;

    private Route(RouteSpec<T> spec, Function<Call<T>, Reply> function, IdempotentRequests idempotent,
                  TenantRateLimit limit) {
        this.spec = spec;
        this.function = function;
        this.idempotent = idempotent;
        this.limit = limit;
    }

    /** @param idempotent where Idempotency-Keys are claimed; null for a route that is not {@code idempotent} */
    public static <T> Route<T> of(RouteSpec<T> spec, IdempotentRequests idempotent, Function<Call<T>, Reply> function) {
        if (spec.isIdempotent() && idempotent == null) {
            throw new IllegalArgumentException("an idempotent route needs somewhere to keep its keys");
        }
        return new Route<>(spec, function, idempotent, TenantRateLimit.fromSettings());
    }

    /** This route with {@code limit} as its per-tenant rate limit in place of the settings' one. */
    public Route<T> limitedBy(TenantRateLimit limit) {
        return new Route<>(spec, function, idempotent, limit);
    }

    public RouteSpec<T> spec() {
        return spec;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return handle(event, context, context == null ? null : (long) context.getRemainingTimeInMillis());
    }

    /** @param remainingMillis the Lambda's remaining time, null outside Lambda */
    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context, Long remainingMillis) {
        long start = System.nanoTime();
        HttpRequest request = new HttpRequest(event);
        String requestId = request.requestId();
        Dialect dialect = spec.dialect();
        Reply reply;
        try {
            reply = run(request, requestId, remainingMillis, context == PrimingContext.INSTANCE);
        } catch (ServiceMacKey.Unavailable e) {
            // The table or KMS failed us before anything was written: a store fault the client may retry.
            RequestLog.failure(context, dialect.api(), requestId, e);
            reply = dialect.refuse(Refusal.IDEMPOTENCY_UNAVAILABLE, requestId);
        } catch (RuntimeException | Error e) {
            RequestLog.failure(context, dialect.api(), requestId, e);
            reply = dialect.internalError(requestId);
        }
        RequestLog.line(context, dialect.api(), requestId, RequestClaims.caller(event), reply.status(),
                reply.outcome(), start);
        RequestMetrics.emit(context, event.getRouteKey(), reply.status(),
                HandlerSummaries.outcome(reply.status(), reply.outcome()), (System.nanoTime() - start) / 1_000_000,
                ColdStart.take(context));
        APIGatewayV2HTTPResponse response = HttpResponses.of(reply.status(), dialect.contentType(), reply.body(),
                requestId);
        if (reply.replayed()) {
            response.getHeaders().put(IdempotencyKeyHeader.REPLAYED, "true");
        }
        if (reply.retryAfterSeconds() > 0) {
            response.getHeaders().put("Retry-After", Long.toString(reply.retryAfterSeconds()));
        }
        return response;
    }

    /** @param priming SnapStart priming: not counted against any tenant's rate limit */
    private Reply run(HttpRequest request, String requestId, Long remainingMillis, boolean priming) {
        Deadline deadline = TimeBudget.answerDeadline(spec.budget(), remainingMillis);
        Dialect dialect = spec.dialect();
        Map<String, String> path = request.event().getPathParameters() == null ? NO_PATH
                : request.event().getPathParameters();
        if (!spec.tenant().isGranted(RequestClaims.grant(request.event()), path)) {
            return dialect.refuse(Refusal.TENANT_NOT_GRANTED, requestId);
        }
        Reply invalidPath = dialect.checkTenantPath(spec.tenant(), path, requestId);
        if (invalidPath != null) {
            return invalidPath;
        }
        if (spec.hasBody() && !request.contentType().isOneOf(spec.mediaTypes())) {
            return dialect.refuse(Refusal.UNSUPPORTED_MEDIA_TYPE, requestId);
        }
        String idempotencyKey = null;
        if (spec.isIdempotent()) {
            idempotencyKey = request.header(IdempotencyKeyHeader.NAME);
            if (idempotencyKey != null && !IdempotencyKeyHeader.isValidKey(idempotencyKey)) {
                return dialect.refuse(Refusal.INVALID_IDEMPOTENCY_KEY, requestId);
            }
        }
        byte[] raw = new byte[0];
        T body = null;
        if (spec.hasBody()) {
            try {
                raw = request.body(spec.maxBodyBytes());
            } catch (HttpRequest.BodyException e) {
                return dialect.refuse(e.reason() == HttpRequest.BodyException.Reason.TOO_LARGE
                        ? Refusal.BODY_TOO_LARGE : Refusal.BAD_BASE64, requestId);
            }
            try {
                body = spec.reader().read(raw, requestId);
            } catch (Reply.Refused refused) {
                return refused.reply();
            }
        }
        Call<T> call = new Call<>(spec, request, requestId, spec.tenant().tenant(path), raw, body, deadline,
                idempotencyKey, idempotent, RequestClaims.caller(request.event()));
        if (limit.isLimited() && !priming) {
            // Last of the refusals, once the body tells what the request asks for; before anything is stored.
            long retryAfter = limit.take(call.tenant().toString(), spec.cost().of(call));
            if (retryAfter > 0) {
                return dialect.refuse(Refusal.TENANT_RATE_LIMITED, requestId).withRetryAfter(retryAfter);
            }
        }
        return function.apply(call);
    }

    /**
     * SnapStart priming of this route alone, through this very pipeline: each request runs as an API Gateway
     * event granting its tenant, with no time left, so everything up to the store call and the encoding of the
     * answer runs and nothing is written (every write is "not attempted"). Priming requests are not requests: their
     * log and metrics lines are built and dropped ({@link PrimingContext}), and they do not count as the cold start.
     *
     * @return true when every request answered the status it expects
     */
    public boolean prime(int rounds, PrimingRequest... requests) {
        boolean asIntended = true;
        for (int round = 0; round < rounds; round++) {
            for (PrimingRequest request : requests) {
                APIGatewayV2HTTPEvent event = request.event(spec.tenant().claimsGranting(request.pathParameters()));
                asIntended &= handle(event, PrimingContext.INSTANCE, 0L).getStatusCode()
                        == request.expectedStatus();
            }
        }
        return asIntended;
    }
}

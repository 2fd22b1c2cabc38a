package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.auth.RequestClaims;
import dev.sipcredentials.credentials.AccountBatchCreator;
import dev.sipcredentials.credentials.AccountCredential;
import dev.sipcredentials.credentials.Deadline;
import dev.sipcredentials.credentials.IdempotencyStore;
import dev.sipcredentials.credentials.IdempotentRequests;
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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@code POST /accounts/{accountId}/sipcredentials}: Bandwidth's XML batch create. Decodes the event, lets the
 * rules and the batch creator decide, encodes the answer. Never throws: every path ends in an XML response.
 */
public final class BandwidthSipCredentialsHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** API Gateway gives up at 30 s whatever the function's timeout; answer before that. */
    static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(28);
    private static final String API = "bandwidth";
    private static final String CONTENT_TYPE = "application/xml";
    private static final String IDEMPOTENCY_KEY = "idempotency-key";
    private static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** Kept back from the writes when an Idempotency-Key is given, to record the answer before the deadline. */
    static final Duration RECORD_RESERVE = Duration.ofSeconds(1);
    /** Time kept after recording the answer to build and return the response. */
    private static final Duration RESPONSE_MARGIN = Duration.ofMillis(300);

    static {
        // SnapStart: warms both handlers before the snapshot; a no-op without CRaC (see SnapStartPriming).
        SnapStartPriming.register();
    }

    private final AccountBatchCreator creator;
    /** Null when the store keeps no idempotency records: keyed requests are then refused (503), never run. */
    private final IdempotentRequests idempotent;

    public BandwidthSipCredentialsHandler() {
        this(StoreRuntime.store(), StoreRuntime.writers());
    }

    public BandwidthSipCredentialsHandler(SipCredentialStore store, Executor writers) {
        this(store, writers, store instanceof IdempotencyStore records
                ? new IdempotentRequests(records, Clock.systemUTC()) : null);
    }

    public BandwidthSipCredentialsHandler(SipCredentialStore store, Executor writers, IdempotentRequests idempotent) {
        this.creator = new AccountBatchCreator(store, writers);
        this.idempotent = idempotent;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        HttpRequest request = new HttpRequest(event);
        String requestId = request.requestId();
        APIGatewayV2HTTPResponse response;
        String outcome;
        try {
            Result result = create(request, requestId, deadline(context));
            response = HttpResponses.of(result.status, CONTENT_TYPE, result.body, requestId);
            if (result.replayed) {
                response.getHeaders().put(IDEMPOTENT_REPLAYED, "true");
            }
            outcome = result.summary;
        } catch (RuntimeException | Error e) {
            RequestLog.failure(context, API, requestId, e);
            response = HttpResponses.of(500, CONTENT_TYPE,
                    SipCredentialsXmlWriter.requestError(BandwidthError.INTERNAL_ERROR), requestId);
            outcome = "internal-error";
        }
        RequestLog.line(context, API, requestId, response.getStatusCode(), outcome, start);
        RequestMetrics.emit(context, event.getRouteKey(), response.getStatusCode(),
                HandlerSummaries.outcome(response.getStatusCode(), outcome), (System.nanoTime() - start) / 1_000_000,
                ColdStart.take(context));
        return response;
    }

    private record Result(int status, String body, String summary, boolean replayed) {
        Result(int status, String body, String summary) {
            this(status, body, summary, false);
        }

        static Result of(BandwidthError error) {
            return new Result(error.status(), SipCredentialsXmlWriter.requestError(error), "refused:" + error.code());
        }
    }

    private Result create(HttpRequest request, String requestId, Deadline deadline) {
        String accountId = request.pathParameter("accountId");
        // Tenant first: a caller learns nothing about an account (not even whether its id is well-formed) that
        // the token does not grant.
        if (!RequestClaims.grant(request.event()).grantsAccount(accountId)) {
            return Result.of(BandwidthError.ACCOUNT_NOT_GRANTED);
        }
        if (!SipCredentialRules.isAccountId(accountId)) {
            return Result.of(BandwidthError.INVALID_ACCOUNT_ID);
        }
        if (!request.contentType().isOneOf("application/xml", "text/xml")) {
            return Result.of(BandwidthError.UNSUPPORTED_CONTENT_TYPE);
        }
        String idempotencyKey = request.header(IDEMPOTENCY_KEY);
        if (idempotencyKey != null && !IdempotentRequests.isValidKey(idempotencyKey)) {
            return Result.of(BandwidthError.INVALID_IDEMPOTENCY_KEY);
        }
        byte[] body;
        try {
            body = request.body(MAX_BODY_BYTES);
        } catch (HttpRequest.BodyException e) {
            return Result.of(e.reason() == HttpRequest.BodyException.Reason.TOO_LARGE
                    ? BandwidthError.BODY_TOO_LARGE : BandwidthError.BAD_BASE64);
        }
        if (isBlank(body)) {
            return Result.of(BandwidthError.EMPTY_BODY);
        }
        List<SubmittedCredential> submitted;
        try {
            submitted = SipCredentialsXmlReader.read(body);
        } catch (SipCredentialsXmlReader.RequestException e) {
            return Result.of(e.error());
        }

        int size = submitted.size();
        BandwidthError[] refusals = new BandwidthError[size];
        List<AccountCredential> valid = new ArrayList<>(size);
        List<Integer> validPositions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            SipCredentialRules.Verdict verdict = SipCredentialRules.check(submitted.get(i));
            if (verdict.error() != null) {
                refusals[i] = verdict.error();
            } else {
                valid.add(verdict.credential());
                validPositions.add(i);
            }
        }
        if (valid.isEmpty() || idempotencyKey == null) {
            // Nothing to write (the answer depends on the body alone), or no key: run as is.
            return write(accountId, submitted, refusals, valid, validPositions, requestId, deadline);
        }
        if (idempotent == null) {
            return Result.of(BandwidthError.IDEMPOTENCY_UNAVAILABLE);
        }
        // The claim, the writes and the recording of the answer all end before the response must be sent.
        Deadline recordDeadline = deadline.earlier(RESPONSE_MARGIN);
        Deadline writesDeadline = deadline.earlier(RECORD_RESERVE);
        IdempotentRequests.Outcome<Result> keyed = idempotent.execute(IdempotentRequests.Scope.account(accountId),
                idempotencyKey, body, recordDeadline,
                writeToken -> write(accountId, submitted, refusals, valid, validPositions, writeToken, writesDeadline),
                result -> new IdempotentRequests.Response(result.status, result.body));
        return switch (keyed.kind()) {
            case EXECUTED -> keyed.recorded() ? keyed.result() : new Result(keyed.result().status,
                    keyed.result().body, keyed.result().summary + " idempotency-record-not-written");
            case REPLAYED -> new Result(keyed.replayed().status(), keyed.replayed().body(), "replayed", true);
            case KEY_REUSED -> Result.of(BandwidthError.IDEMPOTENCY_KEY_REUSED);
            case IN_PROGRESS -> Result.of(BandwidthError.IDEMPOTENCY_IN_PROGRESS);
            case UNAVAILABLE -> Result.of(BandwidthError.IDEMPOTENCY_UNAVAILABLE);
        };
    }

    private Result write(String accountId, List<SubmittedCredential> submitted, BandwidthError[] refusals,
                         List<AccountCredential> valid, List<Integer> validPositions, String writeTokenId,
                         Deadline deadline) {
        List<WriteOutcome> outcomes = valid.isEmpty() ? List.of()
                : creator.create(accountId, valid, writeTokenId, deadline);

        WriteOutcome[] outcomeAt = new WriteOutcome[submitted.size()];
        for (int v = 0; v < validPositions.size(); v++) {
            outcomeAt[validPositions.get(v)] = outcomes.get(v);
        }
        return respond(accountId, submitted, refusals, outcomeAt);
    }

    private static Result respond(String accountId, List<SubmittedCredential> submitted, BandwidthError[] refusals,
                                  WriteOutcome[] outcomes) {
        List<SipCredentialsXmlWriter.EntryError> errors = new ArrayList<>();
        List<SubmittedCredential> created = new ArrayList<>(submitted.size());
        boolean retryable = false;
        boolean storeFault = false;
        // Counts for the log line and the metrics (observability.HandlerSummaries reads them).
        int refused = 0;
        int duplicates = 0;
        int throttled = 0;
        int storeErrors = 0;
        for (int i = 0; i < submitted.size(); i++) {
            SubmittedCredential entry = submitted.get(i);
            if (refusals[i] != null) {
                refused++;
                errors.add(new SipCredentialsXmlWriter.EntryError(refusals[i].code(), refusals[i].description(), entry));
                continue;
            }
            switch (outcomes[i]) {
                case CREATED -> created.add(entry);
                case ALREADY_EXISTS -> {
                    duplicates++;
                    errors.add(entryError(BandwidthError.ALREADY_EXISTS,
                            BandwidthError.alreadyExists(nameOf(entry), accountId), entry));
                }
                case TRANSIENT_FAILURE -> {
                    retryable = true;
                    throttled++;
                    errors.add(entryError(BandwidthError.STORE_UNAVAILABLE, null, entry));
                }
                case NOT_ATTEMPTED -> {
                    retryable = true;
                    throttled++;
                    errors.add(entryError(BandwidthError.NOT_ATTEMPTED, null, entry));
                }
                case STORE_FAILURE -> {
                    storeFault = true;
                    storeErrors++;
                    errors.add(entryError(BandwidthError.STORE_FAILURE, null, entry));
                }
            }
        }
        String summary = "created=" + created.size() + " duplicates=" + duplicates + " refused=" + refused
                + " storeErrors=" + storeErrors + " throttled=" + throttled;
        if (!created.isEmpty()) {
            return new Result(201, SipCredentialsXmlWriter.created(errors, created), summary);
        }
        if (retryable) {
            return new Result(503, SipCredentialsXmlWriter.refused(BandwidthError.STORE_UNAVAILABLE.code(),
                    BandwidthError.RETRY_DESCRIPTION, errors), summary);
        }
        if (storeFault) {
            return new Result(500, SipCredentialsXmlWriter.refused(BandwidthError.STORE_FAILURE.code(),
                    BandwidthError.STORE_FAILURE.description(), errors), summary);
        }
        return new Result(400, SipCredentialsXmlWriter.refused(null, BandwidthError.ALL_INVALID_DESCRIPTION, errors),
                summary);
    }

    private static SipCredentialsXmlWriter.EntryError entryError(BandwidthError error, String description,
                                                                 SubmittedCredential entry) {
        return new SipCredentialsXmlWriter.EntryError(error.code(),
                description != null ? description : error.description(), entry);
    }

    private static String nameOf(SubmittedCredential entry) {
        return entry.domain() == null ? entry.userName() : entry.userName() + "@" + entry.domain();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    static Deadline deadline(Context context) {
        Duration budget = MAX_REQUEST_TIME;
        if (context != null) {
            // No time left means no time: a Lambda at its end attempts nothing rather than the full budget.
            Duration remaining = Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
            budget = remaining.compareTo(budget) < 0 ? remaining : budget;
        }
        return Deadline.after(budget);
    }
}

package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.credentials.AccountBatchCreator;
import dev.sipcredentials.credentials.AccountCredential;
import dev.sipcredentials.credentials.Deadline;
import dev.sipcredentials.credentials.SipCredentialStore;
import dev.sipcredentials.credentials.WriteOutcome;
import dev.sipcredentials.http.HttpRequest;
import dev.sipcredentials.http.HttpResponses;
import dev.sipcredentials.http.RequestLog;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.store.StoreRuntime;

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

    static {
        // SnapStart: warms both handlers before the snapshot; a no-op without CRaC (see SnapStartPriming).
        SnapStartPriming.register();
    }

    private final AccountBatchCreator creator;

    public BandwidthSipCredentialsHandler() {
        this(StoreRuntime.store(), StoreRuntime.writers());
    }

    public BandwidthSipCredentialsHandler(SipCredentialStore store, Executor writers) {
        this.creator = new AccountBatchCreator(store, writers);
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
            outcome = result.summary;
        } catch (RuntimeException | Error e) {
            RequestLog.failure(context, API, requestId, e);
            response = HttpResponses.of(500, CONTENT_TYPE,
                    SipCredentialsXmlWriter.requestError(BandwidthError.INTERNAL_ERROR), requestId);
            outcome = "internal-error";
        }
        RequestLog.line(context, API, requestId, response.getStatusCode(), outcome, start);
        return response;
    }

    private record Result(int status, String body, String summary) {
        static Result of(BandwidthError error) {
            return new Result(error.status(), SipCredentialsXmlWriter.requestError(error), "refused:" + error.code());
        }
    }

    private Result create(HttpRequest request, String requestId, Deadline deadline) {
        String accountId = request.pathParameter("accountId");
        if (!SipCredentialRules.isAccountId(accountId)) {
            return Result.of(BandwidthError.INVALID_ACCOUNT_ID);
        }
        if (!request.contentType().isOneOf("application/xml", "text/xml")) {
            return Result.of(BandwidthError.UNSUPPORTED_CONTENT_TYPE);
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
        List<WriteOutcome> outcomes = valid.isEmpty() ? List.of()
                : creator.create(accountId, valid, requestId, deadline);

        WriteOutcome[] outcomeAt = new WriteOutcome[size];
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
        for (int i = 0; i < submitted.size(); i++) {
            SubmittedCredential entry = submitted.get(i);
            if (refusals[i] != null) {
                errors.add(new SipCredentialsXmlWriter.EntryError(refusals[i].code(), refusals[i].description(), entry));
                continue;
            }
            switch (outcomes[i]) {
                case CREATED -> created.add(entry);
                case ALREADY_EXISTS -> errors.add(entryError(BandwidthError.ALREADY_EXISTS,
                        BandwidthError.alreadyExists(nameOf(entry), accountId), entry));
                case TRANSIENT_FAILURE -> {
                    retryable = true;
                    errors.add(entryError(BandwidthError.STORE_UNAVAILABLE, null, entry));
                }
                case NOT_ATTEMPTED -> {
                    retryable = true;
                    errors.add(entryError(BandwidthError.NOT_ATTEMPTED, null, entry));
                }
                case STORE_FAILURE -> {
                    storeFault = true;
                    errors.add(entryError(BandwidthError.STORE_FAILURE, null, entry));
                }
            }
        }
        String summary = "created=" + created.size() + " errors=" + errors.size();
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
        if (context != null && context.getRemainingTimeInMillis() > 0) {
            Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
            budget = remaining.compareTo(budget) < 0 ? remaining : budget;
        }
        return Deadline.after(budget);
    }
}

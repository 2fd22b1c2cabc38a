package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Dialect;
import dev.sipcredentials.http.Refusal;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.http.TenantKind;

import java.util.Map;

/**
 * Bandwidth's way of answering: XML, a {@code <ResponseStatus>} with our {@link BandwidthError} codes, inside
 * {@code <SipCredentialsResponse>} for the routes on the collection ({@link #INSTANCE}) and inside
 * {@code <SipCredentialResponse>} for the routes on one credential ({@link #SINGLE}), as Bandwidth answers each.
 */
final class BandwidthDialect implements Dialect {
    static final BandwidthDialect INSTANCE = new BandwidthDialect(false);
    static final BandwidthDialect SINGLE = new BandwidthDialect(true);

    private final boolean single;

    private BandwidthDialect(boolean single) {
        this.single = single;
    }

    /** A whole-request refusal: its status, {@code <ResponseStatus>} and the log outcome {@code refused:<code>}. */
    static Reply refusal(BandwidthError error) {
        return Reply.of(error.status(), SipCredentialsXmlWriter.requestError(error), "refused:" + error.code());
    }

    /** As {@link #refusal(BandwidthError)}, in this dialect's root element. */
    Reply refused(BandwidthError error) {
        return single ? singleRefusal(error, error.description()) : refusal(error);
    }

    /** A refusal of a route on one credential, with its own description (the name filled in, for instance). */
    static Reply singleRefusal(BandwidthError error, String description) {
        return Reply.of(error.status(), SipCredentialsXmlWriter.singleError(error.code(), description),
                "refused:" + error.code());
    }

    @Override
    public String api() {
        return "bandwidth";
    }

    @Override
    public String contentType() {
        return "application/xml";
    }

    @Override
    public Reply refuse(Refusal refusal, String requestId) {
        return refused(switch (refusal) {
            case TENANT_NOT_GRANTED -> BandwidthError.ACCOUNT_NOT_GRANTED;
            case UNSUPPORTED_MEDIA_TYPE -> BandwidthError.UNSUPPORTED_CONTENT_TYPE;
            case INVALID_IDEMPOTENCY_KEY -> BandwidthError.INVALID_IDEMPOTENCY_KEY;
            case BODY_TOO_LARGE -> single ? BandwidthError.SINGLE_BODY_TOO_LARGE : BandwidthError.BODY_TOO_LARGE;
            case BAD_BASE64 -> BandwidthError.BAD_BASE64;
            case IDEMPOTENCY_KEY_REUSED -> BandwidthError.IDEMPOTENCY_KEY_REUSED;
            case IDEMPOTENCY_IN_PROGRESS -> BandwidthError.IDEMPOTENCY_IN_PROGRESS;
            case IDEMPOTENCY_UNAVAILABLE -> BandwidthError.IDEMPOTENCY_UNAVAILABLE;
            case TENANT_RATE_LIMITED -> BandwidthError.TENANT_RATE_LIMITED;
        });
    }

    @Override
    public Reply internalError(String requestId) {
        return Reply.of(500, single
                ? SipCredentialsXmlWriter.singleError(BandwidthError.INTERNAL_ERROR.code(),
                BandwidthError.INTERNAL_ERROR.description())
                : SipCredentialsXmlWriter.requestError(BandwidthError.INTERNAL_ERROR), "internal-error");
    }

    @Override
    public Reply checkTenantPath(TenantKind kind, Map<String, String> pathParameters, String requestId) {
        return SipCredentialRules.isAccountId(pathParameters.get("accountId")) ? null
                : refused(BandwidthError.INVALID_ACCOUNT_ID);
    }
}

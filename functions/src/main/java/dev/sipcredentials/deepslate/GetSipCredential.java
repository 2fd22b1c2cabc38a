package dev.sipcredentials.deepslate;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.OrganizationCredentialLookup;
import dev.sipcredentials.provisioning.OrganizationCredentialReader;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;
import java.util.UUID;

/** The route logic of deepslate's read of one credential: check the id, read once, answer in the wrapper. */
final class GetSipCredential {
    static final String ROUTE_KEY =
            "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    /** SnapStart priming: a valid read runs up to the store call, which has no time left (503); a bad id is a 400. */
    static final PrimingRequest[] PRIMING = {
            CredentialIdPath.priming(ROUTE_KEY, "00000000-0000-4000-8000-000000000002", 503),
            CredentialIdPath.priming(ROUTE_KEY, "not-a-uuid", 400)};
    private static final String READ_UNAVAILABLE =
            "The store is temporarily unavailable; nothing was read. Retry the request.";

    private final OrganizationCredentialReader store;
    private final DeepslateDialect dialect;

    GetSipCredential(OrganizationCredentialReader store, DeepslateDialect dialect) {
        this.store = store;
        this.dialect = dialect;
    }

    Reply get(Call<Void> call) {
        String traceId = call.requestId();
        UUID credentialId = CredentialIdPath.parse(call);
        if (credentialId == null) {
            return CredentialIdPath.refusal(dialect, traceId);
        }
        Duration timeout = TimeBudget.writeTimeout(call.deadline());
        if (timeout == null) {
            return dialect.failure(DeepslateError.STORE_UNAVAILABLE, READ_UNAVAILABLE, null, traceId);
        }
        OrganizationCredentialLookup lookup = store.find((Tenant.Organization) call.tenant(),
                credentialId, timeout);
        return switch (lookup.kind()) {
            case FOUND -> Reply.of(200, ApiResponseJson.retrieved(lookup.credential(), dialect.clock().instant(),
                    traceId), "retrieved");
            case NOT_FOUND -> dialect.failure(DeepslateError.NOT_FOUND, null, null, traceId);
            case TRANSIENT_FAILURE -> dialect.failure(DeepslateError.STORE_UNAVAILABLE, READ_UNAVAILABLE, null, traceId);
            case STORE_FAILURE -> dialect.failure(DeepslateError.INTERNAL_ERROR, "Internal error; nothing was read",
                    null, traceId);
        };
    }
}

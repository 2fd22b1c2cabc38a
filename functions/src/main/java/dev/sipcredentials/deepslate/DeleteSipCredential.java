package dev.sipcredentials.deepslate;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.DeleteOutcome;
import dev.sipcredentials.provisioning.OrganizationCredentialDeleter;
import dev.sipcredentials.provisioning.Tenant;

import java.util.UUID;

/**
 * The route logic of deepslate's delete: check the id, read the record (to name its guard), remove both in one
 * conditional transaction; if the record changed in between, read again and decide again.
 */
final class DeleteSipCredential {
    static final String ROUTE_KEY =
            "DELETE /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    /** SnapStart priming: a valid delete runs up to the store, which has no time left (503); a bad id is a 400. */
    static final PrimingRequest[] PRIMING = {
            CredentialIdPath.priming(ROUTE_KEY, "00000000-0000-4000-8000-000000000002", 503),
            CredentialIdPath.priming(ROUTE_KEY, "not-a-uuid", 400)};
    private static final String NOT_DELETED =
            "The store is temporarily unavailable; nothing was deleted. Retry the request.";

    private final OrganizationCredentialDeleter store;
    private final DeepslateDialect dialect;

    DeleteSipCredential(OrganizationCredentialDeleter store, DeepslateDialect dialect) {
        this.store = store;
        this.dialect = dialect;
    }

    Reply delete(Call<Void> call) {
        String traceId = call.requestId();
        UUID credentialId = CredentialIdPath.parse(call);
        if (credentialId == null) {
            return CredentialIdPath.refusal(dialect, traceId);
        }
        Tenant.Organization organization = (Tenant.Organization) call.tenant();
        // With an Idempotency-Key a retry whose first answer was lost replays that 200 instead of finding nothing.
        return call.once(UUID.randomUUID().toString(), write -> run(organization, credentialId, write, traceId));
    }

    private Reply run(Tenant.Organization organization, UUID id, Call.Write write, String traceId) {
        return ReadThenWrite.run(store, dialect, organization, id, write, traceId, () -> unavailable(traceId),
                () -> internalError(traceId), (seen, seenLogin, timeout) -> {
                    DeleteOutcome outcome = store.delete(organization, seen, seenLogin, timeout);
                    return switch (outcome) {
                        case DELETED -> Reply.of(200, ApiResponseJson.deleted(dialect.clock().instant(), traceId),
                                "deleted");
                        case TRANSIENT_FAILURE -> unavailable(traceId);
                        case STORE_FAILURE -> internalError(traceId);
                        case CHANGED -> null; // deleted or changed since the read: the next read tells which
                    };
                });
    }

    private Reply unavailable(String traceId) {
        return dialect.failure(DeepslateError.STORE_UNAVAILABLE, NOT_DELETED, null, traceId);
    }

    private Reply internalError(String traceId) {
        return dialect.failure(DeepslateError.INTERNAL_ERROR, "Internal error; nothing was deleted", null, traceId);
    }
}

package dev.sipcredentials.deepslate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.OrganizationCredentialUpdater;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.UpdateOutcome;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The route logic of deepslate's update: check the id and the body (the create's rules), read the record (to name its
 * guard and condition the write on what was read), replace it in one conditional transaction that moves the guard
 * when the SIP login changes; if the record changed in between, read again and decide again.
 */
final class UpdateSipCredential {
    static final String ROUTE_KEY =
            "PUT /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}";
    /** SnapStart priming: a valid update runs up to the store, which has no time left (503); a bad id is a 400. */
    static final PrimingRequest[] PRIMING = {
            priming("00000000-0000-4000-8000-000000000002", 503),
            priming("not-a-uuid", 400)};
    private static final String NOT_CHANGED =
            "The store is temporarily unavailable; nothing was changed. Retry the request.";
    private static final byte[] ROUTE_NAME = "PUT sip credential\n".getBytes(StandardCharsets.UTF_8);

    private final OrganizationCredentialUpdater store;
    private final DeepslateDialect dialect;

    UpdateSipCredential(OrganizationCredentialUpdater store, DeepslateDialect dialect) {
        this.store = store;
        this.dialect = dialect;
    }

    /**
     * What identifies "the same request" for Idempotency-Key: the route, the body without its password (as for the
     * create: nothing derived from a password is stored), and the id in the path (added by the route spec).
     */
    static byte[] fingerprint(byte[] raw, JsonNode body) {
        byte[] withoutPassword = CreateSipCredentialRequest.withoutPassword(body);
        byte[] both = java.util.Arrays.copyOf(ROUTE_NAME, ROUTE_NAME.length + withoutPassword.length);
        System.arraycopy(withoutPassword, 0, both, ROUTE_NAME.length, withoutPassword.length);
        return both;
    }

    Reply update(Call<JsonNode> call) {
        String traceId = call.requestId();
        UUID credentialId = CredentialIdPath.parse(call);
        if (credentialId == null) {
            return CredentialIdPath.refusal(dialect, traceId);
        }
        CreateSipCredentialRequest.Checked checked = CreateSipCredentialRequest.check(call.pathParameter("vendorId"),
                call.pathParameter("organizationId"), call.body(), credentialId);
        if (!checked.errors().isEmpty()) {
            return dialect.failure(DeepslateError.VALIDATION_FAILED, null, checked.errors(), traceId);
        }
        Tenant.Organization organization = (Tenant.Organization) call.tenant();
        // With an Idempotency-Key a retry whose first answer was lost replays it instead of changing again.
        return call.once(UUID.randomUUID().toString(),
                write -> run(organization, checked.credential(), write, call.caller(), traceId));
    }

    private Reply run(Tenant.Organization organization, OrganizationCredential changed, Call.Write write,
                      String caller, String traceId) {
        return ReadThenWrite.run(store, dialect, organization, changed.id(), write, traceId,
                () -> unavailable(traceId), () -> internalError(traceId), (seen, seenLogin, timeout) -> {
                    UpdateOutcome outcome = store.update(organization, seen, seenLogin, changed, write.token(),
                            timeout, caller);
                    return switch (outcome) {
                        case UPDATED -> Reply.of(200,
                                ApiResponseJson.updated(changed, dialect.clock().instant(), traceId), "updated");
                        case ALREADY_EXISTS -> dialect.failure(DeepslateError.DUPLICATE_CREDENTIAL, null, null,
                                traceId);
                        case TRANSIENT_FAILURE -> unavailable(traceId);
                        case STORE_FAILURE -> internalError(traceId);
                        case CHANGED -> null; // deleted or changed since the read: the next read tells which
                    };
                });
    }

    private Reply unavailable(String traceId) {
        return dialect.failure(DeepslateError.STORE_UNAVAILABLE, NOT_CHANGED, null, traceId);
    }

    private Reply internalError(String traceId) {
        return dialect.failure(DeepslateError.INTERNAL_ERROR, "Internal error; nothing was changed", null, traceId);
    }

    private static PrimingRequest priming(String id, int expectedStatus) {
        String json = "{\"hostname\": \"sip.snapstart.invalid\", \"port\": 5060, \"username\": \"prime\","
                + " \"password\": \"prime-password\", \"maxAgentTasks\": 10}";
        return new PrimingRequest(ROUTE_KEY, Map.of("vendorId", "00000000-0000-4000-8000-000000000000",
                "organizationId", "00000000-0000-4000-8000-000000000001", CredentialIdPath.PARAMETER, id),
                "application/json", json, false, expectedStatus);
    }
}

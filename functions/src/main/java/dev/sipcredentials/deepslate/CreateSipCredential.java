package dev.sipcredentials.deepslate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipCredentialStore;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.provisioning.WriteOutcome;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The route logic of deepslate's create: check the body, pick the id, write once, answer in the wrapper. The
 * password goes to the store and nowhere else.
 */
final class CreateSipCredential {
    /** SnapStart priming: a valid create runs up to the write, which has no time left (503); port 0 is a 400. */
    static final PrimingRequest[] PRIMING = {priming(5060, 503), priming(0, 400)};

    private final SipCredentialStore store;
    private final DeepslateDialect dialect;
    private final Supplier<UUID> ids;

    CreateSipCredential(SipCredentialStore store, DeepslateDialect dialect, Supplier<UUID> ids) {
        this.store = store;
        this.dialect = dialect;
        this.ids = ids;
    }

    static JsonNode read(DeepslateDialect dialect, byte[] body, String traceId) throws Reply.Refused {
        try {
            return CreateSipCredentialRequest.parse(body);
        } catch (CreateSipCredentialRequest.MalformedJsonException e) {
            throw dialect.failure(DeepslateError.MALFORMED_JSON, e.getMessage(), null, traceId).refusal();
        }
    }

    /**
     * What identifies "the same request" for Idempotency-Key: the body without its password. A hash of the
     * password would sit in the table beside the username and host, open to offline guessing, and undo its
     * encryption at rest; so a repeat that differs only in the password replays the first answer.
     */
    static byte[] fingerprint(byte[] raw, JsonNode body) {
        return CreateSipCredentialRequest.withoutPassword(body);
    }

    Reply create(Call<JsonNode> call) {
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
        return call.once(UUID.randomUUID().toString(), write -> write(checked.credential(), write, call.caller(), traceId));
    }

    private Reply write(OrganizationCredential credential, Call.Write write, String caller, String traceId) {
        // The write token marks the items as this request's (or this key's): see the store's lost-response handling.
        Duration timeout = TimeBudget.writeTimeout(write.deadline());
        WriteOutcome outcome = timeout == null ? WriteOutcome.NOT_ATTEMPTED
                : store.createOrganizationCredential(credential, write.token(), timeout, caller);
        return switch (outcome) {
            case CREATED -> Reply.of(201, ApiResponseJson.created(credential, dialect.clock().instant(), traceId),
                    "created");
            case ALREADY_EXISTS -> dialect.failure(DeepslateError.DUPLICATE_CREDENTIAL, null, null, traceId);
            case TRANSIENT_FAILURE, NOT_ATTEMPTED -> dialect.failure(DeepslateError.STORE_UNAVAILABLE, null, null,
                    traceId);
            case STORE_FAILURE -> dialect.failure(DeepslateError.INTERNAL_ERROR, null, null, traceId);
        };
    }

    private static PrimingRequest priming(int port, int expectedStatus) {
        String json = "{\"hostname\": \"sip.snapstart.invalid\", \"port\": " + port
                + ", \"username\": \"prime\", \"password\": \"prime-password\", \"maxAgentTasks\": 10}";
        return new PrimingRequest("POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                Map.of("vendorId", "00000000-0000-4000-8000-000000000000",
                        "organizationId", "00000000-0000-4000-8000-000000000001"),
                "application/json", json, false, expectedStatus);
    }
}

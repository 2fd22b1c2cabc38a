package dev.sipcredentials.deepslate;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code {sipCredentialsId}} path parameter of the routes on one credential (GET, DELETE): a UUID in any case,
 * else 400 {@code VALIDATION_FAILED} naming it; and the priming requests of those routes.
 */
final class CredentialIdPath {
    static final String PARAMETER = "sipCredentialsId";

    private CredentialIdPath() {
    }

    /** The id in the path, or null when it is not a UUID (answer {@link #refusal}). */
    static UUID parse(Call<?> call) {
        String id = call.pathParameter(PARAMETER);
        return CreateSipCredentialRequest.isUuid(id) ? UUID.fromString(id.toLowerCase(Locale.ROOT)) : null;
    }

    static Reply refusal(DeepslateDialect dialect, String traceId) {
        return dialect.failure(DeepslateError.VALIDATION_FAILED, null,
                List.of(new FieldError(PARAMETER, "must be a UUID")), traceId);
    }

    /** A priming request of {@code routeKey} for a tenant no token names, on credential {@code id}. */
    static PrimingRequest priming(String routeKey, String id, int expectedStatus) {
        return new PrimingRequest(routeKey, Map.of("vendorId", "00000000-0000-4000-8000-000000000000",
                "organizationId", "00000000-0000-4000-8000-000000000001", PARAMETER, id),
                null, null, false, expectedStatus);
    }
}

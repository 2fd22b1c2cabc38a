package dev.sipcredentials.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verified JWT claims of a payload 2.0 event, and the tenant grant read from them; null-safe at every level.
 *
 * <p>Where the grant comes from. API Gateway's JWT authorizer verifies the token of the identity source
 * ({@code $request.header.Authorization}, template.yaml) and hands its claims over as strings, an array claim
 * flattened into {@code [a b]}: lossy, so the tenant lists are read instead from the payload of that very bearer
 * token, decoded here without verifying its signature. That is sound only because API Gateway verified this same
 * header before the function ran; so the decoded payload must agree with the authorizer's claims on {@code iss},
 * {@code sub} and {@code exp}, or the request is granted nothing (403). Without an Authorization header (SnapStart
 * priming, the local stack's {@code --no-auth}; deployed, API Gateway refuses such a request with 401 first) the
 * authorizer's claims are read, each list only as a string holding JSON.
 */
public final class RequestClaims {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Claims both the token and the authorizer context must show alike. */
    private static final List<String> MUST_AGREE = List.of("iss", "sub", "exp");
    /** Far above any token we issue; a longer header is not decoded. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private RequestClaims() {
    }

    public static TenantGrant grant(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        if (claims == null || claims.isEmpty()) {
            return TenantGrant.nothing();
        }
        String token = bearerToken(event);
        if (token == null) {
            return TenantGrant.fromClaims(claims);
        }
        JsonNode payload = payload(token);
        if (payload == null || !agrees(payload, claims)) {
            return TenantGrant.nothing();
        }
        return TenantGrant.fromPayload(payload);
    }

    /** The token of {@code Authorization: Bearer <token>} (or a bare token, as API Gateway also accepts); else null. */
    static String bearerToken(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String value = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if ("authorization".equalsIgnoreCase(header.getKey())) {
                value = header.getValue();
                break;
            }
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.regionMatches(true, 0, "Bearer ", 0, 7)) {
            text = text.substring(7).strip();
        }
        return text;
    }

    /** The JSON object in the token's second part (base64url); null when the token is not a JWS of that shape. */
    private static JsonNode payload(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return payload != null && payload.isObject() ? payload : null;
        } catch (IllegalArgumentException | IOException notAJwt) {
            return null;
        }
    }

    /** True when iss, sub and exp are each absent from both or spelled alike in both. */
    private static boolean agrees(JsonNode payload, Map<String, String> claims) {
        for (String name : MUST_AGREE) {
            JsonNode value = payload.get(name);
            String fromToken = value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : null;
            if (value != null && !value.isNull() && fromToken == null) {
                return false;
            }
            if (!Objects.equals(fromToken, claims.get(name))) {
                return false;
            }
        }
        return true;
    }

    /** Longer subjects are cut: the caller goes into every item and log line. */
    static final int MAX_CALLER_LENGTH = 128;

    /**
     * Who is calling, for the audit trail and the log line: the verified token's {@code sub}, or its
     * {@code client_id} when it has no subject (a client-credentials token of some issuers); null without either.
     * At most {@value #MAX_CALLER_LENGTH} characters.
     */
    public static String caller(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        if (claims == null) {
            return null;
        }
        String caller = claims.get("sub");
        if (caller == null || caller.isBlank()) {
            caller = claims.get("client_id");
        }
        if (caller == null || caller.isBlank()) {
            return null;
        }
        return caller.length() > MAX_CALLER_LENGTH ? caller.substring(0, MAX_CALLER_LENGTH) : caller;
    }

    static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null) {
            return null;
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = event.getRequestContext().getAuthorizer();
        if (authorizer == null || authorizer.getJwt() == null) {
            return null;
        }
        return authorizer.getJwt().getClaims();
    }
}

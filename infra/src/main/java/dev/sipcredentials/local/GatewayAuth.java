package dev.sipcredentials.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What stands between a matched route and its function. With a JWT authorizer in template.yaml the local stack checks
 * tokens as API Gateway would ({@link LocalJwtAuthorizer}); with {@code --no-auth} it lets every request through and
 * hands the function claims granting exactly the tenant in the path, so the functions (which fail closed without
 * claims, as deployed) still serve; a template without an authorizer gets no claims at all.
 */
final class GatewayAuth {

    /** {@code claims} null means: no authorizer context in the event. */
    record Decision(boolean authorized, Map<String, String> claims, LocalJwtAuthorizer.Verdict verdict) {
        Decision(boolean authorized, Map<String, String> claims) {
            this(authorized, claims, null);
        }
    }

    private final LocalJwtAuthorizer jwt;
    private final boolean disabled;

    private GatewayAuth(LocalJwtAuthorizer jwt, boolean disabled) {
        this.jwt = jwt;
        this.disabled = disabled;
    }

    static GatewayAuth none() {
        return new GatewayAuth(null, false);
    }

    static GatewayAuth jwt(LocalJwtAuthorizer authorizer) {
        return new GatewayAuth(authorizer, false);
    }

    static GatewayAuth disabled() {
        return new GatewayAuth(null, true);
    }

    /** The request header holding the token, lower case; null when nothing is checked. */
    String header() {
        return jwt == null ? null : jwt.config().header();
    }

    String describe() {
        if (jwt != null) {
            return "JWT authorizer " + jwt.config().name() + " (iss " + jwt.config().issuer() + ", aud "
                    + String.join(",", jwt.config().audiences()) + ")";
        }
        return disabled ? "OFF (--no-auth): every request gets claims granting the tenant in its path" : "none in template";
    }

    Decision authorize(String headerValue, Map<String, String> pathParameters) {
        if (jwt != null) {
            LocalJwtAuthorizer.Verdict verdict = jwt.check(headerValue);
            return new Decision(verdict.claims() != null, verdict.claims(), verdict);
        }
        if (!disabled) {
            return new Decision(true, null);
        }
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", "local-no-auth");
        String account = pathParameters.get("accountId");
        // No token here, so the function reads these claims themselves, and only as strings holding a JSON array
        // (["41"]): the form API Gateway passes through unchanged. A path value that is no well-formed id grants
        // nothing, as it would not with a real token.
        if (account != null) {
            claims.put(LocalJwtAuthorizer.ACCOUNTS_CLAIM, jsonList(account));
        }
        String vendor = pathParameters.get("vendorId");
        String organization = pathParameters.get("organizationId");
        if (vendor != null && organization != null) {
            claims.put(LocalJwtAuthorizer.ORGANIZATIONS_CLAIM, jsonList(vendor + "/" + organization));
        }
        return new Decision(true, claims);
    }

    private static String jsonList(String value) {
        try {
            return JSON.writeValueAsString(java.util.List.of(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}

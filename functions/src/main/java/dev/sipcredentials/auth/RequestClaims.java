package dev.sipcredentials.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Map;

/** Where API Gateway puts the verified JWT claims in a payload 2.0 event; null-safe at every level. */
public final class RequestClaims {
    private RequestClaims() {
    }

    public static TenantGrant grant(APIGatewayV2HTTPEvent event) {
        return TenantGrant.fromClaims(claims(event));
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

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

package dev.sipcredentials.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashMap;
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

    /**
     * The authorizer context API Gateway hands over (array claims flattened, as it does) for a token that grants
     * exactly the tenant in these path parameters. Builds an event, decides nothing: for SnapStart priming,
     * benchmarks and tests, which call the handlers without API Gateway in front.
     */
    public static APIGatewayV2HTTPEvent.RequestContext.Authorizer grantingPathTenant(Map<String, String> path) {
        Map<String, String> claims = new HashMap<>();
        if (path != null && path.get("accountId") != null) {
            claims.put(TenantGrant.ACCOUNTS_CLAIM, "[" + path.get("accountId") + "]");
        }
        if (path != null && path.get("vendorId") != null && path.get("organizationId") != null) {
            claims.put(TenantGrant.ORGANIZATIONS_CLAIM,
                    "[" + path.get("vendorId") + "/" + path.get("organizationId") + "]");
        }
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                .build();
    }
}

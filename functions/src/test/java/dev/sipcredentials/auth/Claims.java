package dev.sipcredentials.auth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashMap;
import java.util.Map;

/** Puts verified JWT claims into a test event where API Gateway's JWT authorizer would. */
public final class Claims {
    private Claims() {
    }

    /** Claims as API Gateway hands them over: every value a string, lists flattened to "[a b]". */
    public static void set(APIGatewayV2HTTPEvent event, Map<String, String> claims) {
        if (event.getRequestContext() == null) {
            event.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(new HashMap<>(claims));
        authorizer.setJwt(jwt);
        event.getRequestContext().setAuthorizer(authorizer);
    }

    /** A token granting exactly the tenant named by the event's path parameters. */
    public static APIGatewayV2HTTPEvent grantingPathTenant(APIGatewayV2HTTPEvent event) {
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", "test-client");
        if (path.get("accountId") != null) {
            claims.put(TenantGrant.ACCOUNTS_CLAIM, "[" + path.get("accountId") + "]");
        }
        if (path.get("vendorId") != null && path.get("organizationId") != null) {
            claims.put(TenantGrant.ORGANIZATIONS_CLAIM,
                    "[" + path.get("vendorId") + "/" + path.get("organizationId") + "]");
        }
        set(event, claims);
        return event;
    }
}

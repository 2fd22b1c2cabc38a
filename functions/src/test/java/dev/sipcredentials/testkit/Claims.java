package dev.sipcredentials.testkit;

import dev.sipcredentials.auth.TenantGrant;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashMap;
import java.util.Map;

/** Puts verified JWT claims into a test event where API Gateway's JWT authorizer would. */
public final class Claims {
    private Claims() {
    }

    /**
     * Claims as API Gateway hands them over, without a bearer token in the event: every value a string; the functions
     * then read a list only as a string claim holding JSON ({@code ["41"]}).
     */
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
        Map<String, String> claims = grantingPathTenant(event.getPathParameters());
        claims.put("sub", "test-client");
        set(event, claims);
        return event;
    }

    /** The authorizer context API Gateway hands over for a token granting exactly the tenant in these parameters. */
    public static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizerGrantingPathTenant(Map<String, String> path) {
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(grantingPathTenant(path)).build())
                .build();
    }

    /**
     * The claims (as API Gateway hands them over, each list a string holding JSON) of a token that grants exactly the tenant
     * in these path parameters. The one place tests build such claims; the names are {@link TenantGrant}'s.
     */
    public static Map<String, String> grantingPathTenant(Map<String, String> path) {
        Map<String, String> claims = new HashMap<>();
        if (path != null && path.get("accountId") != null) {
            claims.put(TenantGrant.ACCOUNTS_CLAIM, "[\"" + path.get("accountId") + "\"]");
        }
        if (path != null && path.get("vendorId") != null && path.get("organizationId") != null) {
            claims.put(TenantGrant.ORGANIZATIONS_CLAIM,
                    "[\"" + path.get("vendorId") + "/" + path.get("organizationId") + "\"]");
        }
        return claims;
    }
}

package dev.sipcredentials.http;

import dev.sipcredentials.auth.TenantGrant;
import dev.sipcredentials.provisioning.Tenant;

import java.util.Map;

/** Which tenant a route's path names, and how the token's grant is checked against it. */
public enum TenantKind {
    /** {@code /accounts/{accountId}/…}: a Bandwidth account. */
    ACCOUNT {
        @Override
        boolean isGranted(TenantGrant grant, Map<String, String> path) {
            return grant.grantsAccount(path.get("accountId"));
        }

        @Override
        Tenant tenant(Map<String, String> path) {
            return Tenant.account(path.get("accountId"));
        }

        @Override
        Map<String, String> claimsGranting(Map<String, String> path) {
            return Map.of(TenantGrant.ACCOUNTS_CLAIM, "[\"" + path.get("accountId") + "\"]");
        }
    },
    /** {@code /api/v1/vendors/{vendorId}/organizations/{organizationId}/…}: a deepslate organization. */
    ORGANIZATION {
        @Override
        boolean isGranted(TenantGrant grant, Map<String, String> path) {
            return grant.grantsOrganization(path.get("vendorId"), path.get("organizationId"));
        }

        @Override
        Tenant tenant(Map<String, String> path) {
            return Tenant.organization(path.get("vendorId"), path.get("organizationId"));
        }

        @Override
        Map<String, String> claimsGranting(Map<String, String> path) {
            return Map.of(TenantGrant.ORGANIZATIONS_CLAIM,
                    "[\"" + path.get("vendorId") + "/" + path.get("organizationId") + "\"]");
        }
    };

    abstract boolean isGranted(TenantGrant grant, Map<String, String> path);

    /** Only once granted and checked: the path parameters are then present. */
    abstract Tenant tenant(Map<String, String> path);

    /**
     * The claims, as API Gateway hands them over, of a token granting exactly this path's tenant (priming): each list
     * a string claim holding JSON, the one form read without a bearer token. A path value that is not a well-formed
     * id (priming's refused requests) makes a claim that grants nothing.
     */
    abstract Map<String, String> claimsGranting(Map<String, String> path);
}

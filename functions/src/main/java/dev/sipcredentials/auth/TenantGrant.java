package dev.sipcredentials.auth;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tenants a caller's token grants. Two claims, both lists of strings:
 * <ul>
 *   <li>{@value #ACCOUNTS_CLAIM}: the Bandwidth account ids the token may act on;
 *   <li>{@value #ORGANIZATIONS_CLAIM}: {@code vendorId/organizationId} pairs for the deepslate API.
 * </ul>
 * Read exactly ({@link ClaimList}): from the payload of the bearer token API Gateway's JWT authorizer verified
 * ({@link RequestClaims}), or, without a token (SnapStart priming, the local stack's {@code --no-auth}), from claims
 * that are strings holding a JSON array. Never from API Gateway's flattening of an array claim. Every element must be
 * a well-formed tenant id: one malformed element and the claim grants nothing. No wildcard exists: a token names
 * every tenant it grants, so a forged or mis-issued "*" can never grant everything.
 */
public final class TenantGrant {
    public static final String ACCOUNTS_CLAIM = "sip:accounts";
    public static final String ORGANIZATIONS_CLAIM = "sip:organizations";
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern ORGANIZATION_PAIR = Pattern.compile(UUID + "/" + UUID);
    private static final TenantGrant NOTHING = new TenantGrant(Set.of(), Set.of());

    private final Set<String> accounts;
    private final Set<String> organizations;

    private TenantGrant(Set<String> accounts, Set<String> organizations) {
        this.accounts = accounts;
        this.organizations = organizations;
    }

    /**
     * From claims as API Gateway hands them over, each list a string holding a JSON array. Grants nothing when there
     * are no claims: a deployed function without an authorizer context fails closed.
     */
    public static TenantGrant fromClaims(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            return NOTHING;
        }
        return of(ClaimList.parse(claims.get(ACCOUNTS_CLAIM), TenantGrant::isAccountId),
                ClaimList.parse(claims.get(ORGANIZATIONS_CLAIM), TenantGrant::isOrganizationPair));
    }

    /** From a verified token's payload: each claim's JSON value read exactly ({@link ClaimList#elements}). */
    static TenantGrant fromPayload(com.fasterxml.jackson.databind.JsonNode payload) {
        return of(ClaimList.elements(payload.get(ACCOUNTS_CLAIM), TenantGrant::isAccountId),
                ClaimList.elements(payload.get(ORGANIZATIONS_CLAIM), TenantGrant::isOrganizationPair));
    }

    static TenantGrant nothing() {
        return NOTHING;
    }

    private static TenantGrant of(List<String> accountList, List<String> organizationList) {
        Set<String> accounts = new LinkedHashSet<>();
        if (accountList != null) {
            accounts.addAll(accountList);
        }
        Set<String> organizations = new LinkedHashSet<>();
        if (organizationList != null) {
            for (String pair : organizationList) {
                // UUIDs compare case-insensitively; the path may spell them either way.
                organizations.add(pair.toLowerCase(Locale.ROOT));
            }
        }
        return new TenantGrant(Collections.unmodifiableSet(accounts), Collections.unmodifiableSet(organizations));
    }

    /** The XML API's account id rule (1 to 32 letters, digits, '-' or '_'): no id outside it can be granted. */
    static boolean isAccountId(String value) {
        return ACCOUNT_ID.matcher(value).matches();
    }

    /** {@code vendorId/organizationId}, both UUIDs in the 8-4-4-4-12 hex form, any case. */
    static boolean isOrganizationPair(String value) {
        return ORGANIZATION_PAIR.matcher(value).matches();
    }

    public boolean grantsAccount(String accountId) {
        return accountId != null && !accountId.isEmpty() && accounts.contains(accountId);
    }

    public boolean grantsOrganization(String vendorId, String organizationId) {
        if (vendorId == null || organizationId == null || vendorId.isEmpty() || organizationId.isEmpty()
                || vendorId.indexOf('/') >= 0 || organizationId.indexOf('/') >= 0) {
            return false;
        }
        return organizations.contains((vendorId + "/" + organizationId).toLowerCase(Locale.ROOT));
    }

    public Set<String> accounts() {
        return accounts;
    }

    public Set<String> organizations() {
        return organizations;
    }
}

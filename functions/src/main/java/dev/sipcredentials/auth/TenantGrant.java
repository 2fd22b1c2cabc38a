package dev.sipcredentials.auth;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tenants a caller's token grants, read from the JWT claims API Gateway's JWT authorizer verified and handed
 * over in {@code requestContext.authorizer.jwt.claims}. Two claims, both lists:
 * <ul>
 *   <li>{@value #ACCOUNTS_CLAIM}: the Bandwidth account ids the token may create credentials in;
 *   <li>{@value #ORGANIZATIONS_CLAIM}: {@code vendorId/organizationId} pairs for the deepslate API.
 * </ul>
 * HTTP APIs hand every claim to Lambda as a string, flattening a JSON array into {@code "[41 42]"}; that form and a
 * real JSON array ({@code ["41","42"]}) are read, nothing else, and every element must be a well-formed tenant id
 * (see {@link ClaimList}): one malformed element and the claim grants nothing. No wildcard exists: a token names
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

    /** Grants nothing when there are no claims: a deployed function without an authorizer context fails closed. */
    public static TenantGrant fromClaims(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            return NOTHING;
        }
        Set<String> accounts = new LinkedHashSet<>();
        List<String> accountList = ClaimList.parse(claims.get(ACCOUNTS_CLAIM), TenantGrant::isAccountId);
        if (accountList != null) {
            accounts.addAll(accountList);
        }
        Set<String> organizations = new LinkedHashSet<>();
        List<String> organizationList = ClaimList.parse(claims.get(ORGANIZATIONS_CLAIM), TenantGrant::isOrganizationPair);
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

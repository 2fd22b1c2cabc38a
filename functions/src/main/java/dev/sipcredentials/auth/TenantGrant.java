package dev.sipcredentials.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which tenants a caller's token grants, read from the JWT claims API Gateway's JWT authorizer verified and handed
 * over in {@code requestContext.authorizer.jwt.claims}. Two claims, both lists:
 * <ul>
 *   <li>{@value #ACCOUNTS_CLAIM}: the Bandwidth account ids the token may create credentials in;
 *   <li>{@value #ORGANIZATIONS_CLAIM}: {@code vendorId/organizationId} pairs for the deepslate API.
 * </ul>
 * HTTP APIs hand every claim to Lambda as a string, flattening a JSON array into {@code "[41 42]"}; a real JSON
 * array ({@code ["41","42"]}) and a plain space- or comma-separated list are read too. No wildcard exists: a token
 * names every tenant it grants, so a forged or mis-issued "*" can never grant everything.
 */
public final class TenantGrant {
    public static final String ACCOUNTS_CLAIM = "sip:accounts";
    public static final String ORGANIZATIONS_CLAIM = "sip:organizations";
    /** Claims are small; anything longer is not a list we issued and is ignored rather than parsed. */
    private static final int MAX_CLAIM_LENGTH = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
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
        Set<String> organizations = new LinkedHashSet<>();
        for (String pair : list(claims.get(ORGANIZATIONS_CLAIM))) {
            // UUIDs compare case-insensitively; the path may spell them either way.
            organizations.add(pair.toLowerCase(Locale.ROOT));
        }
        return new TenantGrant(Collections.unmodifiableSet(list(claims.get(ACCOUNTS_CLAIM))),
                Collections.unmodifiableSet(organizations));
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

    /** The entries of a list claim in any of the forms described above; empty when absent or unreadable. */
    static Set<String> list(String claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim == null || claim.length() > MAX_CLAIM_LENGTH) {
            return values;
        }
        String text = claim.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            // Only a list of JSON strings is read as JSON: numbers would be rewritten ("[-0]" as 0, "[1e3]" as
            // 1000.0) and grant or refuse the wrong tenant. Anything else is taken verbatim.
            if (text.indexOf('"') >= 0 && readJsonArray(text, values)) {
                return values;
            }
            // API Gateway's flattened form: "[41 42]".
            text = text.substring(1, text.length() - 1);
        }
        for (String value : text.split("[\\s,]+")) {
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private static boolean readJsonArray(String text, Set<String> values) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (Exception notJson) {
            return false;
        }
        if (array == null || !array.isArray()) {
            return false;
        }
        for (JsonNode element : array) {
            if (element.isTextual()) {
                String value = element.asText().strip();
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return true;
    }
}

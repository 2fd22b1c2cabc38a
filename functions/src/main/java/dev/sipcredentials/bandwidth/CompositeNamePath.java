package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;

import java.util.Map;

/**
 * The {@code {compositeUserName}} path parameter of the routes on one credential: {@code UserName} or
 * {@code UserName@Domain}, each part under the rules a create applies to it ({@link SipCredentialRules}), else 400
 * {@code 1121}. API Gateway (HTTP API) decodes percent-escapes in the path before the function sees it, and so does
 * the local stack: {@code Jack%40bw.com} and {@code Jack@bw.com} both arrive as {@code Jack@bw.com}. The name is not
 * decoded again here: {@code %61} left after that one decoding is a SIP escape, which uniqueness already folds
 * ({@link dev.sipcredentials.provisioning.SipUserPart}).
 */
final class CompositeNamePath {
    static final String PARAMETER = "compositeUserName";

    private CompositeNamePath() {
    }

    /** The name in the path, or null when no credential could have it (answer {@link #refusal()}). */
    static String parse(Call<?> call) {
        String name = call.pathParameter(PARAMETER);
        return isValid(name) ? name : null;
    }

    static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int at = name.indexOf('@');
        if (at < 0) {
            return isUserName(name);
        }
        String domain = name.substring(at + 1);
        return isUserName(name.substring(0, at)) && domain.codePointCount(0, domain.length())
                <= SipCredentialRules.MAX_NAME_LENGTH && SipCredentialRules.isDomain(domain);
    }

    private static boolean isUserName(String user) {
        return user.codePointCount(0, user.length()) <= SipCredentialRules.MAX_NAME_LENGTH
                && SipCredentialRules.isSipUser(user);
    }

    static dev.sipcredentials.http.Reply refusal() {
        return BandwidthDialect.SINGLE.refused(BandwidthError.INVALID_COMPOSITE_NAME);
    }

    /** The name's user part ({@code Jack} of {@code Jack@bw.com}), the whole name when it has no Domain. */
    static String userPart(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The name's Domain, null when it has none. */
    static String domainPart(String name) {
        int at = name.indexOf('@');
        return at < 0 ? null : name.substring(at + 1);
    }

    /** A priming request of {@code routeKey} for an account no token names, on credential {@code name}. */
    static PrimingRequest priming(String routeKey, String name, String body, int expectedStatus) {
        return new PrimingRequest(routeKey, Map.of("accountId", "prime", PARAMETER, name),
                body == null ? null : "application/xml", body, false, expectedStatus);
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.local.LocalStack;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Development tokens from the local stack's own authorizer, granting exactly the tenant a request path names. */
final class Tokens {
    private static final Pattern ACCOUNT = Pattern.compile("^/accounts/([^/]*)/");
    private static final Pattern ORGANIZATION = Pattern.compile("^/api/v1/vendors/([^/]*)/organizations/([^/]*)/");

    private Tokens() {
    }

    static String forPath(LocalStack stack, String path) {
        Matcher account = ACCOUNT.matcher(path);
        Matcher organization = ORGANIZATION.matcher(path);
        List<String> accounts = account.find() ? List.of(decode(account.group(1))) : List.of();
        List<String> organizations = organization.find()
                ? List.of(decode(organization.group(1)) + "/" + decode(organization.group(2))) : List.of();
        return stack.authorizer().orElseThrow().issue(accounts, organizations, Duration.ofMinutes(10));
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}

package dev.sipcredentials.provisioning;

import java.util.Locale;

/**
 * Bandwidth's {@code usernamefragment} / {@code domainfragment}: case-insensitive substrings of the UserName and
 * of the Domain (null: no condition). For a name stored as one {@code user@domain} UserName without a Domain, the
 * part before the '@' is the user name and the part after it the domain, as a client reads such a name.
 */
public record AccountCredentialFilter(String userNameFragment, String domainFragment) {
    public static final AccountCredentialFilter NONE = new AccountCredentialFilter(null, null);

    public AccountCredentialFilter {
        userNameFragment = userNameFragment == null ? null : userNameFragment.toLowerCase(Locale.ROOT);
        domainFragment = domainFragment == null ? null : domainFragment.toLowerCase(Locale.ROOT);
    }

    public boolean isNone() {
        return userNameFragment == null && domainFragment == null;
    }

    public boolean matches(String userName, String domain) {
        String user = userName;
        String host = domain;
        int at = userName.indexOf('@');
        if (domain == null && at >= 0) {
            user = userName.substring(0, at);
            host = userName.substring(at + 1);
        }
        if (userNameFragment != null && !user.toLowerCase(Locale.ROOT).contains(userNameFragment)) {
            return false;
        }
        return domainFragment == null || (host != null && host.toLowerCase(Locale.ROOT).contains(domainFragment));
    }
}

package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;

/**
 * The query parameters of Bandwidth's listing, checked (each refusal its own 400 code). {@code page}: "1" (or absent)
 * for the first page, else the composite name the page starts at (inclusive; it need not exist: the page starts at
 * the first name at or after it); null here for the first page. {@code size}: {@value #DEFAULT_SIZE} by default, at
 * most {@value #MAX_SIZE}. Fragments: case-insensitive substrings, kept in the links.
 */
record ListingQuery(String page, int size, String userNameFragment, String domainFragment) {
    static final int DEFAULT_SIZE = 500;
    static final int MAX_SIZE = 1000;
    static final int MIN_FRAGMENT = 3;
    static final int MAX_FRAGMENT = 32;
    /** The longest composite name a create accepts: a 32-character UserName, '@', a 32-character Domain. */
    static final int MAX_PAGE_NAME = 2 * SipCredentialRules.MAX_NAME_LENGTH + 1;

    /** The checked query, or the error of the first parameter that is not valid (page, size, fragments). */
    static Object parse(Call<Void> call) {
        String page = call.queryParameter("page");
        if (page != null && !page.equals("1") && !isCompositeName(page)) {
            return BandwidthError.INVALID_PAGE;
        }
        String sizeText = call.queryParameter("size");
        int size = DEFAULT_SIZE;
        if (sizeText != null) {
            if (sizeText.isEmpty() || sizeText.length() > 4 || !sizeText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return BandwidthError.INVALID_SIZE;
            }
            size = Integer.parseInt(sizeText);
            if (size < 1 || size > MAX_SIZE) {
                return BandwidthError.INVALID_SIZE;
            }
        }
        String userNameFragment = call.queryParameter("usernamefragment");
        if (userNameFragment != null && !isUserNameFragment(userNameFragment)) {
            return BandwidthError.INVALID_USER_NAME_FRAGMENT;
        }
        String domainFragment = call.queryParameter("domainfragment");
        if (domainFragment != null && !isDomainFragment(domainFragment)) {
            return BandwidthError.INVALID_DOMAIN_FRAGMENT;
        }
        return new ListingQuery(page == null || page.equals("1") ? null : page, size, userNameFragment, domainFragment);
    }

    /** A name a create could have stored: {@code user}, or {@code user@domain}, each side by its rules. */
    static boolean isCompositeName(String name) {
        if (name.length() > MAX_PAGE_NAME) {
            return false;
        }
        int at = name.indexOf('@');
        if (at < 0) {
            return SipCredentialRules.isSipUser(name);
        }
        return SipCredentialRules.isSipUser(name.substring(0, at)) && SipCredentialRules.isDomain(name.substring(at + 1));
    }

    /** Characters of a UserName (a fragment may cut a %-escape, so '%' alone is allowed). */
    static boolean isUserNameFragment(String fragment) {
        if (fragment.length() < MIN_FRAGMENT || fragment.length() > MAX_FRAGMENT) {
            return false;
        }
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (!(isAlphaNumeric(c) || "-_.!~*'()&=+$,;?/%".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    static boolean isDomainFragment(String fragment) {
        if (fragment.length() < MIN_FRAGMENT || fragment.length() > MAX_FRAGMENT) {
            return false;
        }
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (!(isAlphaNumeric(c) || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}

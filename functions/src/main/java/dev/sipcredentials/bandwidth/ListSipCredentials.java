package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.AccountCredentialFilter;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.ListedAccountCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The route logic of Bandwidth's listing: check the query parameters (each refusal its own 400 code), read one
 * page plus one credential (which, when there, is the next page's first), answer with the links and the page.
 *
 * <p>{@code page}: "1" (or absent) for the first page, else the composite name the page starts at (inclusive; it
 * need not exist: the page starts at the first name at or after it). {@code size}: {@value #DEFAULT_SIZE} by default,
 * at most {@value #MAX_SIZE}. Fragments: case-insensitive substrings, kept in the links. A page without any
 * credential (an account without credentials, a filter that matches nothing, a page past the last name) is 404
 * {@code 23008} with Bandwidth's text: one rule, and what a client of Bandwidth already handles.
 */
final class ListSipCredentials {
    static final String ROUTE_KEY = "GET /accounts/{accountId}/sipcredentials";
    static final int DEFAULT_SIZE = 500;
    static final int MAX_SIZE = 1000;
    static final int MIN_FRAGMENT = 3;
    static final int MAX_FRAGMENT = 32;
    /** The longest composite name a create accepts: a 32-character UserName, '@', a 32-character Domain. */
    static final int MAX_PAGE_NAME = 2 * SipCredentialRules.MAX_NAME_LENGTH + 1;
    /**
     * SnapStart priming: a valid first page runs up to the store call, which has no time left (503); an account id
     * no token can grant is refused in XML (403). (A priming request carries no query string.)
     */
    static final PrimingRequest[] PRIMING = {
            new PrimingRequest(ROUTE_KEY, Map.of("accountId", "snapstart-priming"), null, null, false, 503),
            new PrimingRequest(ROUTE_KEY, Map.of("accountId", "not#an-account"), null, null, false, 403)};

    private final CredentialLister store;

    /** SnapStart priming of what the route answers after the store call: a page with links, and the 404. */
    static boolean primeAnswers() {
        String page = SipCredentialsXmlWriter.listed("https://prime.invalid/a?size=1&page=1",
                ListingLinks.url("https://prime.invalid/a", 1, "b@c.example", "bbb", "ccc"),
                List.of(new ListedAccountCredential("a", "c.example", "h1", "h1b")));
        String none = SipCredentialsXmlWriter.refused(BandwidthError.NO_CREDENTIALS.code(),
                BandwidthError.noCredentials("prime"), List.of());
        return page.contains("<next>") && none.contains("23008");
    }

    ListSipCredentials(CredentialLister store) {
        this.store = store;
    }

    /** The query parameters, checked. {@code page} null: the first page. */
    record Query(String page, int size, String userNameFragment, String domainFragment) {
    }

    Reply list(Call<Void> call) {
        String accountId = ((Tenant.Account) call.tenant()).accountId();
        Object parsed = parse(call);
        if (parsed instanceof BandwidthError error) {
            return BandwidthDialect.refusal(error);
        }
        Query query = (Query) parsed;
        Duration timeout = TimeBudget.writeTimeout(call.deadline());
        if (timeout == null) {
            return BandwidthDialect.refusal(BandwidthError.LIST_UNAVAILABLE);
        }
        // One more than the page: when it is there, it is the next page's first element.
        CredentialListing<ListedAccountCredential> listing = store.listAccount(accountId, query.page(),
                new AccountCredentialFilter(query.userNameFragment(), query.domainFragment()), query.size() + 1,
                timeout);
        switch (listing.kind()) {
            case TRANSIENT_FAILURE:
                return BandwidthDialect.refusal(BandwidthError.LIST_UNAVAILABLE);
            case STORE_FAILURE:
                return BandwidthDialect.refusal(BandwidthError.LIST_FAILURE);
            default:
                break;
        }
        List<ListedAccountCredential> items = listing.items();
        if (items.isEmpty()) {
            return Reply.of(404, SipCredentialsXmlWriter.refused(BandwidthError.NO_CREDENTIALS.code(),
                    BandwidthError.noCredentials(accountId), List.of()), "none");
        }
        String base = ListingLinks.base(call) + "/accounts/" + accountId + "/sipcredentials";
        String first = ListingLinks.url(base, query.size(), "1", query.userNameFragment(), query.domainFragment());
        String next = null;
        List<ListedAccountCredential> page = items;
        if (items.size() > query.size()) {
            page = items.subList(0, query.size());
            next = ListingLinks.url(base, query.size(), items.get(query.size()).name(), query.userNameFragment(),
                    query.domainFragment());
        }
        return Reply.of(200, SipCredentialsXmlWriter.listed(first, next, page), "listed:" + page.size());
    }

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
        return new Query(page == null || page.equals("1") ? null : page, size, userNameFragment, domainFragment);
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

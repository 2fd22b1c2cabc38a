package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.AccountCredentialFilter;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.ListedAccountCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /accounts/{accountId}/sipcredentials}: one page of an account's credentials. Check the query
 * parameters ({@link ListingQuery}), read one page plus one credential (which, when there, is the next page's
 * first), answer with the links and the page. A page without any credential (an account without credentials, a
 * filter that matches nothing, a page past the last name) is 404 {@code 23008} with Bandwidth's text: one rule, and
 * what a client of Bandwidth already handles.
 */
public final class ListSipCredentials implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.QUERY);
    static final String ROUTE_KEY = "GET /accounts/{accountId}/sipcredentials";
    /**
     * SnapStart priming: a valid first page runs up to the store call, which has no time left (503); an account id
     * no token can grant is refused in XML (403). (A priming request carries no query string.)
     */
    static final PrimingRequest[] PRIMING = {
            new PrimingRequest(ROUTE_KEY, Map.of("accountId", "snapstart-priming"), null, null, false, 503),
            new PrimingRequest(ROUTE_KEY, Map.of("accountId", "not#an-account"), null, null, false, 403)};

    private final CredentialLister store;
    private final Route<Void> route;

    /** As Lambda builds it: the shared lister (its hash keys resolved on the first hash), and SnapStart priming. */
    public ListSipCredentials() {
        this(Wiring.credentialLister());
        // The route (up to the store call), the role's store actions, then a page's concurrent Queries as they run.
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS) & Wiring.primeListing());
    }

    public ListSipCredentials(CredentialLister store) {
        this.store = store;
        // No body and no Idempotency-Key: a read changes nothing. 10 s: a page of 1,000 is well under a second.
        RouteSpec<Void> spec = RouteSpec.of(BandwidthDialect.INSTANCE, TenantKind.ACCOUNT).budget(Duration.ofSeconds(10))
                .cost(RouteSpec.Cost.queryNumber("size", ListingQuery.DEFAULT_SIZE, ListingQuery.MAX_SIZE));
        this.route = Route.of(spec, null, this::list);
    }

    /** SnapStart priming of this route alone, and of what it answers after the store call: a page, and the 404. */
    boolean prime() {
        String page = SipCredentialsXmlWriter.listed("https://prime.invalid/a?size=1&page=1",
                ListingLinks.url("https://prime.invalid/a", 1, "b@c.example", "bbb", "ccc"),
                List.of(new ListedAccountCredential("a", "c.example", "h1", "h1b")));
        String none = SipCredentialsXmlWriter.refused(BandwidthError.NO_CREDENTIALS.code(),
                BandwidthError.noCredentials("prime"), List.of());
        return route.prime(20, PRIMING) & page.contains("<next>") & none.contains("23008");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply list(Call<Void> call) {
        String accountId = ((Tenant.Account) call.tenant()).accountId();
        Object parsed = ListingQuery.parse(call);
        if (parsed instanceof BandwidthError error) {
            return BandwidthDialect.refusal(error);
        }
        ListingQuery query = (ListingQuery) parsed;
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
}

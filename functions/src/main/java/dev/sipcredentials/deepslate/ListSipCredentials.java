package dev.sipcredentials.deepslate;

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
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.ListedOrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.sealing.ServiceMacKey;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET .../sip/credentials}: the organization's credentials in creation order (then id), {@code limit} per page
 * ({@value ListingCursor#DEFAULT_LIMIT} by default, at most {@value ListingCursor#MAX_LIMIT}), continued with the
 * {@code cursor} of the previous page ({@link ListingCursor}). 200 {@code data: {items, nextCursor}}, also for an
 * organization without credentials ({@code items: []}); never the password.
 */
public final class ListSipCredentials implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.QUERY);
    static final String ROUTE_KEY = "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials";
    /**
     * SnapStart priming: a valid first page runs up to the store call, which has no time left (503); a vendor id no
     * token can grant is refused in JSON (403).
     */
    static final PrimingRequest[] PRIMING = {
            new PrimingRequest(ROUTE_KEY, Map.of("vendorId", "00000000-0000-4000-8000-000000000000",
                    "organizationId", "00000000-0000-4000-8000-000000000001"), null, null, false, 503),
            new PrimingRequest(ROUTE_KEY, Map.of("vendorId", "not-a-uuid",
                    "organizationId", "00000000-0000-4000-8000-000000000001"), null, null, false, 403)};
    private static final String READ_UNAVAILABLE =
            "The store is temporarily unavailable; nothing was read. Retry the request.";

    private final CredentialLister store;
    private final DeepslateDialect dialect;
    private final ListingCursor cursors;
    private final Route<Void> route;

    /**
     * As Lambda builds it: the shared lister (no KMS for the items: deepslate items hold no hash), the service MAC key
     * (cursors), and SnapStart priming.
     */
    public ListSipCredentials() {
        this(Wiring.credentialLister(), Clock.systemUTC(), Wiring.serviceMacKey());
        // The route (up to the store call), the role's store actions, then a page's concurrent Queries as they run.
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS) & Wiring.primeListing());
    }

    /** @param cursorKey the service MAC key: cursors are sealed under its listing-cursor sub-key */
    public ListSipCredentials(CredentialLister store, Clock clock, ServiceMacKey cursorKey) {
        this.store = store;
        this.dialect = new DeepslateDialect(clock);
        this.cursors = new ListingCursor(cursorKey);
        RouteSpec<Void> spec = RouteSpec.of(dialect, TenantKind.ORGANIZATION).budget(Duration.ofSeconds(10))
                .cost(RouteSpec.Cost.queryNumber("limit", ListingCursor.DEFAULT_LIMIT, ListingCursor.MAX_LIMIT));
        this.route = Route.of(spec, null, this::list);
    }

    /** SnapStart priming of this route alone, and of the 200 it answers after the store call (a page, its cursor). */
    boolean prime() {
        return route.prime(20, PRIMING) & ListingCursor.primeAnswer();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply list(Call<Void> call) {
        String traceId = call.requestId();
        Tenant.Organization organization = (Tenant.Organization) call.tenant();
        String limitText = call.queryParameter("limit");
        int limit = limitText == null ? ListingCursor.DEFAULT_LIMIT : ListingCursor.parseLimit(limitText);
        if (limit < 0) {
            return dialect.failure(DeepslateError.VALIDATION_FAILED, null,
                    List.of(new FieldError("limit", "must be a whole number from 1 to " + ListingCursor.MAX_LIMIT)),
                    traceId);
        }
        String cursor = call.queryParameter("cursor");
        String after = cursor == null ? null : cursors.position(organization, cursor);
        if (cursor != null && after == null) {
            return dialect.failure(DeepslateError.INVALID_CURSOR, null, null, traceId);
        }
        Duration timeout = TimeBudget.writeTimeout(call.deadline());
        if (timeout == null) {
            return dialect.failure(DeepslateError.STORE_UNAVAILABLE, READ_UNAVAILABLE, null, traceId);
        }
        // One more than the page: whether there is a next page, without an empty last page to fetch.
        CredentialListing<ListedOrganizationCredential> listing = store.listOrganization(organization, after,
                limit + 1, timeout);
        return switch (listing.kind()) {
            case TRANSIENT_FAILURE -> dialect.failure(DeepslateError.STORE_UNAVAILABLE, READ_UNAVAILABLE, null, traceId);
            case STORE_FAILURE -> dialect.failure(DeepslateError.INTERNAL_ERROR, "Internal error; nothing was read",
                    null, traceId);
            case LISTED -> {
                List<ListedOrganizationCredential> items = listing.items();
                List<ListedOrganizationCredential> page = items.size() > limit ? items.subList(0, limit) : items;
                String next = items.size() > limit
                        ? cursors.of(organization, page.get(page.size() - 1).position()) : null;
                List<StoredOrganizationCredential> credentials = page.stream()
                        .map(ListedOrganizationCredential::credential).toList();
                yield Reply.of(200, ApiResponseJson.listed(credentials, next, dialect.clock().instant(), traceId),
                        "listed:" + credentials.size());
            }
        };
    }
}

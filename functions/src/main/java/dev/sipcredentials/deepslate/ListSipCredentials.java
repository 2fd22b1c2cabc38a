package dev.sipcredentials.deepslate;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.ListedOrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.sealing.ServiceMacKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The route logic of deepslate's listing: the organization's credentials in creation order (then id),
 * {@code limit} per page ({@value #DEFAULT_LIMIT} by default, at most {@value #MAX_LIMIT}), continued with the
 * {@code cursor} of the previous page ({@link ListingCursor}). 200 {@code data: {items, nextCursor}}, also for an
 * organization without credentials ({@code items: []}); never the password.
 */
final class ListSipCredentials {
    static final String ROUTE_KEY = "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
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

    /** SnapStart priming of the 200 the route answers after the store call (a page and its cursor). */
    static boolean primeAnswer() {
        Tenant.Organization organization = Tenant.organization("00000000-0000-4000-8000-000000000000",
                "00000000-0000-4000-8000-000000000001");
        java.util.UUID id = java.util.UUID.fromString("00000000-0000-4000-8000-000000000002");
        ListingCursor cursors = new ListingCursor(ServiceMacKey.ephemeral());
        String cursor = cursors.of(organization, "0000000000000#" + id);
        return ApiResponseJson.listed(List.of(new StoredOrganizationCredential(id, "prime.invalid", 5060, "prime", 1)),
                cursor, java.time.Instant.EPOCH, "snapstart-priming").contains(cursor)
                && ("0000000000000#" + id).equals(cursors.position(organization, cursor));
    }

    ListSipCredentials(CredentialLister store, DeepslateDialect dialect, ServiceMacKey cursorKey) {
        this.store = store;
        this.dialect = dialect;
        this.cursors = new ListingCursor(cursorKey);
    }

    Reply list(Call<Void> call) {
        String traceId = call.requestId();
        Tenant.Organization organization = (Tenant.Organization) call.tenant();
        String limitText = call.queryParameter("limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            limit = parseLimit(limitText);
            if (limit < 0) {
                return dialect.failure(DeepslateError.VALIDATION_FAILED, null,
                        List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)), traceId);
            }
        }
        String cursor = call.queryParameter("cursor");
        String after = null;
        if (cursor != null) {
            after = cursors.position(organization, cursor);
            if (after == null) {
                return dialect.failure(DeepslateError.INVALID_CURSOR, null, null, traceId);
            }
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
            case LISTED -> page(organization, listing.items(), limit, traceId);
        };
    }

    private Reply page(Tenant.Organization organization, List<ListedOrganizationCredential> items, int limit,
                       String traceId) {
        List<ListedOrganizationCredential> page = items.size() > limit ? items.subList(0, limit) : items;
        String next = items.size() > limit ? cursors.of(organization, page.get(page.size() - 1).position()) : null;
        List<StoredOrganizationCredential> credentials = new ArrayList<>(page.size());
        for (ListedOrganizationCredential item : page) {
            credentials.add(item.credential());
        }
        return Reply.of(200, ApiResponseJson.listed(credentials, next, dialect.clock().instant(), traceId),
                "listed:" + credentials.size());
    }

    /** 1 to {@value #MAX_LIMIT} in plain digits, else -1. */
    static int parseLimit(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int limit = Integer.parseInt(text);
        return limit >= 1 && limit <= MAX_LIMIT ? limit : -1;
    }
}

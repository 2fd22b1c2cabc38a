package dev.sipcredentials.deepslate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.provisioning.AccountCredentialFilter;
import dev.sipcredentials.provisioning.CredentialListing;
import dev.sipcredentials.provisioning.CredentialLister;
import dev.sipcredentials.provisioning.ListedAccountCredential;
import dev.sipcredentials.provisioning.ListedOrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.sealing.ServiceMacKey;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.testkit.LambdaContexts;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON listing's own logic over a scripted lister: limit, cursor, wrapper, faults. */
class ListSipCredentialsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-17T14:23:30.789Z"), ZoneOffset.UTC);
    private static final String VENDOR = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String ORGANIZATION = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final Tenant.Organization TENANT = Tenant.organization(VENDOR, ORGANIZATION);
    private static final ServiceMacKey KEY = ServiceMacKey.ephemeral();
    private static final ListingCursor CURSORS = new ListingCursor(KEY);

    private final List<String> calls = new ArrayList<>();
    private CredentialListing<ListedOrganizationCredential> answer = CredentialListing.listed(List.of());

    private final CredentialLister lister = new CredentialLister() {
        @Override
        public CredentialListing<ListedAccountCredential> listAccount(String accountId, String fromName,
                                                                      AccountCredentialFilter filter, int limit,
                                                                      Duration timeout) {
            throw new AssertionError("the JSON route lists organizations only");
        }

        @Override
        public CredentialListing<ListedOrganizationCredential> listOrganization(Tenant.Organization organization,
                                                                                String afterPosition, int limit,
                                                                                Duration timeout) {
            calls.add(organization.organizationId() + " after=" + afterPosition + " limit=" + limit);
            return answer;
        }
    };

    private APIGatewayV2HTTPResponse list(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(ListSipCredentials.ROUTE_KEY);
        event.setHeaders(new HashMap<>());
        event.setQueryStringParameters(query);
        event.setPathParameters(Map.of("vendorId", VENDOR, "organizationId", ORGANIZATION));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("trace-list");
        event.setRequestContext(context);
        return new ListSipCredentials(lister, CLOCK, KEY).handleRequest(Claims.grantingPathTenant(event),
                LambdaContexts.quiet());
    }

    private static ListedOrganizationCredential item(int i) {
        UUID id = new UUID(0x1000 + i, 0x2000 + i);
        return new ListedOrganizationCredential(new StoredOrganizationCredential(id, "sip.example.com", 5060,
                "agent" + i, 10), String.format("%013d#%s", 1_700_000_000_000L + i, id));
    }

    @Test
    void aFullPageCarriesTheCursorOfItsLastItemAndTheCursorContinuesAfterIt() {
        answer = CredentialListing.listed(List.of(item(1), item(2), item(3)));

        APIGatewayV2HTTPResponse first = list(Map.of("limit", "2"));

        assertThat(first.getStatusCode()).isEqualTo(200);
        String cursor = nextCursor(first);
        assertThat(CURSORS.position(TENANT, cursor)).isEqualTo(item(2).position());
        assertThat(first.getBody()).isEqualTo("{\"success\":true,\"timestamp\":\"2025-04-17T14:23:30Z\","
                + "\"message\":\"Successfully retrieved sip credentials\",\"data\":{\"items\":["
                + "{\"id\":\"" + item(1).credential().id() + "\",\"hostname\":\"sip.example.com\",\"port\":5060,"
                + "\"username\":\"agent1\",\"maxAgentTasks\":10},"
                + "{\"id\":\"" + item(2).credential().id() + "\",\"hostname\":\"sip.example.com\",\"port\":5060,"
                + "\"username\":\"agent2\",\"maxAgentTasks\":10}],\"nextCursor\":\"" + cursor + "\"},"
                + "\"traceId\":\"trace-list\"}");

        answer = CredentialListing.listed(List.of(item(3)));
        APIGatewayV2HTTPResponse second = list(Map.of("limit", "2", "cursor", cursor));

        assertThat(second.getBody()).contains("\"nextCursor\":null");
        assertThat(calls).containsExactly(ORGANIZATION + " after=null limit=3",
                ORGANIZATION + " after=" + item(2).position() + " limit=3");
    }

    @Test
    void theDefaultLimitIs100() {
        list(Map.of());
        assertThat(calls).containsExactly(ORGANIZATION + " after=null limit=101");
    }

    @Test
    void aTransientStoreFaultIsA503ThatReadNothing() {
        answer = CredentialListing.failed(CredentialListing.Kind.TRANSIENT_FAILURE);

        APIGatewayV2HTTPResponse response = list(Map.of());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"code\":\"STORE_UNAVAILABLE\"", "nothing was read");
    }

    @Test
    void aBadCursorOrLimitNeverReachesTheStore() {
        assertThat(list(Map.of("cursor", CURSORS.of(Tenant.organization(VENDOR, UUID.randomUUID().toString()),
                item(1).position()))).getBody()).contains("\"code\":\"INVALID_CURSOR\"");
        assertThat(list(Map.of("limit", "501")).getBody()).contains("\"code\":\"VALIDATION_FAILED\"",
                "\"field\":\"limit\"");
        assertThat(calls).isEmpty();
    }

    @Test
    void aCursorRoundTripsOnlyForItsOrganizationAndUnchanged() {
        String cursor = CURSORS.of(TENANT, item(7).position());
        assertThat(CURSORS.position(TENANT, cursor)).isEqualTo(item(7).position());
        assertThat(CURSORS.position(Tenant.organization(UUID.randomUUID().toString(), ORGANIZATION), cursor))
                .isNull();
        byte[] bytes = java.util.Base64.getUrlDecoder().decode(cursor);
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 1;
            assertThat(CURSORS.position(TENANT, java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(flipped))).as("bit flipped in byte " + i).isNull();
        }
        assertThat(CURSORS.position(TENANT, cursor + "A")).isNull();
        assertThat(CURSORS.position(TENANT, cursor.substring(0, cursor.length() - 2))).isNull();
        assertThat(CURSORS.position(TENANT, "%%%")).isNull();
    }

    /** Finding 5 of issue #23: the cursor was a CRC32, which anyone can recompute, over the item's creation time. */
    @Test
    void aCursorShowsNoCreationTimeAndOneMadeWithoutTheKeyIsRefused() {
        answer = CredentialListing.listed(List.of(item(1), item(2), item(3)));
        String cursor = nextCursor(list(Map.of("limit", "2")));
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain("1700000000002", item(2).credential().id().toString(), VENDOR, ORGANIZATION);
        calls.clear();

        // A cursor written by hand in the earlier form, its checksum computed as anyone can: refused, nothing read.
        String payload = "c1|" + VENDOR + "|" + ORGANIZATION + "|" + item(1).position();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (payload + "|" + String.format("%08x", crc.getValue())).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse refused = list(Map.of("cursor", forged));
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getBody()).contains("\"code\":\"INVALID_CURSOR\"");
        // Nor one sealed under another service key (another deployment's).
        String foreign = new ListingCursor(ServiceMacKey.ephemeral()).of(TENANT, item(1).position());
        assertThat(list(Map.of("cursor", foreign)).getBody()).contains("\"code\":\"INVALID_CURSOR\"");
        assertThat(calls).isEmpty();
    }

    private static String nextCursor(APIGatewayV2HTTPResponse response) {
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("\"nextCursor\":\"([A-Za-z0-9_-]+)\"")
                .matcher(response.getBody());
        assertThat(next.find()).as(response.getBody()).isTrue();
        return next.group(1);
    }

    @Test
    void primingAnswersAsPlannedAndCallsNoStore() {
        assertThat(new ListSipCredentials(lister, CLOCK, KEY).prime()).isTrue();
        assertThat(calls).isEmpty();
    }
}

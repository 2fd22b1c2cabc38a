package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Both listing routes through their handlers, against our DynamoDB engine and the contract: exact wire bodies. */
class ListingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECLARATION = BandwidthApiIT.DECLARATION;
    private static final Pattern USER_NAME = Pattern.compile("<SipCredential><UserName>([^<]*)</UserName>(?:<Domain>([^<]*)</Domain>)?");
    private static final Pattern NEXT = Pattern.compile("<next>([^<]*)</next>");

    private String table;
    private CreateSipCredentials create;
    private dev.sipcredentials.bandwidth.ListSipCredentials listAccount;
    private CreateSipCredential createOrganization;
    private dev.sipcredentials.deepslate.ListSipCredentials listOrganization;
    private final String vendor = UUID.randomUUID().toString();
    private final String organization = UUID.randomUUID().toString();

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        create = TestHandlers.bandwidth(TestStack.store(table), TestStack.WRITERS);
        listAccount = Listings.bandwidth(table);
        createOrganization = TestHandlers.deepslate(TestStack.store(table), Clock.systemUTC(), UUID::randomUUID);
        listOrganization = Listings.deepslate(table);
    }

    private void created(String accountId, String batch) {
        APIGatewayV2HTTPResponse response = ContractValidator.invoke(create, TestStack.event(BandwidthApiIT.ROUTE,
                "/accounts/" + accountId + "/sipcredentials", Map.of("accountId", accountId), "application/xml", batch,
                false, UUID.randomUUID().toString()), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(response.getBody()).doesNotContain("<Errors>");
    }

    private static String entries(List<String> names) {
        StringBuilder batch = new StringBuilder("<SipCredentials>");
        for (String name : names) {
            batch.append("<SipCredential><UserName>").append(name).append("</UserName><Hash1>h1-").append(name.length())
                    .append("</Hash1></SipCredential>");
        }
        return batch.append("</SipCredentials>").toString();
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Every page from the first, following {@code <next>}: the names in answer order. */
    private List<List<String>> allPages(String accountId, String size, String userNameFragment, String domainFragment) {
        List<List<String>> pages = new ArrayList<>();
        String page = "1";
        while (page != null) {
            APIGatewayV2HTTPResponse response = Listings.listAccount(listAccount, accountId, "size", size, "page", page,
                    "usernamefragment", userNameFragment, "domainfragment", domainFragment);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            pages.add(names(response.getBody()));
            Matcher next = NEXT.matcher(response.getBody());
            page = null;
            if (next.find()) {
                Map<String, String> query = Listings.linkQuery(unescape(next.group(1)));
                assertThat(query.get("size")).isEqualTo(size);
                assertThat(query.get("usernamefragment")).isEqualTo(userNameFragment);
                assertThat(query.get("domainfragment")).isEqualTo(domainFragment);
                page = query.get("page");
            }
        }
        return pages;
    }

    private static List<String> names(String body) {
        List<String> names = new ArrayList<>();
        Matcher m = USER_NAME.matcher(body);
        while (m.find()) {
            names.add(m.group(2) == null ? m.group(1) : m.group(1) + "@" + m.group(2));
        }
        return names;
    }

    @Test
    void theSeedBatchListsAsBandwidthShowsItWithTheFirstLinkAndNoNext() {
        created("41", BandwidthApiIT.SEED_REQUEST);

        APIGatewayV2HTTPResponse response = Listings.listAccount(listAccount, "41");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/xml");
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><Links>"
                + "<first>Link=&lt;https://" + Listings.HOST + "/accounts/41/sipcredentials?size=500&amp;page=1&gt;;"
                + "rel=\"first\";</first></Links><SipCredentials>"
                + "<SipCredential><UserName>John</UserName><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1>"
                + "<Hash1b>1g32gadgs433d24</Hash1b></SipCredential>"
                + "<SipCredential><UserName>Mathew@bw.com</UserName><Hash1>43543gggs43g324</Hash1>"
                + "<Hash1b>1g32gadgs433a34</Hash1b></SipCredential>"
                + "</SipCredentials></SipCredentialsResponse>");
    }

    @Test
    void anAccountWithoutCredentialsIs404WithBandwidthsText() {
        created("42", BandwidthApiIT.SEED_REQUEST);

        APIGatewayV2HTTPResponse response = Listings.listAccount(listAccount, "41");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><ResponseStatus>"
                + "<ErrorCode>23008</ErrorCode><Description>There are no Sip credentials associated with the account "
                + "with ID = 41</Description></ResponseStatus></SipCredentialsResponse>");
    }

    @Test
    void pagesFollowTheCompositeNameCaseInsensitivelyAndTogetherHoldEveryCredentialOnce() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            String user = (i % 3 == 0 ? "User" : i % 3 == 1 ? "user" : "USER") + String.format("%02d", i);
            names.add(i % 2 == 0 ? user + "@Example.com" : user);
        }
        created("41", entries(names));

        List<List<String>> pages = allPages("41", "10", null, null);

        assertThat(pages).hasSize(5);
        assertThat(pages.subList(0, 4)).allSatisfy(page -> assertThat(page).hasSize(10));
        List<String> listed = pages.stream().flatMap(List::stream).toList();
        List<String> expected = new ArrayList<>(names);
        expected.sort(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
        assertThat(listed).containsExactlyElementsOf(expected);
    }

    @Test
    void theNextLinkNamesTheNextPagesFirstCredentialAsStored() {
        created("41", entries(List.of("alice", "Bob@Example.com", "carol", "dave")));

        APIGatewayV2HTTPResponse first = Listings.listAccount(listAccount, "41", "size", "2", "page", "1");

        assertThat(first.getBody()).contains("<first>Link=&lt;https://" + Listings.HOST
                + "/accounts/41/sipcredentials?size=2&amp;page=1&gt;;rel=\"first\";</first>"
                + "<next>Link=&lt;https://" + Listings.HOST
                + "/accounts/41/sipcredentials?size=2&amp;page=carol&gt;;rel=\"next\";</next>");
        assertThat(names(first.getBody())).containsExactly("alice", "Bob@Example.com");
        // page names the first element, in any case; it need not exist.
        assertThat(names(Listings.listAccount(listAccount, "41", "page", "BOB@example.COM").getBody()))
                .containsExactly("Bob@Example.com", "carol", "dave");
        assertThat(names(Listings.listAccount(listAccount, "41", "page", "bz").getBody()))
                .containsExactly("carol", "dave");
        assertThat(Listings.listAccount(listAccount, "41", "page", "zed").getStatusCode()).isEqualTo(404);
    }

    @Test
    void fragmentsFilterCaseInsensitivelyAndStayInTheLinks() {
        created("41", "<SipCredentials>"
                + "<SipCredential><UserName>Alice</UserName><Domain>North.example</Domain><Hash1>a</Hash1></SipCredential>"
                + "<SipCredential><UserName>malice</UserName><Domain>south.example</Domain><Hash1>b</Hash1></SipCredential>"
                + "<SipCredential><UserName>ALICEBOT@north.example</UserName><Hash1>c</Hash1></SipCredential>"
                + "<SipCredential><UserName>bob</UserName><Domain>north.example</Domain><Hash1>d</Hash1></SipCredential>"
                + "<SipCredential><UserName>northalice</UserName><Hash1>e</Hash1></SipCredential>"
                + "</SipCredentials>");

        assertThat(allPages("41", "1", "lIcE", null).stream().flatMap(List::stream).toList())
                .containsExactly("Alice@North.example", "ALICEBOT@north.example", "malice@south.example", "northalice");
        assertThat(allPages("41", "2", "ALI", "NORTH").stream().flatMap(List::stream).toList())
                .containsExactly("Alice@North.example", "ALICEBOT@north.example");
        APIGatewayV2HTTPResponse none = Listings.listAccount(listAccount, "41", "usernamefragment", "zzz");
        assertThat(none.getStatusCode()).isEqualTo(404);
        assertThat(none.getBody()).contains("<ErrorCode>23008</ErrorCode>");
        APIGatewayV2HTTPResponse kept = Listings.listAccount(listAccount, "41", "size", "1", "usernamefragment", "ali",
                "domainfragment", "nor");
        assertThat(kept.getBody()).contains("<first>Link=&lt;https://" + Listings.HOST + "/accounts/41/sipcredentials"
                + "?size=1&amp;page=1&amp;usernamefragment=ali&amp;domainfragment=nor&gt;;rel=\"first\";</first>");
    }

    @Test
    void invalidQueryParametersAreRefusedWithTheirCodesAndReadNothing() {
        created("41", entries(List.of("alice")));
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        Object[][] requests = {
                {new String[]{"page", "@example.com"}, 1300}, {new String[]{"page", "al ice"}, 1300},
                {new String[]{"page", "a@b@c"}, 1300}, {new String[]{"page", "x".repeat(66)}, 1300},
                {new String[]{"size", "0"}, 1301}, {new String[]{"size", "1001"}, 1301},
                {new String[]{"size", "-5"}, 1301}, {new String[]{"size", "ten"}, 1301}, {new String[]{"size", ""}, 1301},
                {new String[]{"usernamefragment", "al"}, 1302}, {new String[]{"usernamefragment", "a<b>c"}, 1302},
                {new String[]{"domainfragment", "ex"}, 1303}, {new String[]{"domainfragment", "ex_ample"}, 1303}};
        for (Object[] request : requests) {
            APIGatewayV2HTTPResponse response = Listings.listAccount(listAccount, "41", (String[]) request[0]);
            assertThat(response.getStatusCode()).as(String.join("=", (String[]) request[0])).isEqualTo(400);
            assertThat(response.getBody()).as(String.join("=", (String[]) request[0]))
                    .startsWith(DECLARATION + "<SipCredentialsResponse><ResponseStatus><ErrorCode>" + request[1]
                            + "</ErrorCode><Description>");
        }
        assertThat(Listings.listAccount(listAccount, "41", "size", "1000").getStatusCode()).isEqualTo(200);
        assertThat(TestStack.items(table)).extracting(i -> i.get("pk").s())
                .as("the credential and account 41's tenant key (head and version 1): nothing else")
                .containsExactlyInAnyOrder("bw#41#alice", "key#bw#41", "key#bw#41#v1");
    }

    @Test
    void aTokenForAnotherAccountIsRefusedBeforeAnyRead() {
        created("41", entries(List.of("alice")));
        var event = Listings.event(Listings.BANDWIDTH, "/accounts/41/sipcredentials", Map.of("accountId", "41"));
        event.setRequestContext(TestStack.event(Listings.BANDWIDTH, "/accounts/42/sipcredentials",
                Map.of("accountId", "42"), null, null, false, "other").getRequestContext());

        APIGatewayV2HTTPResponse response = ContractValidator.invoke(listAccount, event, null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("<ErrorCode>1200</ErrorCode>").doesNotContain("alice");
    }

    // ---- deepslate

    private String createdInOrganization(String organizationId, String username) throws Exception {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organizationId + "/sip/credentials";
        APIGatewayV2HTTPResponse response = ContractValidator.invoke(createOrganization, TestStack.event(
                DeepslateApiIT.ROUTE, path, Map.of("vendorId", vendor, "organizationId", organizationId),
                "application/json", DeepslateApiIT.SEED_BODY.replace("agent001", username), false,
                "trace-" + UUID.randomUUID()), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        return JSON.readTree(response.getBody()).path("data").path("id").asText();
    }

    private JsonNode organizationPage(String organizationId, String... query) throws Exception {
        APIGatewayV2HTTPResponse response = Listings.listOrganization(listOrganization, vendor, organizationId, query);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getBody()).doesNotContain("password", "strong-password");
        return JSON.readTree(response.getBody());
    }

    @Test
    void anOrganizationListsInCreationOrderPageByPageWithoutPasswords() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(createdInOrganization(organization, "agent" + i));
            Thread.sleep(2); // distinct creation millis, so creation order is the order they were made in
        }
        createdInOrganization(UUID.randomUUID().toString(), "elsewhere");

        List<String> listed = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode body = organizationPage(organization, "limit", "3", "cursor", cursor);
            assertThat(body.path("message").asText()).isEqualTo("Successfully retrieved sip credentials");
            sizes.add(body.path("data").path("items").size());
            body.path("data").path("items").forEach(item -> listed.add(item.path("id").asText()));
            cursor = body.path("data").path("nextCursor").isNull() ? null : body.path("data").path("nextCursor").asText();
        } while (cursor != null);

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(listed).containsExactlyElementsOf(ids);
        JsonNode first = organizationPage(organization, "limit", "1").path("data").path("items").get(0);
        assertThat(first.toString()).isEqualTo("{\"id\":\"" + ids.get(0) + "\",\"hostname\":\"sipconnect.sipgate.de\","
                + "\"port\":5060,\"username\":\"agent0\",\"maxAgentTasks\":10}");
    }

    @Test
    void anEmptyOrganizationIsAnEmptyPageAndTheDefaultLimitIs100() throws Exception {
        assertThat(organizationPage(organization).path("data").toString()).isEqualTo("{\"items\":[],\"nextCursor\":null}");
        for (int i = 0; i < 101; i++) {
            createdInOrganization(organization, "agent" + i);
        }
        JsonNode page = organizationPage(organization).path("data");
        assertThat(page.path("items").size()).isEqualTo(100);
        assertThat(page.path("nextCursor").isTextual()).isTrue();
        assertThat(organizationPage(organization, "cursor", page.path("nextCursor").asText()).path("data")
                .path("items").size()).isEqualTo(1);
    }

    @Test
    void aCursorOfAnotherOrganizationOrChangedByHandIsRefused() throws Exception {
        String other = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            createdInOrganization(organization, "agent" + i);
            createdInOrganization(other, "agent" + i);
        }
        String foreign = organizationPage(other, "limit", "1").path("data").path("nextCursor").asText();
        String own = organizationPage(organization, "limit", "1").path("data").path("nextCursor").asText();
        String decoded = new String(Base64.getUrlDecoder().decode(own), java.nio.charset.StandardCharsets.UTF_8);
        String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(
                decoded.replaceFirst("#", "#0").substring(0, decoded.length()).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (String cursor : List.of(foreign, changed, own.substring(0, own.length() - 2), "not-a-cursor!", "")) {
            APIGatewayV2HTTPResponse response = Listings.listOrganization(listOrganization, vendor, organization,
                    "cursor", cursor);
            assertThat(response.getStatusCode()).as(cursor).isEqualTo(400);
            assertThat(JSON.readTree(response.getBody()).path("code").asText()).as(cursor).isEqualTo("INVALID_CURSOR");
        }
        for (String limit : List.of("0", "501", "-1", "x", "1.5")) {
            APIGatewayV2HTTPResponse response = Listings.listOrganization(listOrganization, vendor, organization,
                    "limit", limit);
            assertThat(response.getStatusCode()).as(limit).isEqualTo(400);
            JsonNode body = JSON.readTree(response.getBody());
            assertThat(body.path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(body.path("data").get(0).path("field").asText()).isEqualTo("limit");
        }
        assertThat(organizationPage(organization, "limit", "500").path("data").path("items").size()).isEqualTo(3);
    }
}

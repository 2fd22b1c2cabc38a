package dev.sipcredentials.it;

import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The XML batch API through its handler, against our DynamoDB engine: wire bodies and what the table holds after. */
class BandwidthApiIT {
    static final String ROUTE = "POST /accounts/{accountId}/sipcredentials";
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    /** The request of Bandwidth's documentation page, verbatim. */
    static final String SEED_REQUEST = """
            <SipCredentials>
                <SipCredential>
                    <UserName>
                        John
                    </UserName>
                    <Domain>
                        bw.com
                    </Domain>
                    <Hash1>
                        1g32gadgs433dd4
                    </Hash1>
                    <Hash1b>
                        1g32gadgs433d24
                    </Hash1b>
                </SipCredential>
                <SipCredential>
                    <UserName>
                        Mathew@bw.com
                    </UserName>
                    <Hash1>
                        43543gggs43g324
                    </Hash1>
                    <Hash1b>
                        1g32gadgs433a34
                    </Hash1b>
                </SipCredential>
            </SipCredentials>
            """;
    static final String SEED_CREATED = DECLARATION + "<SipCredentialsResponse><ValidSipCredentials>"
            + "<SipCredential><UserName>John</UserName><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1>"
            + "<Hash1b>1g32gadgs433d24</Hash1b></SipCredential>"
            + "<SipCredential><UserName>Mathew@bw.com</UserName><Hash1>43543gggs43g324</Hash1>"
            + "<Hash1b>1g32gadgs433a34</Hash1b></SipCredential>"
            + "</ValidSipCredentials></SipCredentialsResponse>";

    private String table;
    private CreateSipCredentials handler;

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        handler = TestHandlers.bandwidth(TestStack.store(table), TestStack.WRITERS);
    }

    private APIGatewayV2HTTPResponse post(String accountId, String body) {
        return post(accountId, "application/xml", body, false);
    }

    private APIGatewayV2HTTPResponse post(String accountId, String contentType, String body, boolean base64) {
        return ContractValidator.invoke(handler, TestStack.event(ROUTE, "/accounts/" + accountId + "/sipcredentials",
                Map.of("accountId", accountId), contentType, body, base64, UUID.randomUUID().toString()), null);
    }

    private static String entry(String userName, String domain, String hash1, String hash1b) {
        return "<SipCredential>" + (userName == null ? "" : "<UserName>" + userName + "</UserName>")
                + (domain == null ? "" : "<Domain>" + domain + "</Domain>")
                + (hash1 == null ? "" : "<Hash1>" + hash1 + "</Hash1>")
                + (hash1b == null ? "" : "<Hash1b>" + hash1b + "</Hash1b>") + "</SipCredential>";
    }

    private static String batch(String... entries) {
        return "<SipCredentials>" + String.join("", entries) + "</SipCredentials>";
    }

    private List<String> storedNames() {
        return TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name");
    }

    @Test
    void seedRequestCreatesBothCredentials() {
        APIGatewayV2HTTPResponse response = post("41", SEED_REQUEST);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/xml");
        assertThat(response.getBody()).isEqualTo(SEED_CREATED);
        assertThat(storedNames()).containsExactlyInAnyOrder("John@bw.com", "Mathew@bw.com");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> john = TestStack.items(table).stream()
                .filter(i -> i.get("name").s().equals("John@bw.com")).findFirst().orElseThrow();
        assertThat(john.get("accountId").s()).isEqualTo("41");
        // Sealed at rest; the local master key opens them.
        assertThat(john).doesNotContainKeys("hash1", "hash1b");
        assertThat(TestStack.hashes(table, john)).isEqualTo(new HashSealer.Hashes("1g32gadgs433dd4", "1g32gadgs433d24"));
    }

    @Test
    void missingUserNameIsReportedBesideTheCreatedEntryAsInTheSeed() {
        APIGatewayV2HTTPResponse response = post("41", batch(
                entry(null, "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24"),
                entry("Bill", "bw.com", "43543gggs43g324", "4562gadgs433454")));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><Errors><Error>"
                + "<ErrorCode>1003</ErrorCode><Description>UserName is required</Description>"
                + "<SipCredential><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1><Hash1b>1g32gadgs433d24</Hash1b>"
                + "</SipCredential></Error></Errors><ValidSipCredentials><SipCredential><UserName>Bill</UserName>"
                + "<Domain>bw.com</Domain><Hash1>43543gggs43g324</Hash1><Hash1b>4562gadgs433454</Hash1b>"
                + "</SipCredential></ValidSipCredentials></SipCredentialsResponse>");
        assertThat(storedNames()).containsExactly("Bill@bw.com");
    }

    @Test
    void allInvalidIsTheSeedsBadRequestWithTheExactDuplicateText() {
        assertThat(post("41", batch(entry("Bill", "bw.com", "43543gggs43g324", "4562gadgs433454")))
                .getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse response = post("41", batch(
                entry(null, "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24"),
                entry("Bill", "bw.com", "43543gggs43g324", "4562gadgs433454")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><ResponseStatus>"
                + "<Description>Please check your input parameters.</Description></ResponseStatus><Errors>"
                + "<Error><ErrorCode>1003</ErrorCode><Description>UserName is required</Description><SipCredential>"
                + "<Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1><Hash1b>1g32gadgs433d24</Hash1b>"
                + "</SipCredential></Error><Error><ErrorCode>23009</ErrorCode><Description>Sip credential Bill@bw.com "
                + "does already exist on the account with ID = 41</Description><SipCredential><UserName>Bill</UserName>"
                + "<Domain>bw.com</Domain><Hash1>43543gggs43g324</Hash1><Hash1b>4562gadgs433454</Hash1b>"
                + "</SipCredential></Error></Errors></SipCredentialsResponse>");
        assertThat(storedNames()).containsExactly("Bill@bw.com");
    }

    @Test
    void nameRepeatedInOneBatchIsCreatedOnceForItsFirstOccurrence() {
        APIGatewayV2HTTPResponse response = post("41", batch(
                entry("Ann", "bw.com", "first", null),
                entry("Bob", null, "h", null),
                entry("Ann@bw.com", null, "second", null),
                entry("ANN", "BW.com", "third", null)));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><Errors>"
                + "<Error><ErrorCode>23009</ErrorCode><Description>Sip credential Ann@bw.com does already exist on the "
                + "account with ID = 41</Description><SipCredential><UserName>Ann@bw.com</UserName><Hash1>second</Hash1>"
                + "</SipCredential></Error>"
                + "<Error><ErrorCode>23009</ErrorCode><Description>Sip credential ANN@BW.com does already exist on the "
                + "account with ID = 41</Description><SipCredential><UserName>ANN</UserName><Domain>BW.com</Domain>"
                + "<Hash1>third</Hash1></SipCredential></Error></Errors>"
                + "<ValidSipCredentials><SipCredential><UserName>Ann</UserName><Domain>bw.com</Domain><Hash1>first</Hash1>"
                + "</SipCredential><SipCredential><UserName>Bob</UserName><Hash1>h</Hash1></SipCredential>"
                + "</ValidSipCredentials></SipCredentialsResponse>");
        assertThat(TestStack.items(table).stream()
                .filter(i -> "bandwidth-sip-credential".equals(i.get("kind").s()))
                .map(i -> TestStack.hashes(table, i).hash1())).containsExactlyInAnyOrder("first", "h");
    }

    @Test
    void namesAreUniqueRegardlessOfCaseAndKeptAsSubmitted() {
        assertThat(post("41", batch(entry("Carol", "Example.COM", "h1", null))).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse response = post("41", batch(entry("carol@example.com", null, "h2", null)));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<ErrorCode>23009</ErrorCode><Description>Sip credential "
                + "carol@example.com does already exist on the account with ID = 41</Description>");
        assertThat(storedNames()).containsExactly("Carol@Example.COM");
    }

    @Test
    void aPercentEscapedSpellingOfAnExistingNameIsADuplicateAndKeysOfOtherNamesAreUnchanged() {
        assertThat(post("41", batch(entry("alice", "bw.com", "h1", null), entry("a%2fB", null, "h2", null)))
                .getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse response = post("41", batch(entry("%61lice@bw.com", null, "h3", null),
                entry("A%2Fb", null, "h4", null), entry("a/b", null, "h5", null)));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).contains(
                "<Description>Sip credential %61lice@bw.com does already exist on the account with ID = 41</Description>",
                "<Description>Sip credential A%2Fb does already exist on the account with ID = 41</Description>");
        assertThat(storedNames()).containsExactlyInAnyOrder("alice@bw.com", "a%2fB", "a/b");
        // The key scheme before escapes were decoded was "bw#<account>#<lower-cased name>": unchanged for these.
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "pk"))
                .containsExactlyInAnyOrder("bw#41#alice@bw.com", "bw#41#a%2fb", "bw#41#a/b");
    }

    @Test
    void uniquenessIsPerAccount() {
        assertThat(post("41", SEED_REQUEST).getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPResponse other = post("42", SEED_REQUEST);

        assertThat(other.getStatusCode()).isEqualTo(201);
        assertThat(other.getBody()).isEqualTo(SEED_CREATED);
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "accountId"))
                .containsExactlyInAnyOrder("41", "41", "42", "42");
    }

    @Test
    void base64EncodedBodyIsDecoded() {
        APIGatewayV2HTTPResponse response = post("41", "text/xml; charset=UTF-8", SEED_REQUEST, true);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(SEED_CREATED);
        assertThat(storedNames()).hasSize(2);
    }

    @Test
    void externalEntityIsRefusedAndNothingIsStored() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE SipCredentials [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                + batch(entry("&secret;", null, "h", null));

        APIGatewayV2HTTPResponse response = post("41", xxe);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><ResponseStatus>"
                + "<ErrorCode>1105</ErrorCode><Description>DOCTYPE declarations and entities are not allowed</Description>"
                + "</ResponseStatus></SipCredentialsResponse>").doesNotContain("root:");
        assertThat(TestStack.items(table)).isEmpty();
    }

    @Test
    void wholeRequestErrorsStoreNothing() {
        assertThat(post("41", "application/json", SEED_REQUEST, false).getStatusCode()).isEqualTo(415);
        assertThat(post("41", "<SipCredentials><SipCredential>").getStatusCode()).isEqualTo(400);
        assertThat(post("41", "<Other/>").getStatusCode()).isEqualTo(400);
        // No token can grant a malformed account id: the tenant check, which comes first, answers 403.
        assertThat(post("bad#id", SEED_REQUEST).getStatusCode()).isEqualTo(403);
        assertThat(post("41", "").getStatusCode()).isEqualTo(400);
        assertThat(TestStack.items(table)).isEmpty();
    }

    @Test
    void aThousandEntryBatchIsStoredCompletelyAndReportedInOrder() {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            entries.append(entry("user" + i, "bulk.example.com", "hash" + i, null));
        }
        APIGatewayV2HTTPResponse response = post("41", batch(entries.toString()));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).doesNotContain("<Errors>");
        int previous = -1;
        for (int i = 0; i < 1000; i++) {
            int at = response.getBody().indexOf("<UserName>user" + i + "</UserName>");
            assertThat(at).as("entry %d after entry %d", i, i - 1).isGreaterThan(previous);
            previous = at;
        }
        assertThat(storedNames()).hasSize(1000);
    }

    @Test
    void sampleEventsGiveTheDocumentedAnswers() {
        APIGatewayV2HTTPResponse seed = ContractValidator.invoke(handler, 
                EventLoader.loadApiGatewayHttpEvent("../functions/events/bandwidth-create-seed.json"), null);
        APIGatewayV2HTTPResponse base64 = ContractValidator.invoke(handler, 
                EventLoader.loadApiGatewayHttpEvent("../functions/events/bandwidth-create-base64.json"), null);
        APIGatewayV2HTTPResponse missing = ContractValidator.invoke(handler, 
                EventLoader.loadApiGatewayHttpEvent("../functions/events/bandwidth-create-missing-username.json"), null);

        assertThat(seed.getStatusCode()).isEqualTo(201);
        assertThat(seed.getBody()).isEqualTo(SEED_CREATED);
        assertThat(base64.getStatusCode()).isEqualTo(201);
        assertThat(base64.getBody()).isEqualTo(SEED_CREATED);
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(missing.getBody()).contains("<ErrorCode>1003</ErrorCode><Description>UserName is required</Description>");
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "accountId"))
                .containsExactlyInAnyOrder("41", "41", "42", "42");
    }
}

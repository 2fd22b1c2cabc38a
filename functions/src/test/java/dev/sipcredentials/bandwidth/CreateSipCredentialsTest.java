package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.testkit.InMemorySipCredentialStore;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.testkit.LambdaContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CreateSipCredentialsTest {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    private static final String REQUEST_ID = "req-7f3a";

    /** The request behind Bandwidth's two error examples: an entry without UserName, then Bill@bw.com. */
    private static final String EXAMPLE_ERRORS_REQUEST = """
            <SipCredentials>
                <SipCredential>
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
                        Bill
                    </UserName>
                    <Domain>
                        bw.com
                    </Domain>
                    <Hash1>
                        43543gggs43g324
                    </Hash1>
                    <Hash1b>
                        4562gadgs433454
                    </Hash1b>
                </SipCredential>
            </SipCredentials>
            """;

    private static final String MISSING_USER_NAME_ERROR = "<Error><ErrorCode>1003</ErrorCode>"
            + "<Description>UserName is required</Description>"
            + "<SipCredential><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1><Hash1b>1g32gadgs433d24</Hash1b>"
            + "</SipCredential></Error>";
    private static final String BILL = "<SipCredential><UserName>Bill</UserName><Domain>bw.com</Domain>"
            + "<Hash1>43543gggs43g324</Hash1><Hash1b>4562gadgs433454</Hash1b></SipCredential>";

    private final ExecutorService writers = Executors.newFixedThreadPool(8);
    private final InMemorySipCredentialStore store = new InMemorySipCredentialStore();
    private final CreateSipCredentials handler = TestHandlers.bandwidth(store, writers);

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static APIGatewayV2HTTPEvent event(String accountId, String contentType, String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("POST /accounts/{accountId}/sipcredentials");
        event.setRawPath("/accounts/" + accountId + "/sipcredentials");
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        event.setHeaders(headers);
        Map<String, String> path = new HashMap<>();
        if (accountId != null) {
            path.put("accountId", accountId);
        }
        event.setPathParameters(path);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(REQUEST_ID);
        event.setRequestContext(context);
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return Claims.grantingPathTenant(event);
    }

    static APIGatewayV2HTTPEvent xml(String accountId, String body) {
        return event(accountId, "application/xml", body, false);
    }

    private APIGatewayV2HTTPResponse post(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static String entry(String userName, String domain, String hash1) {
        return "<SipCredential>" + (userName == null ? "" : "<UserName>" + userName + "</UserName>")
                + (domain == null ? "" : "<Domain>" + domain + "</Domain>")
                + (hash1 == null ? "" : "<Hash1>" + hash1 + "</Hash1>") + "</SipCredential>";
    }

    private static String request(String... entries) {
        return "<SipCredentials>" + String.join("", entries) + "</SipCredentials>";
    }

    private static String requestErrorBody(int code, String description) {
        return DECLARATION + "<SipCredentialsResponse><ResponseStatus><ErrorCode>" + code + "</ErrorCode><Description>"
                + description + "</Description></ResponseStatus></SipCredentialsResponse>";
    }

    // ---- Bandwidth's examples ------------------------------------------------------------------------------

    @Test
    void seedRequestCreatesBothEntries() {
        APIGatewayV2HTTPResponse response = post(xml("41", SipCredentialsXmlReaderTest.SEED_REQUEST));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(DECLARATION
                + "<SipCredentialsResponse><ValidSipCredentials>"
                + "<SipCredential><UserName>John</UserName><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1>"
                + "<Hash1b>1g32gadgs433d24</Hash1b></SipCredential>"
                + "<SipCredential><UserName>Mathew@bw.com</UserName><Hash1>43543gggs43g324</Hash1>"
                + "<Hash1b>1g32gadgs433a34</Hash1b></SipCredential>"
                + "</ValidSipCredentials></SipCredentialsResponse>");
        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#john@bw.com", "bw#41#mathew@bw.com");
        assertThat(store.accountCredentials().get("bw#41#john@bw.com"))
                .isEqualTo(new AccountCredential("John", "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24"));
    }

    @Test
    void responseHeadersNameXmlAndTheRequest() {
        APIGatewayV2HTTPResponse response = post(xml("41", SipCredentialsXmlReaderTest.SEED_REQUEST));

        assertThat(response.getHeaders())
                .containsEntry("Content-Type", "application/xml")
                .containsEntry("X-Request-Id", REQUEST_ID)
                .containsEntry("Cache-Control", "no-store")
                .doesNotContainKey("Retry-After");
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void missingUserNameIsReportedInA201BesideTheCreatedEntry() {
        APIGatewayV2HTTPResponse response = post(xml("41", EXAMPLE_ERRORS_REQUEST));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse>"
                + "<Errors>" + MISSING_USER_NAME_ERROR + "</Errors>"
                + "<ValidSipCredentials>" + BILL + "</ValidSipCredentials>"
                + "</SipCredentialsResponse>");
        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#bill@bw.com");
    }

    @Test
    void allInvalidIsBandwidthsBadRequestExample() {
        store.seed("41", new AccountCredential("Bill", "bw.com", "other", null));

        APIGatewayV2HTTPResponse response = post(xml("41", EXAMPLE_ERRORS_REQUEST));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse>"
                + "<ResponseStatus><Description>Please check your input parameters.</Description></ResponseStatus>"
                + "<Errors>" + MISSING_USER_NAME_ERROR
                + "<Error><ErrorCode>23009</ErrorCode>"
                + "<Description>Sip credential Bill@bw.com does already exist on the account with ID = 41</Description>"
                + BILL + "</Error>"
                + "</Errors></SipCredentialsResponse>");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/xml");
        assertThat(store.accountCredentials().get("bw#41#bill@bw.com").hash1()).isEqualTo("other");
    }

    // ---- uniqueness ----------------------------------------------------------------------------------------

    @Test
    void nameRepeatedInOneBatchIsCreatedOnceAndTheRepeatsAreDuplicates() {
        String body = request(entry("Bill", "bw.com", "h1"), entry("bill@BW.COM", null, "h2"),
                entry("Ann", null, "h3"), entry("BILL", "bw.com", "h4"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><Errors>"
                + "<Error><ErrorCode>23009</ErrorCode>"
                + "<Description>Sip credential bill@BW.COM does already exist on the account with ID = 41</Description>"
                + "<SipCredential><UserName>bill@BW.COM</UserName><Hash1>h2</Hash1></SipCredential></Error>"
                + "<Error><ErrorCode>23009</ErrorCode>"
                + "<Description>Sip credential BILL@bw.com does already exist on the account with ID = 41</Description>"
                + "<SipCredential><UserName>BILL</UserName><Domain>bw.com</Domain><Hash1>h4</Hash1></SipCredential></Error>"
                + "</Errors><ValidSipCredentials>"
                + "<SipCredential><UserName>Bill</UserName><Domain>bw.com</Domain><Hash1>h1</Hash1></SipCredential>"
                + "<SipCredential><UserName>Ann</UserName><Hash1>h3</Hash1></SipCredential>"
                + "</ValidSipCredentials></SipCredentialsResponse>");
        assertThat(store.accountCredentials().get("bw#41#bill@bw.com").hash1()).isEqualTo("h1");
        assertThat(store.accountWrites()).hasSize(2);
    }

    @Test
    void existingNameInAnotherCaseIsADuplicate() {
        assertThat(post(xml("41", request(entry("Bill", "bw.com", "h1")))).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse response = post(xml("41", request(entry("bILL", "BW.com", "h2"))));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse>"
                + "<ResponseStatus><Description>Please check your input parameters.</Description></ResponseStatus>"
                + "<Errors><Error><ErrorCode>23009</ErrorCode>"
                + "<Description>Sip credential bILL@BW.com does already exist on the account with ID = 41</Description>"
                + "<SipCredential><UserName>bILL</UserName><Domain>BW.com</Domain><Hash1>h2</Hash1></SipCredential>"
                + "</Error></Errors></SipCredentialsResponse>");
        assertThat(store.accountCredentials().get("bw#41#bill@bw.com").hash1()).isEqualTo("h1");
    }

    /**
     * SIP compares user parts after unescaping (RFC 3261 19.1.4): {@code %61lice} is {@code alice}, one identity,
     * which must not get a second HA1. The refusal echoes the name as the client sent it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"%61lice", "%41LICE", "al%69ce", "%61%6c%69%63%65", "%61%6C%69%63%65"})
    void aPercentEscapedSpellingOfAnExistingNameIsADuplicate(String userName) {
        assertThat(post(xml("41", request(entry("alice", "bw.com", "h1")))).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse response = post(xml("41", request(entry(userName, "bw.com", "h2"))));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<ErrorCode>23009</ErrorCode><Description>Sip credential " + userName
                + "@bw.com does already exist on the account with ID = 41</Description><SipCredential><UserName>"
                + userName + "</UserName>");
        assertThat(store.accountCredentials()).hasSize(1);
        assertThat(store.accountCredentials().values()).singleElement()
                .satisfies(c -> assertThat(c.userName()).isEqualTo("alice"));
    }

    @Test
    void escapedSpellingsInOneBatchAreRepeatsAndTheNameIsStoredAsSent() {
        String body = request(entry("%61lice@bw.com", null, "h1"), entry("alice", "bw.com", "h2"),
                entry("a%2fb", null, "h3"), entry("a%2Fb", null, "h4"), entry("a/b", null, "h5"),
                entry("%7Euser", null, "h6"), entry("~user", null, "h7"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).contains(
                "<Description>Sip credential alice@bw.com does already exist on the account with ID = 41</Description>",
                "<Description>Sip credential a%2Fb does already exist on the account with ID = 41</Description>",
                "<Description>Sip credential ~user does already exist on the account with ID = 41</Description>");
        // An escaped reserved character ('/' as %2F) is not the character itself: "a/b" is another name.
        assertThat(store.accountCredentials().values()).extracting(c -> c.userName())
                .containsExactlyInAnyOrder("%61lice@bw.com", "a%2fb", "a/b", "%7Euser");
    }

    @Test
    void namesAreUniquePerAccountOnly() {
        String body = request(entry("Bill", "bw.com", "h1"));

        assertThat(post(xml("41", body)).getStatusCode()).isEqualTo(201);
        assertThat(post(xml("42", body)).getStatusCode()).isEqualTo(201);
        assertThat(post(xml("42", body)).getStatusCode()).isEqualTo(400);

        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#bill@bw.com", "bw#42#bill@bw.com");
    }

    @Test
    void resultsKeepInputOrder() {
        String body = request(entry("e0", null, "h"), entry(null, null, "h"), entry("e2", null, "h"),
                entry("e0", null, "h"), entry("e4", null, null), entry("e5", null, "h"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(201);
        String responseBody = response.getBody();
        assertThat(responseBody).containsSubsequence(
                "<ErrorCode>1003</ErrorCode>", "<ErrorCode>23009</ErrorCode>", "<UserName>e0</UserName>",
                "<ErrorCode>1004</ErrorCode>", "<UserName>e4</UserName>",
                "<ValidSipCredentials>", "<UserName>e0</UserName>", "<UserName>e2</UserName>",
                "<UserName>e5</UserName>", "</ValidSipCredentials>");
    }

    @Test
    void structurallyBrokenEntryIsRefusedAlone() {
        String body = request("<SipCredential><UserName>x</UserName><Hash1>h</Hash1><Password>p</Password></SipCredential>",
                entry("ok", null, "h"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><Errors>"
                + "<Error><ErrorCode>1013</ErrorCode><Description>" + BandwidthError.UNEXPECTED_ELEMENT.description()
                + "</Description><SipCredential><UserName>x</UserName><Hash1>h</Hash1></SipCredential></Error>"
                + "</Errors><ValidSipCredentials><SipCredential><UserName>ok</UserName><Hash1>h</Hash1></SipCredential>"
                + "</ValidSipCredentials></SipCredentialsResponse>");
        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#ok");
    }

    @Test
    void fullBatchOf5000EntriesIsCreatedInOrder() {
        StringBuilder body = new StringBuilder("<SipCredentials>");
        for (int i = 0; i < 5000; i++) {
            body.append(entry("user" + i, "bw.com", "h" + i));
        }
        body.append("</SipCredentials>");

        APIGatewayV2HTTPResponse response = post(xml("41", body.toString()));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).doesNotContain("<Errors>")
                .startsWith(DECLARATION + "<SipCredentialsResponse><ValidSipCredentials><SipCredential>"
                        + "<UserName>user0</UserName><Domain>bw.com</Domain><Hash1>h0</Hash1></SipCredential>"
                        + "<SipCredential><UserName>user1</UserName>")
                .endsWith("<SipCredential><UserName>user4999</UserName><Domain>bw.com</Domain><Hash1>h4999</Hash1>"
                        + "</SipCredential></ValidSipCredentials></SipCredentialsResponse>");
        assertThat(store.accountCredentials()).hasSize(5000);
    }

    // ---- what a refusal echoes, and the size of the answer ---------------------------------------------------

    @Test
    void aRefusedEntryEchoesEachFieldUpToItsLimitPlusOneAndTheMarker() {
        String longName = "u".repeat(40);
        String longHash = "h".repeat(70);
        APIGatewayV2HTTPResponse response = post(xml("41", request(entry(longName, "bw.com", "h1"),
                "<SipCredential><UserName>bob</UserName><Hash1>" + longHash + "</Hash1></SipCredential>",
                entry("ok", null, "h2"))));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).contains("<UserName>" + "u".repeat(33) + "[truncated]</UserName>"
                        + "<Domain>bw.com</Domain><Hash1>h1</Hash1>",
                "<UserName>bob</UserName><Hash1>" + "h".repeat(65) + "[truncated]</Hash1>");
        // Exactly limit + 1 is echoed as sent.
        assertThat(EchoBound.bound("u".repeat(33), 32)).isEqualTo("u".repeat(33));
        assertThat(EchoBound.bound("\uD83D\uDE00".repeat(40), 32)).isEqualTo("\uD83D\uDE00".repeat(33) + "[truncated]");
    }

    @Test
    void whenEvenBoundedEchoesWouldExceedLambdasResponseLimitRefusalsEchoNoFieldsAndTheCreatedEntryIs201() {
        // Every field just over its limit (bounded echo keeps it whole), all '&' (5 bytes escaped): 6.3 MB echoed.
        String refused = "<SipCredential><UserName><![CDATA[" + "&".repeat(34) + "]]></UserName><Domain><![CDATA["
                + "&".repeat(34) + "]]></Domain><Hash1><![CDATA[" + "&".repeat(66) + "]]></Hash1><Hash1b><![CDATA["
                + "&".repeat(66) + "]]></Hash1b></SipCredential>";
        StringBuilder body = new StringBuilder("<SipCredentials>");
        for (int i = 0; i < 4_999; i++) {
            body.append(refused);
        }
        body.append(entry("valid", "bw.com", "hh")).append("</SipCredentials>");

        APIGatewayV2HTTPResponse response = post(xml("41", body.toString()));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(dev.sipcredentials.http.HttpResponses.encodedBodyBytes(response.getBody()))
                .isLessThanOrEqualTo(dev.sipcredentials.http.HttpResponses.MAX_ENCODED_BODY_BYTES);
        assertThat(response.getBody()).doesNotContain("<SipCredential><UserName>&amp;")
                .contains("<Error><ErrorCode>1005</ErrorCode><Description>UserName must be at most 32 characters"
                        + "</Description></Error><Error>")
                .endsWith("<ValidSipCredentials><SipCredential><UserName>valid</UserName><Domain>bw.com</Domain>"
                        + "<Hash1>hh</Hash1></SipCredential></ValidSipCredentials></SipCredentialsResponse>");
        assertThat(store.accountCredentials()).hasSize(1);
    }

    @Test
    void whatAnIdempotencyRecordKeepsIsOutcomesAndCodesAndRebuildsTheSameAnswer() {
        BatchAnswer results = new BatchAnswer(
                new BandwidthError[] {BandwidthError.USER_NAME_REQUIRED, null, null},
                new WriteOutcome[] {null, WriteOutcome.CREATED, WriteOutcome.ALREADY_EXISTS});

        assertThat(results.kept()).isEqualTo("entries/v1:RUSER_NAME_REQUIRED,CREATED,ALREADY_EXISTS");
        BatchAnswer back = BatchAnswer.of(results.kept(), 3);
        assertThat(back.refusals()).containsExactly(results.refusals());
        assertThat(back.outcomes()).containsExactly(results.outcomes());
    }

    // ---- content type and encoding -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/xml; charset=utf-8", "application/xml;charset=UTF-8",
            "Application/XML", "text/xml"})
    void xmlContentTypesAreAccepted(String contentType) {
        APIGatewayV2HTTPResponse response =
                post(event("41", contentType, request(entry("u", null, "h")), false));

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/xml; charset=ISO-8859-1",
            "text/xml; charset=utf-16", "multipart/form-data", "application/x-www-form-urlencoded"})
    void otherContentTypesAre415(String contentType) {
        APIGatewayV2HTTPResponse response = post(event("41", contentType, request(entry("u", null, "h")), false));

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getBody()).isEqualTo(requestErrorBody(1101,
                "Content-Type must be application/xml or text/xml (UTF-8)"));
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/xml");
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void missingContentTypeIs415() {
        APIGatewayV2HTTPResponse response = post(event("41", null, request(entry("u", null, "h")), false));

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void headerNamesAreMatchedCaseInsensitively() {
        APIGatewayV2HTTPEvent event = event("41", null, request(entry("u", null, "h")), false);
        event.setHeaders(Map.of("Content-Type", "text/xml"));

        assertThat(post(event).getStatusCode()).isEqualTo(201);
    }

    @Test
    void base64BodyIsDecoded() {
        String encoded = Base64.getEncoder().encodeToString(
                SipCredentialsXmlReaderTest.SEED_REQUEST.getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPResponse response = post(event("41", "application/xml", encoded, true));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).contains("<UserName>John</UserName>", "<UserName>Mathew@bw.com</UserName>");
        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#john@bw.com", "bw#41#mathew@bw.com");
    }

    @Test
    void base64BodyWithNonAsciiIsDecodedAsUtf8() {
        String xml = request(entry("u", null, "h")).replace("<Hash1>h</Hash1>", "<Hash1>h</Hash1><Hash1b>\u00e9</Hash1b>");
        String encoded = Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPResponse response = post(event("41", "application/xml", encoded, true));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<ErrorCode>1012</ErrorCode>", "<Hash1b>\u00e9</Hash1b>");
    }

    @Test
    void aBodyThatWasNotUtf8Is1104WhetherItArrivesBase64EncodedOrAsReplacedText() {
        String text = request(entry("a\u00e9\u00e9b", null, "h"));
        byte[] malformed = text.getBytes(StandardCharsets.UTF_8);
        int at = text.indexOf("a\u00e9") + 2; // ASCII before it: the byte index of the first é's A9, cut out below
        byte[] cut = new byte[malformed.length - 1];
        System.arraycopy(malformed, 0, cut, 0, at);
        System.arraycopy(malformed, at + 1, cut, at, malformed.length - at - 1);

        APIGatewayV2HTTPResponse base64 = post(event("41", "application/xml",
                Base64.getEncoder().encodeToString(cut), true));
        APIGatewayV2HTTPResponse replaced = post(event("41", "application/xml",
                new String(cut, StandardCharsets.UTF_8), false));

        for (APIGatewayV2HTTPResponse response : java.util.List.of(base64, replaced)) {
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getBody()).isEqualTo(requestErrorBody(1104, "The request body is not well-formed XML"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%%", "<SipCredentials/>", "PFNpcENyZWRlbnRpYWxzLz4=*", "not base64 at all!"})
    void bodyThatIsNotBase64Is1111(String body) {
        APIGatewayV2HTTPResponse response = post(event("41", "application/xml", body, true));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(requestErrorBody(1111,
                "The request body is not valid base64 although isBase64Encoded is set"));
        assertThat(store.isUntouched()).isTrue();
    }

    // ---- whole-request errors ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"4 1", "41/../42", "a#b", "123456789012345678901234567890123"})
    void aTokenNamingAMalformedAccountIdGrantsNothing(String accountId) {
        APIGatewayV2HTTPEvent event = xml(accountId, SipCredentialsXmlReaderTest.SEED_REQUEST);
        // Even the JSON array form, which can carry a space, grants no id outside the account id rule: the tenant
        // check (first) answers, and 1100 stays as a second line.
        Claims.set(event, Map.of("sip:accounts", "[\"" + accountId + "\"]"));
        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).isEqualTo(requestErrorBody(1200, "The access token does not grant this account"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void aTokenForAnotherAccountIs403With1200AndStoresNothing() {
        APIGatewayV2HTTPEvent event = xml("41", SipCredentialsXmlReaderTest.SEED_REQUEST);
        Claims.set(event, Map.of("sip:accounts", "[\"40\",\"410\",\"4\"]"));

        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).isEqualTo(requestErrorBody(1200, "The access token does not grant this account"));
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void noAuthorizerContextFailsClosedWith403() {
        APIGatewayV2HTTPEvent event = xml("41", SipCredentialsXmlReaderTest.SEED_REQUEST);
        event.getRequestContext().setAuthorizer(null);

        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("<ErrorCode>1200</ErrorCode>");
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void missingAccountIdIs403With1200BecauseNoTokenCanGrantIt() {
        APIGatewayV2HTTPEvent event = xml(null, SipCredentialsXmlReaderTest.SEED_REQUEST);
        event.setPathParameters(null);

        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("<ErrorCode>1200</ErrorCode>");
        assertThat(store.isUntouched()).isTrue();
    }

    static Stream<Arguments> wholeRequestErrors() {
        String manyEntries = "<SipCredentials>" + entry("u", null, "h").repeat(5001) + "</SipCredentials>";
        return Stream.of(
                arguments(xml("41", ""), 400, 1102),
                arguments(xml("41", null), 400, 1102),
                arguments(xml("41", "<SipCredentials><SipCredential>"), 400, 1104),
                arguments(xml("41", "<!DOCTYPE x [<!ENTITY e \"v\">]>" + request(entry("&e;", null, "h"))), 400, 1105),
                arguments(xml("41", "<Credentials/>"), 400, 1106),
                arguments(xml("41", "<SipCredentials><Foo/></SipCredentials>"), 400, 1107),
                arguments(xml("41", "<SipCredentials/>"), 400, 1108),
                arguments(xml("41", manyEntries), 400, 1109),
                arguments(xml("41", request(entry("u", null, "<![CDATA[" + "x".repeat(100_000) + "]]>"))), 400, 1110),
                arguments(xml("41", "<SipCredentials>" + " ".repeat(4 * 1024 * 1024) + "</SipCredentials>"), 413, 1103),
                arguments(event("41", "application/xml",
                        Base64.getEncoder().encodeToString(new byte[4 * 1024 * 1024 + 1]), true), 413, 1103),
                arguments(event("41", "application/json", request(entry("u", null, "h")), false), 415, 1101),
                arguments(xml("4/1", request(entry("u", null, "h"))), 403, 1200));
    }

    @ParameterizedTest
    @MethodSource("wholeRequestErrors")
    void wholeRequestErrorStoresNothing(APIGatewayV2HTTPEvent event, int status, int code) {
        APIGatewayV2HTTPResponse response = post(event);

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody()).startsWith(DECLARATION + "<SipCredentialsResponse><ResponseStatus><ErrorCode>"
                + code + "</ErrorCode>");
        assertThat(response.getBody()).doesNotContain("<Errors>", "<ValidSipCredentials>");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/xml");
        assertThat(store.isUntouched()).isTrue();
        assertThat(store.accountCredentials()).isEmpty();
    }

    /**
     * The body is UTF-8 by contract; a declaration naming another charset would make the parser decode the same
     * bytes into other characters (UTF-8 "J\u00f6rg" read as ISO-8859-1 is "J\u00c3\u00b6rg"). Refused, whatever the case.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "iso-8859-1", "US-ASCII", "UTF-16", "UTF8", "utf-7", ""})
    void aDeclaredEncodingOtherThanUtf8Is400With1116(String encoding) {
        String body = "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>" + request(entry("J\u00f6rg", null, "h"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(requestErrorBody(1116,
                "The XML declaration may only name the UTF-8 encoding"));
        assertThat(store.isUntouched()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version='1.0' encoding='utf-8'?>",
            "<?xml version=\"1.0\" encoding = \"Utf-8\" standalone=\"yes\"?>", "<?xml version=\"1.0\"?>", ""})
    void aUtf8OrNoEncodingDeclarationIsRead(String declaration) {
        APIGatewayV2HTTPResponse response = post(xml("41", declaration + request(entry("jorg", null, "h"))));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(store.accountCredentials().values()).extracting(c -> c.userName()).containsExactly("jorg");
    }

    @Test
    void dtdRequestIs1105WithExactBody() {
        String body = "<?xml version=\"1.0\"?><!DOCTYPE SipCredentials [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + request(entry("&xxe;", null, "h"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(requestErrorBody(1105,
                "DOCTYPE declarations and entities are not allowed"));
        assertThat(store.isUntouched()).isTrue();
    }

    // ---- store faults --------------------------------------------------------------------------------------

    @Test
    void transientFailureOfSomeEntriesIs201With19001ForExactlyThose() {
        store.failName("b", WriteOutcome.TRANSIENT_FAILURE).failName("d", WriteOutcome.TRANSIENT_FAILURE);
        String body = request(entry("a", null, "h"), entry("b", null, "h"), entry("c", null, "h"), entry("d", null, "h"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        String unavailable = BandwidthError.STORE_UNAVAILABLE.description();
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><Errors>"
                + "<Error><ErrorCode>19001</ErrorCode><Description>" + unavailable + "</Description>"
                + "<SipCredential><UserName>b</UserName><Hash1>h</Hash1></SipCredential></Error>"
                + "<Error><ErrorCode>19001</ErrorCode><Description>" + unavailable + "</Description>"
                + "<SipCredential><UserName>d</UserName><Hash1>h</Hash1></SipCredential></Error>"
                + "</Errors><ValidSipCredentials>"
                + "<SipCredential><UserName>a</UserName><Hash1>h</Hash1></SipCredential>"
                + "<SipCredential><UserName>c</UserName><Hash1>h</Hash1></SipCredential>"
                + "</ValidSipCredentials></SipCredentialsResponse>");
        assertThat(response.getHeaders()).doesNotContainKey("Retry-After");
        assertThat(store.accountCredentials()).containsOnlyKeys("bw#41#a", "bw#41#c");
    }

    @Test
    void repeatOfANameWhoseWriteFailedRetryablyIsRetryableToo() {
        store.failName("bill@bw.com", WriteOutcome.TRANSIENT_FAILURE);
        String body = request(entry("Bill", "bw.com", "h"), entry("ann", null, "h"), entry("BILL@bw.com", null, "h"));

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody())
                .containsSubsequence("<ErrorCode>19001</ErrorCode>", "<UserName>Bill</UserName>",
                        "<ErrorCode>19001</ErrorCode>", "<UserName>BILL@bw.com</UserName>", "<ValidSipCredentials>",
                        "<UserName>ann</UserName>")
                .doesNotContain("<ErrorCode>23009</ErrorCode>");
    }

    @Test
    void allEntriesFailingTransientlyIs503WithRetryAfter() {
        store.failName("a", WriteOutcome.TRANSIENT_FAILURE).failName("b", WriteOutcome.TRANSIENT_FAILURE);

        APIGatewayV2HTTPResponse response = post(xml("41", request(entry("a", null, "h"), entry("b", null, "h"))));

        String unavailable = BandwidthError.STORE_UNAVAILABLE.description();
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1").containsEntry("Content-Type", "application/xml");
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse>"
                + "<ResponseStatus><ErrorCode>19001</ErrorCode><Description>" + BandwidthError.RETRY_DESCRIPTION
                + "</Description></ResponseStatus><Errors>"
                + "<Error><ErrorCode>19001</ErrorCode><Description>" + unavailable + "</Description>"
                + "<SipCredential><UserName>a</UserName><Hash1>h</Hash1></SipCredential></Error>"
                + "<Error><ErrorCode>19001</ErrorCode><Description>" + unavailable + "</Description>"
                + "<SipCredential><UserName>b</UserName><Hash1>h</Hash1></SipCredential></Error>"
                + "</Errors></SipCredentialsResponse>");
        assertThat(store.accountCredentials()).isEmpty();
    }

    @Test
    void invalidAndTransientlyFailedEntriesWithNothingCreatedIs503() {
        store.failName("a", WriteOutcome.TRANSIENT_FAILURE);

        APIGatewayV2HTTPResponse response = post(xml("41", request(entry(null, null, "h"), entry("a", null, "h"))));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).containsSubsequence("<ResponseStatus><ErrorCode>19001</ErrorCode>",
                "<ErrorCode>1003</ErrorCode>", "<ErrorCode>19001</ErrorCode>", "<UserName>a</UserName>");
    }

    @Test
    void permanentStoreFailureOfAllEntriesIs500() {
        store.failName("a", WriteOutcome.STORE_FAILURE);

        APIGatewayV2HTTPResponse response = post(xml("41", request(entry("a", null, "h"))));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse>"
                + "<ResponseStatus><ErrorCode>19003</ErrorCode><Description>"
                + BandwidthError.STORE_FAILURE.description() + "</Description></ResponseStatus>"
                + "<Errors><Error><ErrorCode>19003</ErrorCode><Description>" + BandwidthError.STORE_FAILURE.description()
                + "</Description><SipCredential><UserName>a</UserName><Hash1>h</Hash1></SipCredential></Error></Errors>"
                + "</SipCredentialsResponse>");
    }

    @Test
    void storeThatThrowsIs500With19003PerEntryAndNoInternals() {
        store.throwing(new IllegalStateException("boom: table sip-credentials missing"));

        APIGatewayV2HTTPResponse response = post(xml("41", SipCredentialsXmlReaderTest.SEED_REQUEST));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/xml");
        String failure = BandwidthError.STORE_FAILURE.description();
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse><ResponseStatus>"
                + "<ErrorCode>19003</ErrorCode><Description>" + failure + "</Description></ResponseStatus><Errors>"
                + "<Error><ErrorCode>19003</ErrorCode><Description>" + failure + "</Description><SipCredential>"
                + "<UserName>John</UserName><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1>"
                + "<Hash1b>1g32gadgs433d24</Hash1b></SipCredential></Error>"
                + "<Error><ErrorCode>19003</ErrorCode><Description>" + failure + "</Description><SipCredential>"
                + "<UserName>Mathew@bw.com</UserName><Hash1>43543gggs43g324</Hash1><Hash1b>1g32gadgs433a34</Hash1b>"
                + "</SipCredential></Error></Errors></SipCredentialsResponse>");
        assertThat(response.getBody()).doesNotContain("boom", "Exception", "at dev.", "sip-credentials missing");
    }

    // ---- time budget ---------------------------------------------------------------------------------------

    @Test
    void lambdaAboutToTimeOutWritesNothingAndAnswers503With19002() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                xml("41", request(entry("a", null, "h"), entry("b", null, "h"))), LambdaContexts.withRemainingMillis(600));

        String notAttempted = BandwidthError.NOT_ATTEMPTED.description();
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialsResponse>"
                + "<ResponseStatus><ErrorCode>19001</ErrorCode><Description>" + BandwidthError.RETRY_DESCRIPTION
                + "</Description></ResponseStatus><Errors>"
                + "<Error><ErrorCode>19002</ErrorCode><Description>" + notAttempted + "</Description>"
                + "<SipCredential><UserName>a</UserName><Hash1>h</Hash1></SipCredential></Error>"
                + "<Error><ErrorCode>19002</ErrorCode><Description>" + notAttempted + "</Description>"
                + "<SipCredential><UserName>b</UserName><Hash1>h</Hash1></SipCredential></Error>"
                + "</Errors></SipCredentialsResponse>");
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void lambdaWithNoTimeLeftAttemptsNothing() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(xml("41", request(entry("a", null, "h"))),
                LambdaContexts.withRemainingMillis(0));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("<ErrorCode>19002</ErrorCode>");
        assertThat(store.isUntouched()).isTrue();
    }

    @Test
    void writesNeverGetMoreThanApiGatewaysBudget() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(xml("41", request(entry("a", null, "h"))),
                LambdaContexts.withRemainingMillis(900_000));

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(store.accountWrites()).singleElement()
                .satisfies(write -> assertThat(write.timeout()).isLessThan(Duration.ofSeconds(29)).isPositive());
    }

    @Test
    void writesGetNoMoreThanTheLambdasRemainingTime() {
        handler.handleRequest(xml("41", request(entry("a", null, "h"))), LambdaContexts.withRemainingMillis(5_000));

        assertThat(store.accountWrites()).singleElement()
                .satisfies(write -> assertThat(write.timeout()).isLessThanOrEqualTo(Duration.ofMillis(5_000)).isPositive());
    }

    // ---- the response is always well-formed XML ------------------------------------------------------------

    @Test
    void responseIsWellFormedEvenWhenTheRequestSmuggledControlCharacters() {
        // XML 1.1 lets &#1; through the parser; the answer declares XML 1.0, where U+0001 may not appear at all.
        String body = "<?xml version=\"1.1\"?><SipCredentials><SipCredential><UserName>u</UserName>"
                + "<Hash1>&#1;</Hash1></SipCredential></SipCredentials>";

        APIGatewayV2HTTPResponse response = post(xml("41", body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("<ErrorCode>1112</ErrorCode>");
        assertThat(store.accountCredentials()).isEmpty();
        assertThatCode(() -> DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.getBody().getBytes(StandardCharsets.UTF_8))))
                .doesNotThrowAnyException();
    }

    @Test
    void everyAnswerOfThisSuiteIsWellFormedXml() throws Exception {
        store.seed("41", new AccountCredential("Bill", "bw.com", "other", null));
        for (String body : new String[] {SipCredentialsXmlReaderTest.SEED_REQUEST, EXAMPLE_ERRORS_REQUEST,
                request(entry("a&amp;b", null, "&lt;x&gt;")), "<Foo/>", ""}) {
            String answer = post(xml("41", body)).getBody();

            var document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
            assertThat(document.getDocumentElement().getTagName()).isEqualTo("SipCredentialsResponse");
        }
    }

    // ---- SnapStart priming ---------------------------------------------------------------------------------

    @Test
    void primingRunsThisRouteAsIntendedAndStoresNothing() {
        assertThat(handler.prime()).isTrue();
        assertThat(store.isUntouched()).isTrue();
    }
}

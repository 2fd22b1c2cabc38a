package dev.sipcredentials.it;

import dev.sipcredentials.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both APIs over real HTTP through the local stack, with the real handlers and template.yaml: what a user
 * with curl sees, and what the table holds after.
 */
class ApiOverHttpIT {
    private static LocalStack stack;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start(@TempDir Path state) {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(Path.of("..", "template.yaml").toAbsolutePath().normalize()));
        dynamoDb = stack.dynamoDb().newClient();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        stack.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return StackRequests.send(stack, "POST", path, contentType, body);
    }

    private static List<Map<String, AttributeValue>> items() {
        String table = dynamoDb.listTables().tableNames().get(0);
        return dynamoDb.scan(ScanRequest.builder().tableName(table).consistentRead(true).build()).items();
    }

    private static long itemsWith(String attribute, String value) {
        return items().stream().filter(i -> i.containsKey(attribute) && value.equals(i.get(attribute).s())).count();
    }

    @Test
    void seedXmlRequestIsCreatedThenRefusedAsDuplicate() throws Exception {
        HttpResponse<String> first = post("/accounts/7001/sipcredentials", "application/xml", BandwidthApiIT.SEED_REQUEST);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("content-type")).hasValue("application/xml");
        assertThat(first.body()).isEqualTo(BandwidthApiIT.SEED_CREATED);
        assertThat(itemsWith("accountId", "7001")).isEqualTo(2);

        HttpResponse<String> again = post("/accounts/7001/sipcredentials", "text/xml", BandwidthApiIT.SEED_REQUEST);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("<Description>Sip credential John@bw.com does already exist on the account "
                + "with ID = 7001</Description>", "<Description>Sip credential Mathew@bw.com does already exist on the "
                + "account with ID = 7001</Description>");
        assertThat(itemsWith("accountId", "7001")).isEqualTo(2);
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        return StackRequests.send(stack, method, path, contentType, body);
    }

    @Test
    void theRoutesOnOneXmlCredentialTakeTheAtSignAsItIsOrPercentEncoded() throws Exception {
        assertThat(post("/accounts/7004/sipcredentials", "application/xml", BandwidthApiIT.SEED_REQUEST).statusCode())
                .isEqualTo(201);

        // The local stack decodes the path once, as API Gateway does: %40 and @ name the same credential.
        HttpResponse<String> encoded = send("GET", "/accounts/7004/sipcredentials/John%40bw.com", null, null);
        HttpResponse<String> literal = send("GET", "/accounts/7004/sipcredentials/John@bw.com", null, null);
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.body()).isEqualTo(BandwidthSipCredentialIT.JOHN);
        assertThat(literal.body()).isEqualTo(encoded.body());
        // Decoded once only: %2540 arrives as the name John%40bw.com, a user part with an escape, which does not exist.
        HttpResponse<String> twice = send("GET", "/accounts/7004/sipcredentials/John%2540bw.com", null, null);
        assertThat(twice.statusCode()).isEqualTo(404);
        assertThat(twice.body()).contains("Sip credential John%40bw.com was not found on the account with ID = 7004");

        HttpResponse<String> changed = send("PUT", "/accounts/7004/sipcredentials/john%40BW.com", "application/xml",
                "<SipCredential><Hash1>n3wHash1</Hash1></SipCredential>");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("<UserName>John</UserName><Domain>bw.com</Domain><Hash1>n3wHash1</Hash1>"
                + "</SipCredential>");
        HttpResponse<String> deleted = send("DELETE", "/accounts/7004/sipcredentials/John@bw.com", null, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(send("GET", "/accounts/7004/sipcredentials/John%40bw.com", null, null).statusCode()).isEqualTo(404);
        assertThat(itemsWith("accountId", "7004")).isEqualTo(1);
    }

    @Test
    void hostileXmlOverHttpIsRefusedAndStoresNothing() throws Exception {
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<SipCredentials><SipCredential><UserName>&lol2;</UserName><Hash1>h</Hash1></SipCredential>"
                + "</SipCredentials>";

        HttpResponse<String> response = post("/accounts/7002/sipcredentials", "application/xml", billionLaughs);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<ErrorCode>1105</ErrorCode>").doesNotContain("lollol");
        assertThat(itemsWith("accountId", "7002")).isZero();
    }

    @Test
    void xmlWithoutContentTypeIsUnsupportedMediaType() throws Exception {
        // API Gateway base64-encodes a body without a text content type; the handler still refuses it cleanly.
        HttpResponse<String> response = post("/accounts/7003/sipcredentials", null, BandwidthApiIT.SEED_REQUEST);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("<ErrorCode>1101</ErrorCode>");
        assertThat(itemsWith("accountId", "7003")).isZero();
    }

    @Test
    void seedJsonRequestIsCreatedWithoutThePasswordThenConflicts() throws Exception {
        String vendor = UUID.randomUUID().toString();
        String organization = UUID.randomUUID().toString();
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials";

        HttpResponse<String> created = post(path, "application/json", DeepslateApiIT.SEED_BODY);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(created.body()).matches("\\{\"success\":true,\"timestamp\":\"[0-9T:Z-]{20}\","
                + "\"message\":\"SIP credentials created successfully\",\"data\":\\{\"id\":\"[0-9a-f-]{36}\","
                + "\"hostname\":\"sipconnect.sipgate.de\",\"port\":5060,\"username\":\"agent001\",\"maxAgentTasks\":10},"
                + "\"traceId\":\"[^\"]+\"}").doesNotContain("strong-password");
        assertThat(created.body()).contains("\"traceId\":\"" + created.headers().firstValue("x-request-id").orElseThrow());
        assertThat(itemsWith("organizationId", organization)).isEqualTo(1);

        HttpResponse<String> duplicate = post(path, "application/json", DeepslateApiIT.SEED_BODY);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("\"success\":false", "\"code\":\"DUPLICATE_CREDENTIAL\"")
                .doesNotContain("strong-password");
        assertThat(itemsWith("organizationId", organization)).isEqualTo(1);
    }

    @Test
    void unknownRouteIsApiGatewaysNotFound() throws Exception {
        HttpResponse<String> response = post("/accounts/41/sipcredential", "application/xml", "<x/>");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void baseUrlIsLoopback() {
        assertThat(URI.create(stack.baseUrl().toString()).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void idempotencyKeyOverHttpReplaysTheFirstAnswerOnBothApis() throws Exception {
        // The handlers as Lambda builds them (no-arg constructors): the key must reach them and be honoured.
        String account = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = "<SipCredentials><SipCredential><UserName>keyed</UserName><Hash1>h</Hash1></SipCredential>"
                + "</SipCredentials>";
        String jsonPath = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                + "/sip/credentials";
        String json = "{\"hostname\":\"sip.example.com\",\"port\":5060,\"username\":\"keyed\",\"password\":\"pw\"}";
        String key = "retry-" + UUID.randomUUID();

        HttpResponse<String> xmlFirst = keyedPost("/accounts/" + account + "/sipcredentials", "application/xml", xml, key);
        HttpResponse<String> xmlAgain = keyedPost("/accounts/" + account + "/sipcredentials", "application/xml", xml, key);
        HttpResponse<String> jsonFirst = keyedPost(jsonPath, "application/json", json, key);
        HttpResponse<String> jsonAgain = keyedPost(jsonPath, "application/json", json, key);
        HttpResponse<String> jsonOther = keyedPost(jsonPath, "application/json", json.replace("keyed", "other"), key);

        assertThat(xmlFirst.statusCode()).isEqualTo(201);
        assertThat(xmlAgain.statusCode()).isEqualTo(201);
        assertThat(xmlAgain.body()).isEqualTo(xmlFirst.body());
        assertThat(xmlAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(jsonFirst.statusCode()).isEqualTo(201);
        assertThat(jsonAgain.body()).isEqualTo(jsonFirst.body());
        assertThat(jsonOther.statusCode()).isEqualTo(422);
        assertThat(jsonOther.body()).contains("\"code\":\"IDEMPOTENCY_KEY_REUSED\"");
        assertThat(itemsWith("accountId", account)).isEqualTo(1);
    }

    private static HttpResponse<String> keyedPost(String path, String contentType, String body, String key)
            throws Exception {
        return StackRequests.send(stack, "POST", path, contentType, body, "Idempotency-Key", key);
    }
}

package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.local.testhandlers.BinaryResponseHandler;
import dev.sipcredentials.local.testhandlers.FailingHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local stack over HTTP, with the test template's handlers (src/test/java/.../testhandlers). */
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SEED_XML = "<SipCredentials><SipCredential><UserName>John</UserName>"
            + "<Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1></SipCredential></SipCredentials>";

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withTemplate(TestTemplates.withTestHandlers()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(stack.baseUrl().resolve(path));
    }

    private static JsonNode echo(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void servesOnLoopbackWithAFreePort() {
        assertThat(stack.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(stack.port()).isPositive().isNotEqualTo(LocalStack.DEFAULT_PORT);
        assertThat(stack.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownRouteIsApiGatewaysNotFound() throws Exception {
        HttpResponse<String> response = send(request("/no/such/route"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
    }

    @Test
    void wrongMethodOnAKnownPathIsNotFound() throws Exception {
        HttpResponse<String> response = send(request("/accounts/41/sipcredentials").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void theHandlerReceivesThePayload2Event() throws Exception {
        HttpResponse<String> response = send(request("/accounts/41/sipcredentials?x=1&x=2")
                .header("Content-Type", "application/xml")
                .header("X-Custom-Header", "Value")
                .header("Cookie", "session=abc; theme=dark")
                .POST(BodyPublishers.ofString(SEED_XML)));
        JsonNode event = echo(response);

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("POST /accounts/{accountId}/sipcredentials");
        assertThat(event.get("rawPath").asText()).isEqualTo("/accounts/41/sipcredentials");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("x=1&x=2");
        assertThat(event.get("queryStringParameters").get("x").asText()).isEqualTo("1,2");
        assertThat(event.get("pathParameters").get("accountId").asText()).isEqualTo("41");
        assertThat(event.get("headers").get("x-custom-header").asText()).isEqualTo("Value");
        assertThat(event.get("headers").get("content-type").asText()).isEqualTo("application/xml");
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("session=abc", "theme=dark");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("body").asText()).isEqualTo(SEED_XML);

        JsonNode context = event.get("requestContext");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("method").asText()).isEqualTo("POST");
        assertThat(context.get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("routeKey").asText()).isEqualTo("POST /accounts/{accountId}/sipcredentials");
        String requestId = context.get("requestId").asText();
        assertThat(response.headers().firstValue("apigw-requestid")).hasValue(requestId);

        JsonNode lambda = event.get("context");
        assertThat(lambda.get("awsRequestId").asText()).isEqualTo(requestId);
        assertThat(lambda.get("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(lambda.get("memoryLimitInMB").asInt()).isEqualTo(512);
        assertThat(lambda.get("remainingTimeInMillis").asInt()).isBetween(1, 20_000);
    }

    @Test
    void handlersSeeTheirConfigurationAsSystemProperties() throws Exception {
        JsonNode config = echo(send(request("/echo/config").GET())).get("config");

        assertThat(config.get("TABLE_NAME").asText()).isEqualTo("local-stack-test-table");
        assertThat(config.get("tableNameAtClassInit").asText()).isEqualTo("local-stack-test-table");
        assertThat(config.get("EXTRA_SETTING").asText()).isEqualTo("hello");
        assertThat(config.get("DYNAMODB_ENDPOINT").asText()).isEqualTo(stack.dynamoDbEndpoint().toString());
        assertThat(config.get("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(config.get("classLoader").asText()).isEqualTo("function-EchoFunction");
    }

    @Test
    void theTemplatesTableExistsInDynamoDbLocal() {
        try (DynamoDbClient client = stack.dynamoDb().newClient()) {
            assertThat(client.listTables().tableNames()).containsExactly("local-stack-test-table");
        }
    }

    @Test
    void binaryBodiesArriveBase64EncodedAndTextTypesDoNot() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 10};
        JsonNode octets = echo(send(request("/echo/upload")
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(bytes))));
        JsonNode textXml = echo(send(request("/echo/upload")
                .header("Content-Type", "text/xml")
                .POST(BodyPublishers.ofString(SEED_XML))));

        assertThat(octets.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(octets.get("decodedBodyLength").asInt()).isEqualTo(bytes.length);
        assertThat(textXml.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(textXml.get("body").asText()).isEqualTo(SEED_XML);
    }

    @Test
    void aTextBodyThatIsNotUtf8ArrivesBase64EncodedWithItsExactBytes() throws Exception {
        byte[] bytes = {'<', 'a', '>', (byte) 0xC3, '(', '<', '/', 'a', '>'};
        for (String contentType : List.of("application/xml", "application/json")) {
            JsonNode event = echo(send(request("/echo/upload")
                    .header("Content-Type", contentType)
                    .POST(BodyPublishers.ofByteArray(bytes))));

            assertThat(event.get("isBase64Encoded").asBoolean()).as(contentType).isTrue();
            assertThat(java.util.Base64.getDecoder().decode(event.get("body").asText())).as(contentType).isEqualTo(bytes);
        }
    }

    @Test
    void greedyAnyRouteTakesAnyMethodAndTheRestOfThePath() throws Exception {
        JsonNode event = echo(send(request("/echo/a/b%20c").method("DELETE", BodyPublishers.noBody())));

        assertThat(event.get("routeKey").asText()).isEqualTo("ANY /echo/{proxy+}");
        assertThat(event.get("pathParameters").get("proxy").asText()).isEqualTo("a/b c");
        assertThat(event.get("requestContext").get("method").asText()).isEqualTo("DELETE");
        assertThat(event.get("body").isNull()).isTrue();
    }

    @Test
    void translatesBase64BodyCookiesAndMultiValueHeaders() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request("/binary").GET().build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo(BinaryResponseHandler.BYTES);
        assertThat(response.headers().allValues("set-cookie")).containsExactly("c1=v1; Path=/", "c2=v2");
        assertThat(response.headers().allValues("x-multi")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
    }

    @Test
    void aThrowingHandlerIsA500WithoutItsDetails() throws Exception {
        HttpResponse<String> response = send(request("/fail").POST(BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(response.body()).doesNotContain(FailingHandler.SECRET);
    }

    @Test
    void aGarbageResponseIsA500() throws Exception {
        HttpResponse<String> response = send(request("/garbage").GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void aHandlerRunningPastItsTimeoutIsA500() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send(request("/slow").GET());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        // Not an upper bound near the 1 s timeout (a loaded machine is slow): the 500, not the integration timeout's
        // 503 at 30 s, says which timeout applied.
        assertThat(millis).isBetween(900L, HttpApiGateway.INTEGRATION_TIMEOUT_MILLIS - 1);
    }

    @Test
    void aStreamHandlerAnsweringWithoutStatusCodeGetsAnInferred200() throws Exception {
        HttpResponse<String> response = send(request("/stream")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"a\":1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode received = JSON.readTree(response.body()).get("received");
        assertThat(received.get("routeKey").asText()).isEqualTo("POST /stream");
        assertThat(received.get("body").asText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aBodyOverTenMegabytesIsRefusedWith413() throws Exception {
        byte[] body = new byte[HttpApiGateway.MAX_REQUEST_BODY_BYTES + 1];
        HttpResponse<String> response = send(request("/accounts/41/sipcredentials")
                .header("Content-Type", "application/xml")
                .POST(BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void anEventOverLambdasSixMegabytesIsRefusedWith413() throws Exception {
        // 5 MB of binary grows to ~6.7 MB once base64-encoded into the event.
        byte[] body = new byte[5 * 1024 * 1024];
        HttpResponse<String> response = send(request("/accounts/41/sipcredentials")
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Too Long\"}");
    }

    @Test
    void servesConcurrentRequestsEachWithItsOwnRequestId() {
        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 64)
                .mapToObj(i -> HTTP.sendAsync(request("/accounts/" + i + "/sipcredentials")
                        .header("Content-Type", "application/xml")
                        .POST(BodyPublishers.ofString(SEED_XML, StandardCharsets.UTF_8)).build(), BodyHandlers.ofString()))
                .toList();

        Set<String> requestIds = new HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i).join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"accountId\":\"" + i + "\"");
            requestIds.add(response.headers().firstValue("apigw-requestid").orElseThrow());
        }
        assertThat(requestIds).hasSize(64);
    }

    @Test
    void resolvesPathsAgainstTheBaseUrl() {
        assertThat(stack.baseUrl().resolve("/accounts/41/sipcredentials"))
                .isEqualTo(URI.create("http://127.0.0.1:" + stack.port() + "/accounts/41/sipcredentials"));
    }

    @Test
    void oneKeptAliveConnectionCarriesBodylessAndBodiedRequests() throws Exception {
        // Python's http.client and urllib3 reuse a connection after a GET or DELETE without Content-Length; the
        // stack once closed it after such a request without saying "Connection: close".
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.port())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            String[] requests = {
                    "GET /echo/first HTTP/1.1\r\nHost: x\r\n\r\n",
                    "GET /echo/second HTTP/1.1\r\nHost: x\r\n\r\n",
                    "DELETE /echo/third HTTP/1.1\r\nHost: x\r\n\r\n",
                    "POST /echo/fourth HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
                    "GET /_local/health HTTP/1.1\r\nHost: x\r\n\r\n"};
            for (String request : requests) {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                RawResponse response = RawResponse.read(in);
                assertThat(response.statusLine()).as(request).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.head()).as(request).doesNotContainIgnoringCase("connection: close");
                if (request.contains("/echo/")) {
                    JsonNode event = JSON.readTree(response.body());
                    assertThat(event.get("rawPath").asText()).isEqualTo(request.substring(request.indexOf(' ') + 1,
                            request.indexOf(" HTTP/")));
                }
            }
        }
    }

    /** One response read off a raw connection by its Content-Length; fails if the server closed the connection. */
    record RawResponse(String statusLine, String head, String body) {
        static RawResponse read(java.io.InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the server closed the connection; read so far: " + head);
                }
                head.append((char) b);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            assertThat(body).hasSize(length);
            return new RawResponse(head.substring(0, head.indexOf("\r\n")), head.toString(),
                    new String(body, StandardCharsets.UTF_8));
        }
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the hostile corpus ({@link HostileCorpus}) through the handlers (as Lambda would invoke them) and over
 * HTTP through the local stack (token checked, event built as API Gateway would): a 4xx with the documented code, a
 * body in the API's own format without stack trace text, nothing stored, no outbound connection, bounded time.
 */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PASSWORD = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]{3,})\"");

    private static ServerSocket listener;
    private static final AtomicInteger CONTACTS = new AtomicInteger();
    private static LocalStack stack;
    private static DynamoDbClient stackDb;
    private static String table;
    private static CreateSipCredentials bandwidth;
    private static CreateSipCredential deepslate;
    private static dev.sipcredentials.deepslate.UpdateSipCredential deepslateUpdate;

    @BeforeAll
    static void start(@TempDir Path state) throws IOException {
        // A loopback server XXE payloads point at: any connection to it is a failure.
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    CONTACTS.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "xxe-listener");
        acceptor.setDaemon(true);
        acceptor.start();

        table = TestStack.freshTable();
        bandwidth = TestHandlers.bandwidth(TestStack.store(table), Executors.newFixedThreadPool(4));
        deepslate = TestHandlers.deepslate(TestStack.store(table), Clock.systemUTC(), UUID::randomUUID);
        deepslateUpdate = new dev.sipcredentials.deepslate.UpdateSipCredential(TestStack.store(table),
                Clock.systemUTC(), TestHandlers.idempotencyOf(TestStack.store(table), Clock.systemUTC()));

        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(Path.of("..", "template.yaml").toAbsolutePath().normalize()));
        stackDb = stack.dynamoDb().newClient();
    }

    @AfterAll
    static void stop() throws IOException {
        stackDb.close();
        stack.close();
        listener.close();
    }

    static String listenerUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    static Stream<HostileCorpus> corpus() {
        // Test arguments are made before @BeforeAll binds the listener: the marker stays and live() resolves it.
        return Stream.concat(HostileCorpus.load("xml", "${LISTENER}"), HostileCorpus.load("json", "${LISTENER}"));
    }

    /** The case with ${LISTENER} pointing at the live listener. */
    private static HostileCorpus live(HostileCorpus c) {
        String marker = "${LISTENER}";
        byte[] body = c.body();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (text.contains(marker)) {
            body = text.replace(marker, listenerUrl()).getBytes(StandardCharsets.ISO_8859_1);
        }
        return new HostileCorpus(c.api(), c.name(), c.status(), c.code(), c.contentType(), c.rawPathParameters(), body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Timeout(60)
    void throughTheHandlers(HostileCorpus hostile) throws Exception {
        HostileCorpus c = live(hostile);
        boolean text = c.contentType().startsWith("application/") || c.contentType().startsWith("text/");
        APIGatewayV2HTTPEvent event = TestStack.event(c.routeKey(), c.rawPath(), c.pathParameters(), c.contentType(),
                "", false, "hostile-" + UUID.randomUUID());
        // As the gateway hands them over (BodyEncoding): a text body as text unless it is not UTF-8, then base64.
        boolean validUtf8 = isValidUtf8(c.body());
        event.setBody(text && validUtf8 ? new String(c.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(c.body()));
        event.setIsBase64Encoded(!(text && validUtf8));

        APIGatewayV2HTTPResponse response = c.isXml() ? ContractValidator.invoke(bandwidth, event, null)
                : ContractValidator.invoke(deepslate, event, null);

        check(c, response.getStatusCode(), response.getBody());
        assertThat(TestStack.items(table)).as("nothing stored").isEmpty();
    }

    static Stream<HostileCorpus> jsonCorpus() {
        return HostileCorpus.load("json", "${LISTENER}");
    }

    /** The JSON corpus as the body of a PUT (the create's body and rules): the same refusal, nothing stored. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonCorpus")
    @Timeout(60)
    void asTheBodyOfTheJsonReplace(HostileCorpus hostile) throws Exception {
        HostileCorpus c = live(hostile);
        String id = UUID.randomUUID().toString();
        java.util.Map<String, String> path = new java.util.HashMap<>(c.pathParameters());
        path.put("sipCredentialsId", id);
        APIGatewayV2HTTPEvent event = TestStack.event(DeepslateUpdateIT.PUT, c.rawPath() + "/" + id, path,
                c.contentType(), "", false, "hostile-" + UUID.randomUUID());
        boolean text = c.contentType().startsWith("application/") || c.contentType().startsWith("text/");
        boolean validUtf8 = isValidUtf8(c.body());
        event.setBody(text && validUtf8 ? new String(c.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(c.body()));
        event.setIsBase64Encoded(!(text && validUtf8));

        APIGatewayV2HTTPResponse response = ContractValidator.invoke(deepslateUpdate, event, null);

        check(c, response.getStatusCode(), response.getBody());
        assertThat(TestStack.items(table)).as("nothing stored").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Timeout(60)
    void overHttpThroughTheLocalStack(HostileCorpus hostile) throws Exception {
        HostileCorpus c = live(hostile);
        HttpResponse<String> response = ContractValidator.check(HTTP.send(HttpRequest.newBuilder(stack.baseUrl().resolve(c.rawPath()))
                .header("Content-Type", c.contentType())
                .header("Authorization", "Bearer " + Tokens.forPath(stack, c.rawPath()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body())).build(), HttpResponse.BodyHandlers.ofString()));

        check(c, response.statusCode(), response.body());
        String stackTable = stackDb.listTables().tableNames().get(0);
        assertThat(stackDb.scan(ScanRequest.builder().tableName(stackTable).consistentRead(true).build()).count())
                .as("nothing stored").isZero();
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static void check(HostileCorpus c, int status, String body) throws Exception {
        assertThat(status).as(c + ": " + abbreviate(body)).isEqualTo(c.status());
        assertThat(body).as("no stack trace text").doesNotContain("Exception", "at dev.", "\tat ", "java.");
        assertThat(CONTACTS.get()).as("the loopback listener was contacted").isZero();
        if (c.isXml()) {
            assertThat(body).startsWith("<?xml");
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(document.getDocumentElement().getTagName()).isEqualTo("SipCredentialsResponse");
            assertThat(codes(c).stream().map(code -> "<ErrorCode>" + code + "</ErrorCode>")).as(body)
                    .anyMatch(body::contains);
            assertThat(body).doesNotContain("root:x:0:0");
        } else {
            JsonNode json = JSON.readTree(body);
            assertThat(json.path("success").asBoolean(true)).isFalse();
            assertThat(json.path("code").asText()).isIn(codes(c));
            assertThat(json.path("traceId").asText()).isNotBlank();
            Matcher password = PASSWORD.matcher(new String(c.body(), StandardCharsets.UTF_8));
            while (password.find()) {
                assertThat(body).as("password echoed").doesNotContain(password.group(1));
            }
        }
    }

    private static java.util.List<String> codes(HostileCorpus c) {
        return java.util.List.of(c.code());
    }

    private static String abbreviate(String body) {
        return body == null || body.length() < 600 ? body : body.substring(0, 600) + "...";
    }
}

package dev.sipcredentials.security;

import com.amazonaws.services.lambda.runtime.Context;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.sipcredentials.testkit.Claims;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.testkit.InMemoryAccountCredentials;
import dev.sipcredentials.testkit.InMemorySipCredentialStore;
import dev.sipcredentials.testkit.SipCredentialStore;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs both APIs through successes and every kind of failure (refusals, duplicates, store outcomes, store exceptions
 * whose messages quote the secret, a DynamoDB endpoint that refuses connections) while capturing stdout, stderr and
 * the Lambda logger; then no password, Hash1 or Hash1b value may appear anywhere in what was logged.
 */
class NoSecretsInLogsTest {
    private static final String VENDOR = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String ORGANIZATION = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final String HASH1 = "Hash1SecretValue7731";
    private static final String HASH1B = "Hash1bSecretValue9907";
    private static final String PASSWORD = "PasswordSecretValue4242";
    private static final List<String> SECRETS = List.of(HASH1, HASH1B, PASSWORD);

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final StringBuilder lambdaLog = new StringBuilder();
    private PrintStream out;
    private PrintStream err;
    private final ExecutorService writers = Executors.newFixedThreadPool(4);

    @BeforeEach
    void capture() {
        out = System.out;
        err = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    void restore() {
        System.setOut(out);
        System.setErr(err);
        writers.shutdownNow();
    }

    private Context context() {
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                synchronized (lambdaLog) {
                    lambdaLog.append(message);
                }
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }

            @Override
            public void log(String message, LogLevel level) {
                log(message);
            }
        };
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getLogger" -> logger;
                    case "getRemainingTimeInMillis" -> 20_000;
                    case "getAwsRequestId" -> "log-test";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "context";
                    default -> null;
                });
    }

    private static APIGatewayV2HTTPEvent event(Map<String, String> path, String contentType, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setHeaders(new HashMap<>(Map.of("content-type", contentType)));
        event.setPathParameters(new HashMap<>(path));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-" + UUID.randomUUID());
        event.setRequestContext(context);
        event.setBody(body);
        return Claims.grantingPathTenant(event);
    }

    private static String xml(String name) {
        return "<SipCredentials><SipCredential><UserName>" + name + "</UserName><Hash1>" + HASH1 + "</Hash1><Hash1b>"
                + HASH1B + "</Hash1b></SipCredential></SipCredentials>";
    }

    private static String json(String username) {
        return "{\"hostname\":\"sip.example\",\"port\":5060,\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\"}";
    }

    private List<APIGatewayV2HTTPResponse> runBothApis(SipCredentialStore store, Context context) {
        CreateSipCredentials bandwidth = TestHandlers.bandwidth(store, writers);
        CreateSipCredential deepslate = TestHandlers.deepslate(store, Clock.systemUTC(),
                UUID::randomUUID);
        Map<String, String> account = Map.of("accountId", "41");
        Map<String, String> organization = Map.of("vendorId", VENDOR, "organizationId", ORGANIZATION);
        List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
        for (String body : List.of(xml("alice"), xml("alice"), xml("bad name!"), xml(""), "<SipCredentials>",
                "<!DOCTYPE x><SipCredentials/>", xml("fail-me"))) {
            responses.add(bandwidth.handleRequest(event(account, "application/xml", body), context));
        }
        responses.add(bandwidth.handleRequest(event(Map.of("accountId", "42"), "application/xml", xml("bob")), context));
        for (String body : List.of(json("agent"), json("agent"), json(" bad "), "{\"password\":\"" + PASSWORD + "\"",
                "{\"password\":\"" + PASSWORD + "\",\"password\":\"" + PASSWORD + "\"}",
                "{\"" + PASSWORD + "-misplaced\":1}", "[\"" + PASSWORD + "\"]")) {
            responses.add(deepslate.handleRequest(event(organization, "application/json", body), context));
        }
        return responses;
    }

    private void assertNothingSecretLogged(List<APIGatewayV2HTTPResponse> responses) {
        String logged = captured.toString(StandardCharsets.UTF_8) + lambdaLog;
        assertThat(logged).as("something was logged at all").isNotBlank();
        for (String secret : SECRETS) {
            assertThat(logged).doesNotContain(secret);
        }
        for (APIGatewayV2HTTPResponse response : responses) {
            assertThat(response.getBody()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void successesRefusalsAndStoreOutcomesLogNoSecret() {
        InMemorySipCredentialStore store = new InMemorySipCredentialStore()
                .failName("fail-me", WriteOutcome.TRANSIENT_FAILURE);
        List<APIGatewayV2HTTPResponse> responses = new ArrayList<>(runBothApis(store, context()));
        responses.addAll(runBothApis(new InMemorySipCredentialStore().organizationOutcome(WriteOutcome.STORE_FAILURE)
                .failName("alice", WriteOutcome.STORE_FAILURE), null));

        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).contains(201, 400, 409, 500, 503);
        assertNothingSecretLogged(responses);
    }

    @Test
    void storeExceptionsQuotingTheSecretsAreLoggedWithoutTheirMessages() {
        RuntimeException quoting = new IllegalStateException("item " + HASH1 + " " + HASH1B + " " + PASSWORD,
                new RuntimeException(PASSWORD));
        List<APIGatewayV2HTTPResponse> responses = new ArrayList<>(
                runBothApis(new InMemorySipCredentialStore().throwing(quoting), context()));
        responses.addAll(runBothApis(new InMemorySipCredentialStore().throwing(quoting), null));

        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).contains(500);
        assertThat(lambdaLog.toString() + captured).contains(IllegalStateException.class.getName());
        assertNothingSecretLogged(responses);
    }

    @Test
    void theRoutesOnOneCredentialLogNoHashTheyReadChangeOrAreRefusedWith() {
        List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
        String body = "<SipCredential><Hash1>" + HASH1 + "</Hash1><Hash1b>" + HASH1B + "</Hash1b></SipCredential>";
        String refused = "<SipCredential><UserName>jack</UserName><Hash1>" + HASH1 + "</Hash1></SipCredential>";
        RuntimeException quoting = new IllegalStateException("item " + HASH1 + " " + HASH1B);
        for (InMemoryAccountCredentials store : List.of(
                new InMemoryAccountCredentials().seed("41", "alice", null, HASH1, HASH1B),
                new InMemoryAccountCredentials().throwing(quoting))) {
            Map<String, String> path = Map.of("accountId", "41", "compositeUserName", "alice");
            responses.add(new dev.sipcredentials.bandwidth.GetSipCredential(store)
                    .handleRequest(event(path, "application/xml", null), context()));
            dev.sipcredentials.bandwidth.UpdateSipCredential put =
                    new dev.sipcredentials.bandwidth.UpdateSipCredential(store,
                            dev.sipcredentials.testkit.NoIdempotencyRecords.requests());
            responses.add(put.handleRequest(event(path, "application/xml", body), context()));
            responses.add(put.handleRequest(event(path, "application/xml", refused), context()));
            responses.add(new dev.sipcredentials.bandwidth.DeleteSipCredential(store,
                    dev.sipcredentials.testkit.NoIdempotencyRecords.requests())
                    .handleRequest(event(path, "application/xml", null), context()));
        }

        assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).contains(200, 400, 500);
        assertThat(responses.get(0).getBody()).as("the read answers the hashes").contains(HASH1, HASH1B);
        assertNothingSecretLogged(responses);
    }

    @Test
    void anUnreachableDynamoDbLogsNoSecret() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        byte[] masterKey = new byte[32];
        try (DynamoDbClient client = DynamoDbClients.create(URI.create("http://127.0.0.1:" + closedPort), List.of())) {
            DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(client, "t", Clock.systemUTC(),
                    new EnvelopePasswordSealer(new dev.sipcredentials.sealing.TenantKeyring(
                            new dev.sipcredentials.testkit.InMemoryTenantKeyStore(),
                            dev.sipcredentials.sealing.KeyPairVault.local(masterKey), java.time.Clock.systemUTC(),
                            java.time.Duration.ofMinutes(5)), new LocalMasterKeyProvider(masterKey)));
            List<APIGatewayV2HTTPResponse> responses = runBothApis(store, context());

            assertThat(responses).extracting(APIGatewayV2HTTPResponse::getStatusCode).contains(503);
            assertNothingSecretLogged(responses);
        }
    }
}

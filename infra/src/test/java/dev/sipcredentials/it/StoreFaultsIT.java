package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.TestHandlers;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store faults between the SDK and the DynamoDB engine, injected by an SDK interceptor: the responses must tell
 * exactly what the table holds.
 */
class StoreFaultsIT {

    /** Fails every PutItem of a name containing "fail"; loses the first response of names containing "lost". */
    static final class Faults implements ExecutionInterceptor {
        final Set<String> lostOnce = ConcurrentHashMap.newKeySet();

        private static String name(Context.BeforeTransmission context) {
            return context.request() instanceof PutItemRequest put && put.item().containsKey("name")
                    ? put.item().get("name").s() : "";
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (name(context).contains("fail")) {
                throw SdkClientException.create("injected: connection reset", new IOException("reset"));
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            String name = context.request() instanceof PutItemRequest put && put.item().containsKey("name")
                    ? put.item().get("name").s() : "";
            if (name.contains("lost") && lostOnce.add(name)) {
                // The write reached DynamoDB and committed; its response never reaches us.
                throw SdkClientException.create("injected: response lost", new IOException("lost"));
            }
        }
    }

    private static APIGatewayV2HTTPResponse postXml(CreateSipCredentials handler, String body) {
        return ContractValidator.invoke(handler, TestStack.event(BandwidthApiIT.ROUTE, "/accounts/41/sipcredentials",
                Map.of("accountId", "41"), "application/xml", body, false, UUID.randomUUID().toString()), null);
    }

    @Test
    void storeDownForTheWholeRequestIs503WithEveryEntryRetryableAndNothingClaimed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DynamoDbClient down = DynamoDbClients.create(URI.create("http://127.0.0.1:" + closedPort), List.of());
        DynamoDbSipCredentialStore store = new DynamoDbSipCredentialStore(down, "SipCredentials", Clock.systemUTC());

        APIGatewayV2HTTPResponse xml = postXml(TestHandlers.bandwidth(store, TestStack.WRITERS),
                BandwidthApiIT.SEED_REQUEST);
        assertThat(xml.getStatusCode()).isEqualTo(503);
        assertThat(xml.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(xml.getBody()).startsWith(BandwidthApiIT.DECLARATION + "<SipCredentialsResponse><ResponseStatus>"
                        + "<ErrorCode>19001</ErrorCode>")
                .doesNotContain("ValidSipCredentials");
        assertThat(xml.getBody().split("<ErrorCode>19001</ErrorCode>", -1)).hasSize(4); // status + both entries

        APIGatewayV2HTTPResponse json = ContractValidator.invoke(TestHandlers.deepslate(store, Clock.systemUTC(), UUID::randomUUID),
                TestStack.event(DeepslateApiIT.ROUTE, "/api/v1/vendors/v/organizations/o/sip/credentials",
                        Map.of("vendorId", UUID.randomUUID().toString(), "organizationId", UUID.randomUUID().toString()),
                        "application/json", DeepslateApiIT.SEED_BODY, false, "trace-down"), null);
        assertThat(json.getStatusCode()).isEqualTo(503);
        assertThat(json.getBody()).contains("\"success\":false").contains("\"code\":\"STORE_UNAVAILABLE\"")
                .doesNotContain("strong-password");
    }

    @Test
    void entriesWhoseWritesFailAreReportedRetryableAndTheOthersCreated() {
        String table = TestStack.freshTable();
        DynamoDbClient faulty = DynamoDbClients.create(URI.create(TestStack.endpoint()), List.of(new Faults()));
        CreateSipCredentials handler = TestHandlers.bandwidth(
                new DynamoDbSipCredentialStore(faulty, table, Clock.systemUTC()), TestStack.WRITERS);

        APIGatewayV2HTTPResponse response = postXml(handler, "<SipCredentials>"
                + "<SipCredential><UserName>ok1</UserName><Hash1>h</Hash1></SipCredential>"
                + "<SipCredential><UserName>fail1</UserName><Hash1>h</Hash1></SipCredential>"
                + "<SipCredential><UserName>lost1</UserName><Hash1>h</Hash1></SipCredential>"
                + "<SipCredential><UserName>ok2</UserName><Hash1>h</Hash1></SipCredential>"
                + "</SipCredentials>");

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).isEqualTo(BandwidthApiIT.DECLARATION + "<SipCredentialsResponse><Errors><Error>"
                + "<ErrorCode>19001</ErrorCode><Description>The credential was not stored: temporary storage failure. "
                + "Retry it; if it was stored after all, the retry answers 23009.</Description>"
                + "<SipCredential><UserName>fail1</UserName><Hash1>h</Hash1></SipCredential></Error></Errors>"
                + "<ValidSipCredentials>"
                + "<SipCredential><UserName>ok1</UserName><Hash1>h</Hash1></SipCredential>"
                + "<SipCredential><UserName>lost1</UserName><Hash1>h</Hash1></SipCredential>"
                + "<SipCredential><UserName>ok2</UserName><Hash1>h</Hash1></SipCredential>"
                + "</ValidSipCredentials></SipCredentialsResponse>");
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name"))
                .containsExactlyInAnyOrder("ok1", "lost1", "ok2");
    }

    /** Loses the first response of every TransactWriteItems call after DynamoDB committed it. */
    static final class LostTransactionResponses implements ExecutionInterceptor {
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            // A credential's transaction; the organization's first write also makes its tenant key (key# items).
            if (context.request() instanceof TransactWriteItemsRequest transaction
                    && !TestStack.makesTenantKey(transaction)) {
                sent.incrementAndGet();
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest transaction && !TestStack.makesTenantKey(transaction)
                    && lost.getAndIncrement() == 0) {
                throw SdkClientException.create("injected: response lost", new IOException("lost"));
            }
        }
    }

    @Test
    void jsonCreateWhoseCommittedTransactionLostItsResponseIsCreatedNotADuplicate() throws Exception {
        String table = TestStack.freshTable();
        LostTransactionResponses faults = new LostTransactionResponses();
        DynamoDbClient faulty = DynamoDbClients.create(URI.create(TestStack.endpoint()), List.of(faults));
        UUID id = UUID.randomUUID();
        CreateSipCredential handler = TestHandlers.deepslate(
                new DynamoDbSipCredentialStore(faulty, table, Clock.systemUTC()), Clock.systemUTC(), () -> id);

        APIGatewayV2HTTPResponse response = ContractValidator.invoke(handler, TestStack.event(DeepslateApiIT.ROUTE,
                "/api/v1/vendors/v/organizations/o/sip/credentials",
                Map.of("vendorId", UUID.randomUUID().toString(), "organizationId", UUID.randomUUID().toString()),
                "application/json", DeepslateApiIT.SEED_BODY, false, "trace-lost"), null);

        // The SDK sent the transaction again after the lost response. The engine, like DynamoDB, honours
        // the ClientRequestToken and answers the retry of the committed transaction with success.
        assertThat(faults.sent.get()).isEqualTo(2);
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).contains("\"id\":\"" + id + "\"");
        assertThat(TestStack.itemsOfKind(table, "deepslate-sip-credential", "id")).containsExactly(id.toString());
        assertThat(TestStack.itemsOfKind(table, "deepslate-sip-account-guard", "credentialId"))
                .containsExactly(id.toString());
    }

    @Test
    void aRepeatedTransactionWithoutItsClientRequestTokenIsRecognisedByTheGuardsWriteToken() {
        // What a retry looks like once DynamoDB no longer knows the ClientRequestToken (after its 10-minute
        // window, or a second call of the store with the same writeToken): both Puts fail their conditions.
        String table = TestStack.freshTable();
        DynamoDbSipCredentialStore store = TestStack.store(table);
        UUID vendor = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        OrganizationCredential credential = new OrganizationCredential(UUID.randomUUID(), vendor, organization,
                new SipServerLogin("sip.example.com", "sip.example.com", 5060, "agent"), "pw", 10);
        Duration timeout = Duration.ofSeconds(5);

        assertThat(store.createOrganizationCredential(credential, "token-1", timeout)).isEqualTo(WriteOutcome.CREATED);
        assertThat(store.createOrganizationCredential(credential, "token-1", timeout)).isEqualTo(WriteOutcome.CREATED);
        OrganizationCredential other = new OrganizationCredential(UUID.randomUUID(), vendor, organization,
                credential.login(), "pw2", 10);
        assertThat(store.createOrganizationCredential(other, "token-2", timeout))
                .isEqualTo(WriteOutcome.ALREADY_EXISTS);
        assertThat(TestStack.itemsOfKind(table, "deepslate-sip-credential", "id"))
                .containsExactly(credential.id().toString());
    }
}

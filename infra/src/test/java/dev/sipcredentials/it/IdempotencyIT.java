package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.idempotency.IdempotencyRecord;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key on both create APIs, against our DynamoDB engine: replays come from the record without a write,
 * reuse and concurrency are refused, expiry and store faults never give a wrong answer.
 */
class IdempotencyIT {
    private static final String XML = "<SipCredentials>"
            + "<SipCredential><UserName>alice</UserName><Domain>bw.com</Domain><Hash1>h1</Hash1></SipCredential>"
            + "<SipCredential><UserName>bob</UserName><Hash1>h2</Hash1></SipCredential>"
            + "</SipCredentials>";
    private static final String OTHER_XML = XML.replace("bob", "carol");

    /** Counts credential writes (not idempotency records) and can fail either kind on demand. */
    static final class Writes implements ExecutionInterceptor {
        final AtomicInteger credentialWrites = new AtomicInteger();
        volatile boolean failCredentialWrites;
        volatile boolean failIdempotencyWrites;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            boolean idempotencyRecord = context.request() instanceof PutItemRequest put
                    && "idempotency-record".equals(put.item().get("kind").s());
            // A tenant's first write also makes its key (a transaction of key# items): not a credential write.
            boolean tenantKey = context.request() instanceof TransactWriteItemsRequest transaction
                    && transaction.transactItems().stream().allMatch(i -> i.put() != null
                    && i.put().item().get("pk").s().startsWith("key#"));
            boolean credential = context.request() instanceof TransactWriteItemsRequest && !tenantKey
                    || context.request() instanceof PutItemRequest && !idempotencyRecord;
            if (credential) {
                credentialWrites.incrementAndGet();
            }
            if (credential && failCredentialWrites || idempotencyRecord && failIdempotencyWrites) {
                throw SdkClientException.create("injected: connection refused", new IOException("refused"));
            }
        }
    }

    private String table;
    private final Writes writes = new Writes();
    private final String vendor = UUID.randomUUID().toString();
    private final String organization = UUID.randomUUID().toString();

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
    }

    private DynamoDbSipCredentialStore store(Clock clock) {
        DynamoDbClient client = DynamoDbClients.create(URI.create(TestStack.endpoint()), List.of(writes));
        return new DynamoDbSipCredentialStore(client, table, clock);
    }

    private CreateSipCredentials xmlHandler(Clock clock) {
        DynamoDbSipCredentialStore store = store(clock);
        return new CreateSipCredentials(store, TestStack.WRITERS, new IdempotentRequests(store, clock, TestStack.serviceKey(table)));
    }

    private CreateSipCredential jsonHandler(Clock clock) {
        DynamoDbSipCredentialStore store = store(clock);
        return new CreateSipCredential(store, clock, UUID::randomUUID, new IdempotentRequests(store, clock, TestStack.serviceKey(table)));
    }

    private static APIGatewayV2HTTPResponse postXml(CreateSipCredentials handler, String accountId,
                                                    String key, String body) {
        APIGatewayV2HTTPEvent event = TestStack.event(BandwidthApiIT.ROUTE, "/accounts/" + accountId + "/sipcredentials",
                Map.of("accountId", accountId), "application/xml", body, false, UUID.randomUUID().toString());
        if (key != null) {
            event.getHeaders().put("idempotency-key", key);
        }
        return ContractValidator.invoke(handler, event, null);
    }

    private APIGatewayV2HTTPResponse postJson(CreateSipCredential handler, String organizationId,
                                              String key, String body) {
        APIGatewayV2HTTPEvent event = TestStack.event(DeepslateApiIT.ROUTE,
                "/api/v1/vendors/" + vendor + "/organizations/" + organizationId + "/sip/credentials",
                Map.of("vendorId", vendor, "organizationId", organizationId), "application/json", body, false,
                "trace-" + UUID.randomUUID());
        if (key != null) {
            event.getHeaders().put("Idempotency-Key", key);
        }
        return ContractValidator.invoke(handler, event, null);
    }

    private List<Map<String, AttributeValue>> credentialItems() {
        return TestStack.items(table).stream().filter(i -> !"idempotency-record".equals(i.get("kind").s())
                && !"tenant-key".equals(i.get("kind").s())).toList();
    }

    private static String requestError(int code, String description) {
        return BandwidthApiIT.DECLARATION + "<SipCredentialsResponse><ResponseStatus><ErrorCode>" + code
                + "</ErrorCode><Description>" + description + "</Description></ResponseStatus></SipCredentialsResponse>";
    }

    @Test
    void xmlRepeatWithTheSameKeyAndBodyReplaysTheAnswerWithoutWriting() {
        CreateSipCredentials handler = xmlHandler(Clock.systemUTC());
        APIGatewayV2HTTPResponse first = postXml(handler, "41", "order-1", XML);
        List<Map<String, AttributeValue>> stored = credentialItems();
        int writesAfterFirst = writes.credentialWrites.get();

        APIGatewayV2HTTPResponse repeat = postXml(handler, "41", "order-1", XML);

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(repeat.getStatusCode()).isEqualTo(201);
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
        assertThat(repeat.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(writes.credentialWrites.get()).as("no credential write on replay").isEqualTo(writesAfterFirst);
        assertThat(credentialItems()).containsExactlyInAnyOrderElementsOf(stored).hasSize(2);
        Map<String, AttributeValue> record = TestStack.items(table).stream()
                .filter(i -> "idempotency-record".equals(i.get("kind").s())).findFirst().orElseThrow();
        assertThat(record.get("pk").s()).isEqualTo("idem#bw#41#order-1");
        assertThat(record.get("state").s()).isEqualTo("COMPLETED");
        long expiresAt = Long.parseLong(record.get("expiresAt").n());
        assertThat(expiresAt - Instant.now().getEpochSecond()).isBetween(24 * 3600L - 60, 24 * 3600L);
        assertThat(TestStack.client().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription()
                .attributeName()).as("table created from template.yaml with its TTL").isEqualTo("expiresAt");
    }

    @Test
    void xmlSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        CreateSipCredentials handler = xmlHandler(Clock.systemUTC());
        postXml(handler, "41", "order-1", XML);
        List<Map<String, AttributeValue>> before = TestStack.items(table);

        APIGatewayV2HTTPResponse reused = postXml(handler, "41", "order-1", OTHER_XML);

        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(reused.getBody()).isEqualTo(requestError(1114,
                "Idempotency-Key was already used with a different request body; nothing was stored"));
        assertThat(TestStack.items(table)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void keysAreScopedToTheAccount() {
        CreateSipCredentials handler = xmlHandler(Clock.systemUTC());
        assertThat(postXml(handler, "41", "order-1", XML).getStatusCode()).isEqualTo(201);

        APIGatewayV2HTTPResponse otherAccount = postXml(handler, "42", "order-1", OTHER_XML);

        assertThat(otherAccount.getStatusCode()).isEqualTo(201);
        assertThat(otherAccount.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "accountId")).containsOnly("41", "42")
                .hasSize(4);
    }

    @Test
    void xmlRepeatWhileTheFirstRequestRunsIsRefusedAsInProgress() {
        DynamoDbSipCredentialStore store = store(Clock.systemUTC());
        // The first request has claimed the key and is writing: its pending record is in the table.
        Instant now = Instant.now();
        assertThat(store.claim(new IdempotencyRecord("bw#41", "order-1", sha256(XML), "someone-else",
                IdempotencyRecord.State.PENDING, now.plusSeconds(60), now.plus(Duration.ofHours(24)), 0, null),
                Duration.ofSeconds(2)).kind()).isEqualTo(IdempotencyStore.ClaimResult.Kind.CLAIMED);
        CreateSipCredentials handler = xmlHandler(Clock.systemUTC());

        APIGatewayV2HTTPResponse repeat = postXml(handler, "41", "order-1", XML);
        APIGatewayV2HTTPResponse reused = postXml(handler, "41", "order-1", OTHER_XML);

        assertThat(repeat.getStatusCode()).isEqualTo(409);
        assertThat(repeat.getBody()).isEqualTo(requestError(1115,
                "A request with this Idempotency-Key is still in progress; nothing was stored. Retry it later."));
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(writes.credentialWrites.get()).isZero();
        assertThat(credentialItems()).isEmpty();
    }

    @Test
    void anAbandonedClaimIsTakenOverAfterItsLeaseAndTheRerunReportsTheFirstRunsWritesCreated() {
        // The first run wrote alice and bob, then its Lambda died before recording the answer.
        Instant start = TestStack.ENGINE_NOW;
        CreateSipCredentials dying = xmlHandler(Clock.fixed(start, ZoneOffset.UTC));
        assertThat(postXml(dying, "41", "order-1", XML).getStatusCode()).isEqualTo(201);
        // Its record as the dead run left it: pending, lease until start + 60 s, its fingerprint the MAC of the body.
        String fingerprint = "m1:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                TestStack.serviceKey(table).mac(dev.sipcredentials.sealing.ServiceMacKey.REQUEST_FINGERPRINT,
                        XML.getBytes(StandardCharsets.UTF_8)));
        TestStack.client().putItem(b -> b.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("idem#bw#41#order-1"), "kind", AttributeValue.fromS("idempotency-record"),
                "fingerprint", AttributeValue.fromS(fingerprint), "claimToken", AttributeValue.fromS("dead-run"),
                "state", AttributeValue.fromS("PENDING"),
                "leaseUntil", AttributeValue.fromN(Long.toString(start.plusSeconds(60).toEpochMilli())),
                "expiresAt", AttributeValue.fromN(Long.toString(start.plus(Duration.ofHours(24)).getEpochSecond())))));

        APIGatewayV2HTTPResponse withinLease = postXml(xmlHandler(Clock.fixed(start.plusSeconds(30), ZoneOffset.UTC)),
                "41", "order-1", XML);
        APIGatewayV2HTTPResponse afterLease = postXml(xmlHandler(Clock.fixed(start.plusSeconds(61), ZoneOffset.UTC)),
                "41", "order-1", XML);

        assertThat(withinLease.getStatusCode()).isEqualTo(409);
        assertThat(afterLease.getStatusCode()).isEqualTo(201);
        assertThat(RacesIT.createdNames(afterLease.getBody())).containsExactly("alice", "bob");
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name"))
                .containsExactlyInAnyOrder("alice@bw.com", "bob");
    }

    @Test
    void anExpiredRecordCountsAsAbsentEvenBeforeTtlDeletesIt() {
        Instant start = TestStack.ENGINE_NOW;
        assertThat(postXml(xmlHandler(Clock.fixed(start, ZoneOffset.UTC)), "41", "order-1", XML).getStatusCode())
                .isEqualTo(201);
        Clock dayLater = Clock.fixed(start.plus(IdempotentRequests.RETENTION).plusSeconds(1), ZoneOffset.UTC);
        Clock justBefore = Clock.fixed(start.plus(IdempotentRequests.RETENTION).minusSeconds(1), ZoneOffset.UTC);

        APIGatewayV2HTTPResponse stillKnown = postXml(xmlHandler(justBefore), "41", "order-1", OTHER_XML);
        APIGatewayV2HTTPResponse expired = postXml(xmlHandler(dayLater), "41", "order-1", OTHER_XML);

        assertThat(stillKnown.getStatusCode()).isEqualTo(422);
        assertThat(expired.getStatusCode()).isEqualTo(201);
        assertThat(expired.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name"))
                .containsExactlyInAnyOrder("alice@bw.com", "bob", "carol");
    }

    @Test
    void aRequestThatStoredNothingIsNotKeptAndItsRetryRunsAgain() {
        CreateSipCredentials handler = xmlHandler(Clock.systemUTC());
        writes.failCredentialWrites = true;
        APIGatewayV2HTTPResponse failed = postXml(handler, "41", "order-1", XML);
        writes.failCredentialWrites = false;

        APIGatewayV2HTTPResponse retry = postXml(handler, "41", "order-1", XML);

        assertThat(failed.getStatusCode()).isEqualTo(503);
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(RacesIT.createdNames(retry.getBody())).containsExactly("alice", "bob");
    }

    @Test
    void whenTheKeyCannotBeRecordedNothingRunsAndTheAnswerIs503() {
        writes.failIdempotencyWrites = true;

        APIGatewayV2HTTPResponse xml = postXml(xmlHandler(Clock.systemUTC()), "41", "order-1", XML);
        APIGatewayV2HTTPResponse json = postJson(jsonHandler(Clock.systemUTC()), organization, "order-1",
                DeepslateApiIT.SEED_BODY);

        assertThat(xml.getStatusCode()).isEqualTo(503);
        assertThat(xml.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(xml.getBody()).isEqualTo(requestError(19004, "The Idempotency-Key could not be recorded "
                + "(temporary storage failure); nothing was stored. Retry the request."));
        assertThat(json.getStatusCode()).isEqualTo(503);
        assertThat(json.getBody()).contains("\"code\":\"STORE_UNAVAILABLE\"");
        assertThat(writes.credentialWrites.get()).isZero();
        assertThat(TestStack.items(table)).isEmpty();
    }

    @Test
    void invalidKeysAreRefusedBeforeAnythingIsStored() {
        CreateSipCredentials xml = xmlHandler(Clock.systemUTC());
        CreateSipCredential json = jsonHandler(Clock.systemUTC());
        String expected = requestError(1113,
                "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");

        for (String key : List.of("", "has space", "x".repeat(256), "caf\u00e9", "tab\t")) {
            APIGatewayV2HTTPResponse xmlResponse = postXml(xml, "41", key, XML);
            APIGatewayV2HTTPResponse jsonResponse = postJson(json, organization, key, DeepslateApiIT.SEED_BODY);
            assertThat(xmlResponse.getStatusCode()).as(key).isEqualTo(400);
            assertThat(xmlResponse.getBody()).as(key).isEqualTo(expected);
            assertThat(jsonResponse.getStatusCode()).as(key).isEqualTo(400);
            assertThat(jsonResponse.getBody()).as(key).contains("\"code\":\"INVALID_IDEMPOTENCY_KEY\"");
        }
        assertThat(postXml(xml, "41", "k".repeat(255), XML).getStatusCode()).isEqualTo(201);
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name")).hasSize(2);
    }

    @Test
    void jsonRepeatReplaysTheOriginalAnswerAndReuseOrConcurrencyIsRefused() {
        CreateSipCredential handler = jsonHandler(Clock.systemUTC());
        APIGatewayV2HTTPResponse first = postJson(handler, organization, "create-agent001", DeepslateApiIT.SEED_BODY);
        int writesAfterFirst = writes.credentialWrites.get();

        APIGatewayV2HTTPResponse repeat = postJson(handler, organization, "create-agent001", DeepslateApiIT.SEED_BODY);
        APIGatewayV2HTTPResponse reused = postJson(handler, organization, "create-agent001",
                DeepslateApiIT.SEED_BODY.replace("agent001", "agent002"));
        APIGatewayV2HTTPResponse otherOrganization = postJson(handler, UUID.randomUUID().toString(),
                "create-agent001", DeepslateApiIT.SEED_BODY);

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(repeat.getStatusCode()).isEqualTo(201);
        assertThat(repeat.getBody()).isEqualTo(first.getBody());
        assertThat(repeat.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(reused.getBody()).contains("\"code\":\"IDEMPOTENCY_KEY_REUSED\"").doesNotContain("strong-password");
        assertThat(otherOrganization.getStatusCode()).isEqualTo(201);
        assertThat(writes.credentialWrites.get()).as("only the other organization's create wrote")
                .isEqualTo(writesAfterFirst + 1);
        assertThat(TestStack.itemsOfKind(table, "deepslate-sip-credential", "organizationId"))
                .hasSize(2).contains(organization);
        assertThat(first.getBody()).contains("\"id\":\"" + TestStack.itemsOfKind(table, "deepslate-sip-credential",
                "id").stream().filter(id -> first.getBody().contains(id)).findFirst().orElseThrow() + "\"");

        DynamoDbSipCredentialStore store = store(Clock.systemUTC());
        String scope = store.scopeOf(Tenant.organization(vendor, organization));
        Instant now = Instant.now();
        String body = DeepslateApiIT.SEED_BODY.replace("agent001", "agent003");
        store.claim(new IdempotencyRecord(scope, "create-agent003", sha256(withoutPassword(body)), "running", IdempotencyRecord.State.PENDING,
                now.plusSeconds(60), now.plus(Duration.ofHours(24)), 0, null), Duration.ofSeconds(2));
        APIGatewayV2HTTPResponse inProgress = postJson(handler, organization, "create-agent003", body);
        assertThat(inProgress.getStatusCode()).isEqualTo(409);
        assertThat(inProgress.getBody()).contains("\"code\":\"REQUEST_IN_PROGRESS\"");
    }

    @Test
    void jsonRerunAfterAReleasedKeyAnswersWithTheIdItStored() {
        CreateSipCredential handler = jsonHandler(Clock.systemUTC());
        // The transaction commits but every response is lost and the SDK gives up: 503, key released.
        AtomicInteger lost = new AtomicInteger();
        DynamoDbClient losing = DynamoDbClients.create(URI.create(TestStack.endpoint()), List.of(new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest) {
                    lost.incrementAndGet();
                    throw SdkClientException.create("injected: response lost", new IOException("lost"));
                }
            }
        }));
        DynamoDbSipCredentialStore losingStore = new DynamoDbSipCredentialStore(losing, table, Clock.systemUTC());
        CreateSipCredential losingHandler = new CreateSipCredential(losingStore,
                Clock.systemUTC(), UUID::randomUUID, new IdempotentRequests(losingStore, Clock.systemUTC(), TestStack.serviceKey(table)));

        APIGatewayV2HTTPResponse failed = postJson(losingHandler, organization, "k1", DeepslateApiIT.SEED_BODY);
        APIGatewayV2HTTPResponse retry = postJson(handler, organization, "k1", DeepslateApiIT.SEED_BODY);

        assertThat(lost.get()).isGreaterThan(0);
        assertThat(failed.getStatusCode()).isEqualTo(503);
        assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(201);
        List<String> ids = TestStack.itemsOfKind(table, "deepslate-sip-credential", "id");
        assertThat(ids).hasSize(1);
        assertThat(retry.getBody()).contains("\"id\":\"" + ids.get(0) + "\"");
    }

    /** The fingerprinted form of a JSON body: the body without its password (never stored in any form). */
    private static String withoutPassword(String body) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node =
                    (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(body);
            node.remove("password");
            return node.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jsonIdempotencyKeepsNothingDerivedFromThePasswordAndARepeatWithAnotherPasswordReplays() {
        CreateSipCredential handler = jsonHandler(Clock.systemUTC());
        APIGatewayV2HTTPResponse first = postJson(handler, organization, "pw-1", DeepslateApiIT.SEED_BODY);
        APIGatewayV2HTTPResponse otherPassword = postJson(handler, organization, "pw-1",
                DeepslateApiIT.SEED_BODY.replace("strong-password", "another-password"));

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(otherPassword.getStatusCode()).isEqualTo(201);
        assertThat(otherPassword.getBody()).isEqualTo(first.getBody());
        assertThat(otherPassword.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(TestStack.itemsOfKind(table, "deepslate-sip-credential", "id")).hasSize(1);
        String everything = TestStack.items(table).toString();
        assertThat(everything).doesNotContain("strong-password").doesNotContain("another-password")
                .doesNotContain(sha256(DeepslateApiIT.SEED_BODY))
                .doesNotContain(sha256("strong-password"));
    }

    private static String sha256(String body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentRequestsWithOneKeyRunOnceAndTheOthersAreInProgressOrReplays() throws Exception {
        CreateSipCredentials handler = xmlHandler(Clock.systemUTC());
        List<java.util.concurrent.Callable<APIGatewayV2HTTPResponse>> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> postXml(handler, "41", "order-1", XML));
        }

        List<APIGatewayV2HTTPResponse> responses = RacesIT.race(tasks);

        List<APIGatewayV2HTTPResponse> ran = responses.stream()
                .filter(r -> r.getStatusCode() == 201 && !r.getHeaders().containsKey("Idempotent-Replayed")).toList();
        assertThat(ran).hasSize(1);
        assertThat(responses).allSatisfy(r -> {
            if (r.getStatusCode() == 409) {
                assertThat(r.getBody()).contains("<ErrorCode>1115</ErrorCode>");
            } else {
                assertThat(r.getStatusCode()).isEqualTo(201);
                assertThat(r.getBody()).isEqualTo(ran.get(0).getBody());
            }
        });
        assertThat(writes.credentialWrites.get()).as("one run: one write per entry").isEqualTo(2);
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name"))
                .containsExactlyInAnyOrder("alice@bw.com", "bob");
    }
}

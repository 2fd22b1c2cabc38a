package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.DeleteSipCredential;
import dev.sipcredentials.bandwidth.GetSipCredential;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.bandwidth.UpdateSipCredential;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.store.StorePriming;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bandwidth's read, change and delete of one credential through their handlers, against our DynamoDB engine and the
 * contract: the exact wire bodies, and what the table holds after (every refusal leaves it as it was).
 */
class BandwidthSipCredentialIT {
    static final String GET = "GET /accounts/{accountId}/sipcredentials/{compositeUserName}";
    static final String PUT = "PUT /accounts/{accountId}/sipcredentials/{compositeUserName}";
    static final String DELETE = "DELETE /accounts/{accountId}/sipcredentials/{compositeUserName}";
    static final String DECLARATION = BandwidthApiIT.DECLARATION;
    /** The issue's text B, for account 41 and the name as given. */
    static final String NOT_FOUND_JACK = DECLARATION + "<SipCredentialResponse><ResponseStatus><ErrorCode>23007</ErrorCode>"
            + "<Description>Sip credential Jack@bw.com was not found on the account with ID = 41</Description>"
            + "</ResponseStatus></SipCredentialResponse>";
    /** The issue's text C. */
    static final String NAME_CHANGE = DECLARATION + "<SipCredentialResponse><ResponseStatus><ErrorCode>23004</ErrorCode>"
            + "<Description>Unable to change the UserName or the Domain associated with the Hash Values. To do so"
            + " requires deletion of one set of credentials and addition of a new set of credentials.</Description>"
            + "</ResponseStatus></SipCredentialResponse>";
    static final String JOHN = DECLARATION + "<SipCredentialResponse><SipCredential><UserName>John</UserName>"
            + "<Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1><Hash1b>1g32gadgs433d24</Hash1b></SipCredential>"
            + "</SipCredentialResponse>";

    private String table;
    private CreateSipCredentials create;
    private GetSipCredential get;
    private UpdateSipCredential put;
    private DeleteSipCredential delete;

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        DynamoDbSipCredentialStore store = TestStack.store(table);
        IdempotentRequests idempotent = TestHandlers.idempotencyOf(store, Clock.systemUTC());
        create = TestHandlers.bandwidth(store, TestStack.WRITERS);
        get = new GetSipCredential(store);
        put = new UpdateSipCredential(store, idempotent);
        delete = new DeleteSipCredential(store, idempotent);
    }

    private void seed(String accountId) {
        APIGatewayV2HTTPResponse created = ContractValidator.invoke(create, TestStack.event(BandwidthApiIT.ROUTE,
                "/accounts/" + accountId + "/sipcredentials", Map.of("accountId", accountId), "application/xml",
                BandwidthApiIT.SEED_REQUEST, false, UUID.randomUUID().toString()), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String accountId, String name, String contentType,
                                               String body, String idempotencyKey) {
        APIGatewayV2HTTPEvent event = TestStack.event(routeKey, "/accounts/" + accountId + "/sipcredentials/" + name,
                Map.of("accountId", accountId, "compositeUserName", name), contentType, body, false,
                "trace-" + UUID.randomUUID());
        if (idempotencyKey != null) {
            Map<String, String> headers = new HashMap<>(event.getHeaders());
            headers.put("idempotency-key", idempotencyKey);
            event.setHeaders(headers);
        }
        return event;
    }

    private APIGatewayV2HTTPResponse read(String accountId, String name) {
        return ContractValidator.invoke(get, event(GET, accountId, name, null, null, null), null);
    }

    private APIGatewayV2HTTPResponse change(String accountId, String name, String body) {
        return change(accountId, name, "application/xml", body, null);
    }

    private APIGatewayV2HTTPResponse change(String accountId, String name, String contentType, String body,
                                            String idempotencyKey) {
        return ContractValidator.invoke(put, event(PUT, accountId, name, contentType, body, idempotencyKey), null);
    }

    private APIGatewayV2HTTPResponse remove(String accountId, String name, String idempotencyKey) {
        return ContractValidator.invoke(delete, event(DELETE, accountId, name, null, null, idempotencyKey), null);
    }

    /** The Bandwidth credential items, by key (their every attribute). */
    private Map<String, Map<String, AttributeValue>> credentials() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        TestStack.items(table).forEach(item -> {
            if (item.get("pk").s().startsWith("bw#")) {
                items.put(item.get("pk").s(), item);
            }
        });
        return items;
    }

    private Map<String, AttributeValue> item(String pk) {
        return credentials().get(pk);
    }

    private static String hashes(String hash1, String hash1b) {
        return "<SipCredential><Hash1>" + hash1 + "</Hash1>" + (hash1b == null ? "" : "<Hash1b>" + hash1b + "</Hash1b>")
                + "</SipCredential>";
    }

    // ---- GET

    @Test
    void getAnswersTheCredentialAsStoredWhateverCaseAndFormTheNameIsGivenIn() {
        seed("41");

        for (String name : List.of("John@bw.com", "john@BW.COM", "%4Aohn@bw.com")) {
            APIGatewayV2HTTPResponse response = read("41", name);
            assertThat(response.getStatusCode()).as(name).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/xml");
            assertThat(response.getBody()).as(name).isEqualTo(JOHN);
        }
        assertThat(read("41", "MATHEW@bw.com").getBody()).isEqualTo(DECLARATION + "<SipCredentialResponse>"
                + "<SipCredential><UserName>Mathew@bw.com</UserName><Hash1>43543gggs43g324</Hash1>"
                + "<Hash1b>1g32gadgs433a34</Hash1b></SipCredential></SipCredentialResponse>");
    }

    @Test
    void getOfAnUnknownNameIs404WithBandwidthsTextAndABadNameIs400() {
        seed("41");
        seed("42");
        Map<String, Map<String, AttributeValue>> before = credentials();

        APIGatewayV2HTTPResponse unknown = read("41", "Jack@bw.com");
        APIGatewayV2HTTPResponse otherAccountsOnly = read("43", "John@bw.com");

        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getBody()).isEqualTo(NOT_FOUND_JACK);
        assertThat(otherAccountsOnly.getStatusCode()).isEqualTo(404);
        assertThat(otherAccountsOnly.getBody()).contains("Sip credential John@bw.com was not found on the account with ID = 43");
        for (String bad : List.of("a b@bw.com", "john@bw..com", "john@", "@bw.com", "x".repeat(33), "j<o>hn",
                "john@" + "d".repeat(33))) {
            APIGatewayV2HTTPResponse response = read("41", bad);
            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(response.getBody()).as(bad).contains("<ErrorCode>1121</ErrorCode>")
                    .startsWith(DECLARATION + "<SipCredentialResponse><ResponseStatus>");
        }
        assertThat(credentials()).isEqualTo(before);
    }

    @Test
    void getOpensALegacyItemWithClearHashes() {
        Map<String, AttributeValue> legacy = new HashMap<>();
        legacy.put("pk", AttributeValue.fromS("bw#41#dave@bw.com"));
        legacy.put("kind", AttributeValue.fromS("bandwidth-sip-credential"));
        legacy.put("accountId", AttributeValue.fromS("41"));
        legacy.put("name", AttributeValue.fromS("Dave@bw.com"));
        legacy.put("userName", AttributeValue.fromS("Dave"));
        legacy.put("domain", AttributeValue.fromS("bw.com"));
        legacy.put("hash1", AttributeValue.fromS("legacy1"));
        legacy.put("createdAt", AttributeValue.fromS("2026-01-01T00:00:00Z"));
        legacy.put("writeToken", AttributeValue.fromS("old"));
        TestStack.client().putItem(r -> r.tableName(table).item(legacy));

        APIGatewayV2HTTPResponse response = read("41", "dave@bw.com");

        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialResponse><SipCredential>"
                + "<UserName>Dave</UserName><Domain>bw.com</Domain><Hash1>legacy1</Hash1></SipCredential>"
                + "</SipCredentialResponse>");

        // Its first change seals the hashes: no clear copy is left.
        assertThat(change("41", "Dave@bw.com", hashes("new1", null)).getStatusCode()).isEqualTo(200);
        Map<String, AttributeValue> sealed = item("bw#41#dave@bw.com");
        assertThat(sealed).doesNotContainKeys("hash1", "hash1b").containsKeys("hash1Ciphertext", "hashDataKey");
        assertThat(TestStack.hashes(table, sealed)).isEqualTo(new HashSealer.Hashes("new1", null));
        assertThat(sealed.get("createdAt").s()).isEqualTo("2026-01-01T00:00:00Z");
    }

    // ---- PUT

    @Test
    void putReplacesTheHashesSealedAndKeepsNameListingKeysAndCreation() {
        seed("41");
        Map<String, AttributeValue> before = item("bw#41#john@bw.com");

        APIGatewayV2HTTPResponse response = change("41", "john@BW.com", hashes("2a6c3f1e9b8d7c6a", null));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(DECLARATION + "<SipCredentialResponse><SipCredential>"
                + "<UserName>John</UserName><Domain>bw.com</Domain><Hash1>2a6c3f1e9b8d7c6a</Hash1></SipCredential>"
                + "</SipCredentialResponse>");
        Map<String, AttributeValue> after = item("bw#41#john@bw.com");
        assertThat(TestStack.hashes(table, after)).as("Hash1b absent in the body: removed")
                .isEqualTo(new HashSealer.Hashes("2a6c3f1e9b8d7c6a", null));
        assertThat(after).doesNotContainKeys("hash1", "hash1b", "hash1bCiphertext", "hash1bNonce");
        for (String kept : List.of("pk", "listPk", "listSk", "kind", "accountId", "name", "userName", "domain",
                "createdAt", "createdBy")) {
            assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
        }
        assertThat(after.get("hash1Ciphertext")).as("sealed anew").isNotEqualTo(before.get("hash1Ciphertext"));
        assertThat(after.get("hash1Nonce")).as("a fresh nonce").isNotEqualTo(before.get("hash1Nonce"));
        assertThat(after.get("hashKeyId").s()).as("under the account's tenant key").isEqualTo("tenant-key/v1");
        assertThat(after.get("updatedAt").s()).isGreaterThanOrEqualTo(before.get("updatedAt").s());
        assertThat(after.get("updatedBy")).isNotNull();
        assertThat(read("41", "John@bw.com").getBody()).isEqualTo(response.getBody());
        assertThat(credentials()).hasSize(2);
    }

    @Test
    void putWithUserNameAndDomainNamingThePathCredentialIsAccepted() {
        seed("41");
        for (String body : List.of(
                "<SipCredential><UserName>john</UserName><Hash1>h1</Hash1></SipCredential>",
                "<SipCredential><UserName>JOHN</UserName><Domain>bw.COM</Domain><Hash1>h2</Hash1></SipCredential>",
                "<SipCredential><UserName>john@bw.com</UserName><Hash1>h3</Hash1><Hash1b>h3b</Hash1b></SipCredential>",
                "<SipCredential><Domain>BW.com</Domain><Hash1>h4</Hash1></SipCredential>")) {
            assertThat(change("41", "John@bw.com", body).getStatusCode()).as(body).isEqualTo(200);
        }
        assertThat(TestStack.hashes(table, item("bw#41#john@bw.com"))).isEqualTo(new HashSealer.Hashes("h4", null));
    }

    @Test
    void putNamingAnotherCredentialIs23004WithBandwidthsTextAndChangesNothing() {
        seed("41");
        Map<String, Map<String, AttributeValue>> before = credentials();

        for (String body : List.of(
                "<SipCredential><UserName>Jack</UserName><Hash1>h1</Hash1></SipCredential>",
                "<SipCredential><UserName>John</UserName><Domain>example.com</Domain><Hash1>h1</Hash1></SipCredential>",
                "<SipCredential><Domain>example.com</Domain><Hash1>h1</Hash1></SipCredential>",
                "<SipCredential><UserName>Mathew@bw.com</UserName><Hash1>h1</Hash1></SipCredential>")) {
            APIGatewayV2HTTPResponse response = change("41", "John@bw.com", body);
            assertThat(response.getStatusCode()).as(body).isEqualTo(400);
            assertThat(response.getBody()).as(body).isEqualTo(NAME_CHANGE);
        }
        assertThat(credentials()).isEqualTo(before);
    }

    @Test
    void putOfAnUnknownNameIs404AndCreatesNothing() {
        seed("41");
        Map<String, Map<String, AttributeValue>> before = credentials();

        APIGatewayV2HTTPResponse response = change("41", "Jack@bw.com", hashes("h1", "h1b"));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).isEqualTo(NOT_FOUND_JACK);
        assertThat(credentials()).isEqualTo(before);
    }

    @Test
    void everyBadPutIsADocumented4xxAndLeavesTheTableAsItWas() {
        seed("41");
        Map<String, Map<String, AttributeValue>> before = credentials();
        record Bad(String name, String contentType, String body, int status, String code) {
        }
        List<Bad> cases = List.of(
                new Bad("John@bw.com", "application/xml", "<SipCredential><Hash1b>x</Hash1b></SipCredential>", 400, "1004"),
                new Bad("John@bw.com", "application/xml", hashes("h".repeat(65), null), 400, "1007"),
                new Bad("John@bw.com", "application/xml", hashes("h1", "h".repeat(65)), 400, "1008"),
                new Bad("John@bw.com", "application/xml", hashes("has space", null), 400, "1012"),
                new Bad("John@bw.com", "application/xml", "<SipCredential><UserName>j@bw.com</UserName>"
                        + "<Domain>bw.com</Domain><Hash1>h</Hash1></SipCredential>", 400, "1009"),
                new Bad("John@bw.com", "application/xml", "<SipCredential><UserName>j o</UserName><Hash1>h</Hash1>"
                        + "</SipCredential>", 400, "1010"),
                new Bad("John@bw.com", "application/xml", "<SipCredential><Hash1>a</Hash1><Hash1>b</Hash1>"
                        + "</SipCredential>", 400, "1014"),
                new Bad("John@bw.com", "application/xml", "<SipCredential><Hash1>a</Hash1><Password>p</Password>"
                        + "</SipCredential>", 400, "1013"),
                new Bad("John@bw.com", "application/xml", "<SipCredentials>" + hashes("h1", null)
                        + "</SipCredentials>", 400, "1122"),
                new Bad("John@bw.com", "application/xml", "<SipCredential><Hash1>h1</Hash1>", 400, "1104"),
                new Bad("John@bw.com", "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"h\">]>"
                        + "<SipCredential><Hash1>&e;</Hash1></SipCredential>", 400, "1105"),
                new Bad("John@bw.com", "application/xml", "   ", 400, "1102"),
                new Bad("John@bw.com", "application/json", "{\"Hash1\":\"h1\"}", 415, "1101"),
                new Bad("John@bw.com", null, hashes("h1", null), 415, "1101"),
                new Bad("John@bw.com", "application/xml", "<SipCredential><Hash1>" + "h".repeat(17 * 1024)
                        + "</Hash1></SipCredential>", 413, "1123"),
                new Bad("a b", "application/xml", hashes("h1", null), 400, "1121"));
        for (Bad bad : cases) {
            APIGatewayV2HTTPResponse response = change("41", bad.name(), bad.contentType(), bad.body(), null);
            assertThat(response.getStatusCode()).as(bad.body()).isEqualTo(bad.status());
            assertThat(response.getBody()).as(bad.body())
                    .startsWith(DECLARATION + "<SipCredentialResponse><ResponseStatus><ErrorCode>" + bad.code()
                            + "</ErrorCode>")
                    .doesNotContain("Exception", "at dev.");
        }
        assertThat(credentials()).isEqualTo(before);
    }

    @Test
    void everyCaseOfTheHostileXmlCorpusAsAPutBodyIsA4xxWithoutTraceAndChangesNothing() {
        seed("41");
        Map<String, Map<String, AttributeValue>> before = credentials();
        // No case may make the parser fetch anything; a closed loopback port stands in for the listener.
        HostileCorpus.load("xml", "http://127.0.0.1:9/never").forEach(hostile -> {
            String accountId = hostile.pathParameters().getOrDefault("accountId", "41");
            APIGatewayV2HTTPEvent event = TestStack.event(PUT, "/accounts/41/sipcredentials/John@bw.com",
                    Map.of("accountId", accountId, "compositeUserName", "John@bw.com"), hostile.contentType(),
                    null, false, "trace-" + UUID.randomUUID());
            event.setBody(java.util.Base64.getEncoder().encodeToString(hostile.body()));
            event.setIsBase64Encoded(true);

            APIGatewayV2HTTPResponse response = put.handleRequest(event, null);

            assertThat(response.getStatusCode()).as(hostile.toString()).isBetween(400, 415);
            assertThat(response.getBody()).as(hostile.toString())
                    .startsWith(DECLARATION + "<SipCredentialResponse><ResponseStatus><ErrorCode>")
                    .doesNotContain("Exception", "at dev.", "lollol");
        });
        assertThat(credentials()).isEqualTo(before);
    }

    @Test
    void aKeyedPutReplaysItsAnswerAndItsRecordHoldsNoHash() {
        seed("41");
        String body = hashes("k3y3dHash1value", "k3y3dHash1bvalue");

        APIGatewayV2HTTPResponse first = change("41", "John@bw.com", "application/xml", body, "put-key-1");
        // Changed by someone else in between: the keyed retry still answers what the first request did.
        assertThat(change("41", "John@bw.com", hashes("other", null)).getStatusCode()).isEqualTo(200);
        APIGatewayV2HTTPResponse retry = change("41", "John@bw.com", "application/xml", body, "put-key-1");
        APIGatewayV2HTTPResponse otherName = change("41", "Mathew@bw.com", "application/xml", body, "put-key-1");

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(retry.getBody()).isEqualTo(first.getBody()).contains("<Hash1>k3y3dHash1value</Hash1>");
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(otherName.getStatusCode()).as("the same key for another name").isEqualTo(422);
        assertThat(TestStack.hashes(table, item("bw#41#john@bw.com"))).isEqualTo(new HashSealer.Hashes("other", null));
        TestStack.items(table).stream().filter(i -> i.get("pk").s().startsWith("idem#")).forEach(record ->
                record.forEach((attribute, value) -> assertThat(SecretsAtRestIT.readable(value)).as(attribute)
                        .doesNotContain("k3y3dHash1value", "k3y3dHash1bvalue")));
    }

    // ---- DELETE

    @Test
    void deleteRemovesTheCredentialAnswers200WithNoBodyAndTheNameCanBeCreatedAgain() {
        seed("41");

        APIGatewayV2HTTPResponse response = remove("41", "JOHN@bw.com", null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEmpty();
        assertThat(credentials()).containsOnlyKeys("bw#41#mathew@bw.com");
        assertThat(read("41", "John@bw.com").getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPResponse again = remove("41", "John@bw.com", null);
        assertThat(again.getStatusCode()).isEqualTo(404);
        assertThat(again.getBody()).contains("Sip credential John@bw.com was not found on the account with ID = 41");
        assertThat(change("41", "John@bw.com", hashes("h1", null)).getStatusCode()).as("no resurrection").isEqualTo(404);
        assertThat(credentials()).containsOnlyKeys("bw#41#mathew@bw.com");

        seed("41"); // create after delete: John is created again, Mathew a duplicate
        assertThat(read("41", "John@bw.com").getBody()).isEqualTo(JOHN);
    }

    @Test
    void aKeyedDeleteRetryReplaysThe200AndABadNameIs400() {
        seed("41");

        APIGatewayV2HTTPResponse first = remove("41", "John@bw.com", "delete-key-1");
        APIGatewayV2HTTPResponse retry = remove("41", "John@bw.com", "delete-key-1");
        APIGatewayV2HTTPResponse unkeyed = remove("41", "John@bw.com", null);
        APIGatewayV2HTTPResponse reused = remove("41", "Mathew@bw.com", "delete-key-1");
        APIGatewayV2HTTPResponse bad = remove("41", "john@-bw.com", null);

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(retry.getStatusCode()).as("the answer whose response was lost, again").isEqualTo(200);
        assertThat(retry.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(unkeyed.getStatusCode()).isEqualTo(404);
        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getBody()).contains("<ErrorCode>1121</ErrorCode>");
        assertThat(credentials()).containsOnlyKeys("bw#41#mathew@bw.com");
    }

    @Test
    void primingTheEnhancedClientsPathsAgainstTheEngineStoresAndRemovesNothing() {
        seed("41");
        Map<String, Map<String, AttributeValue>> before = credentials();
        int items = TestStack.items(table).size();

        for (Set<StoreAction> actions : List.of(GetSipCredential.STORE_ACTIONS,
                UpdateSipCredential.STORE_ACTIONS, DeleteSipCredential.STORE_ACTIONS,
                CreateSipCredentials.STORE_ACTIONS)) {
            assertThat(StorePriming.primeBandwidthItems(TestStack.client(), table, actions)).as(actions.toString())
                    .isTrue();
            assertThat(StorePriming.prime(TestStack.client(), table, java.util.EnumSet.copyOf(actions)))
                    .as(actions.toString()).isTrue();
        }
        assertThat(credentials()).isEqualTo(before);
        assertThat(TestStack.items(table)).hasSize(items);
    }

    // ---- races

    private static <T> List<T> race(List<Callable<T>> racers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> racer : racers) {
            futures.add(pool.submit(() -> {
                start.await();
                return racer.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();
        return results;
    }

    @Test
    void concurrentPutsEachAnswerTheirOwnStateAndTheTableEndsInOneOfThem() throws Exception {
        seed("41");
        int racers = 8;
        List<Callable<APIGatewayV2HTTPResponse>> puts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String hash = "race-hash-" + i;
            puts.add(() -> change("41", "John@bw.com", hashes(hash, null)));
        }

        List<APIGatewayV2HTTPResponse> answers = race(puts);

        Set<String> hashesAnswered = new java.util.HashSet<>();
        for (int i = 0; i < racers; i++) {
            assertThat(answers.get(i).getStatusCode()).isEqualTo(200);
            assertThat(answers.get(i).getBody()).contains("<Hash1>race-hash-" + i + "</Hash1>");
            hashesAnswered.add("race-hash-" + i);
        }
        assertThat(hashesAnswered).contains(TestStack.hashes(table, item("bw#41#john@bw.com")).hash1());
        assertThat(credentials()).hasSize(2);
    }

    @Test
    void putOrDeleteRacingDeleteNeverResurrectsTheCredential() throws Exception {
        for (int round = 0; round < 6; round++) {
            seed("41");
            List<Callable<Integer>> racers = List.of(
                    () -> remove("41", "John@bw.com", null).getStatusCode(),
                    () -> change("41", "John@bw.com", hashes("racer", null)).getStatusCode(),
                    () -> remove("41", "john@bw.com", null).getStatusCode(),
                    () -> change("41", "JOHN@bw.com", hashes("racer2", null)).getStatusCode());

            List<Integer> statuses = race(racers);

            assertThat(List.of(statuses.get(0), statuses.get(2))).as("round " + round).containsExactlyInAnyOrder(200, 404);
            assertThat(List.of(statuses.get(1), statuses.get(3))).as("round " + round).allMatch(s -> s == 200 || s == 404);
            assertThat(credentials()).as("round " + round + ": deleted, and no PUT brought it back")
                    .doesNotContainKey("bw#41#john@bw.com");
            assertThat(read("41", "John@bw.com").getStatusCode()).isEqualTo(404);
        }
    }
}

package dev.sipcredentials.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.GetSipCredential;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.testkit.TestHandlers;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A sealed value opens only where it was sealed: an item copied by a raw table write (what anyone with a writer's
 * role could do) under another account's key, or under another name of the same account, never hands its Hash1 to
 * the GET or the listing of the place it was copied to.
 */
class KeyHierarchyIT {
    private static final String HASH1 = "1g32gadgs433dd4";
    private String table;
    private DynamoDbSipCredentialStore store;

    @BeforeEach
    void seedAccount42() {
        table = TestStack.freshTable();
        store = TestStack.store(table);
        APIGatewayV2HTTPResponse created = ContractValidator.invoke(TestHandlers.bandwidth(store, TestStack.WRITERS),
                TestStack.event(BandwidthApiIT.ROUTE, "/accounts/42/sipcredentials", Map.of("accountId", "42"),
                        "application/xml", BandwidthApiIT.SEED_REQUEST, false, UUID.randomUUID().toString()), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
    }

    private Map<String, AttributeValue> item(String pk) {
        return TestStack.client().getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk))).build()).item();
    }

    /**
     * Account 42's John under the keys (table and listing index) of {@code accountId}'s {@code userName}: the item's
     * other attributes as they were, or, with {@code rewrite}, changed to match the new place too.
     */
    private void copyJohnTo(String accountId, String userName, boolean rewrite) {
        Map<String, AttributeValue> copy = new HashMap<>(item("bw#42#john@bw.com"));
        String key = (userName + "@bw.com").toLowerCase();
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        copy.put("pk", AttributeValue.fromS("bw#" + accountId + "#" + key));
        copy.put("listPk", AttributeValue.fromS("bw#" + accountId + "#" + crc.getValue() % 16));
        copy.put("listSk", AttributeValue.fromS(key));
        if (rewrite) {
            copy.put("accountId", AttributeValue.fromS(accountId));
            copy.put("name", AttributeValue.fromS(userName + "@bw.com"));
            copy.put("userName", AttributeValue.fromS(userName));
        }
        TestStack.client().putItem(PutItemRequest.builder().tableName(table).item(copy).build());
    }

    private APIGatewayV2HTTPResponse get(String accountId, String name) {
        return ContractValidator.invoke(new GetSipCredential(store), TestStack.event(
                BandwidthSipCredentialIT.GET, "/accounts/" + accountId + "/sipcredentials/" + name,
                Map.of("accountId", accountId, "compositeUserName", name), null, null, false,
                UUID.randomUUID().toString()), null);
    }

    @ParameterizedTest(name = "attributes rewritten: {0}")
    @ValueSource(booleans = {false, true})
    void anItemCopiedUnderAnotherAccountOpensNeitherInItsGetNorInItsListing(boolean rewrite) {
        assertThat(get("42", "John@bw.com").getBody()).contains(HASH1);
        copyJohnTo("41", "John", rewrite);

        APIGatewayV2HTTPResponse got = get("41", "John@bw.com");
        assertThat(got.getBody()).doesNotContain(HASH1);
        assertThat(got.getStatusCode()).isIn(404, 500);
        APIGatewayV2HTTPResponse listed = Listings.listAccount(Listings.bandwidth(table), "41");
        assertThat(listed.getBody()).doesNotContain(HASH1);
    }

    @ParameterizedTest(name = "attributes rewritten: {0}")
    @ValueSource(booleans = {false, true})
    void anItemCopiedUnderAnotherNameOfTheSameAccountDoesNotOpenThere(boolean rewrite) {
        copyJohnTo("42", "Jane", rewrite);

        APIGatewayV2HTTPResponse got = get("42", "Jane@bw.com");
        assertThat(got.getBody()).doesNotContain(HASH1);
        assertThat(got.getStatusCode()).isIn(404, 500);
        assertThat(get("42", "John@bw.com").getBody()).as("the original still opens").contains(HASH1);
    }
}

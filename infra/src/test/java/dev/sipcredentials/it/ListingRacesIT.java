package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.deepslate.DeleteSipCredential;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.testkit.TestHandlers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listing that runs while other requests create and delete never returns an item twice and never skips one that
 * existed for the whole listing (issue #11), on both APIs: keyset pages over sort keys that never change.
 */
class ListingRacesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_NAME = Pattern.compile(
            "<SipCredential><UserName>([^<]*)</UserName>(?:<Domain>([^<]*)</Domain>)?");
    private static final Pattern NEXT_PAGE = Pattern.compile("<next>Link=&lt;[^<]*?page=([^&<]*)");

    @Test
    @Timeout(240)
    void anAccountListingUnderConcurrentCreatesAndDeletesHasEveryStableNameOnceAndNoDuplicate() throws Exception {
        String table = TestStack.freshTable();
        DynamoDbSipCredentialStore store = TestStack.store(table);
        CreateSipCredentials create = TestHandlers.bandwidth(store, TestStack.WRITERS);
        var list = Listings.bandwidth(table);
        Set<String> stable = new HashSet<>();
        StringBuilder batch = new StringBuilder("<SipCredentials>");
        for (int i = 0; i < 150; i++) {
            String name = "stable" + String.format("%03d", i) + (i % 2 == 0 ? "@Example.com" : "");
            stable.add(name);
            batch.append(entry(name));
        }
        assertThat(post(create, batch.append("</SipCredentials>").toString()).getStatusCode()).isEqualTo(201);

        AtomicBoolean listing = new AtomicBoolean(true);
        AtomicInteger churned = new AtomicInteger();
        // Others create names sorting between and around the stable ones, and delete them again.
        CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> {
            int round = 0;
            while (listing.get()) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    names.add((i % 2 == 0 ? "stable" : "Stable") + String.format("%03d", (round * 7 + i * 13) % 150)
                            + "x" + round);
                }
                StringBuilder more = new StringBuilder("<SipCredentials>");
                names.forEach(n -> more.append(entry(n)));
                post(create, more.append("</SipCredentials>").toString());
                for (String name : names) {
                    // The Bandwidth delete route is another branch's: remove the item as it would, by its key.
                    TestStack.client().deleteItem(d -> d.tableName(table).key(Map.of("pk",
                            AttributeValue.fromS("bw#41#" + name.toLowerCase(Locale.ROOT)))));
                }
                churned.addAndGet(names.size());
                round++;
            }
        });
        try {
            for (int pass = 0; pass < 4; pass++) {
                List<String> seen = new ArrayList<>();
                String page = "1";
                while (page != null) {
                    APIGatewayV2HTTPResponse response = Listings.listAccount(list, "41", "size", "17", "page", page);
                    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
                    Matcher names = USER_NAME.matcher(response.getBody());
                    while (names.find()) {
                        seen.add(names.group(2) == null ? names.group(1) : names.group(1) + "@" + names.group(2));
                    }
                    Matcher next = NEXT_PAGE.matcher(response.getBody());
                    page = next.find() ? java.net.URLDecoder.decode(next.group(1), java.nio.charset.StandardCharsets.UTF_8)
                            : null;
                }
                List<String> fullNames = seen;
                assertThat(new HashSet<>(fullNames)).as("pass " + pass + ": no name twice").hasSize(fullNames.size());
                assertThat(fullNames.stream().filter(stable::contains).count()).as("pass " + pass + ": every stable name")
                        .isEqualTo(stable.size());
                assertThat(fullNames).isSortedAccordingTo(java.util.Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
            }
        } finally {
            listing.set(false);
            churn.get();
        }
        assertThat(churned.get()).as("the listing ran while others wrote").isPositive();
    }

    private static String entry(String name) {
        int at = name.indexOf('@');
        return at < 0 ? "<SipCredential><UserName>" + name + "</UserName><Hash1>h</Hash1></SipCredential>"
                : "<SipCredential><UserName>" + name.substring(0, at) + "</UserName><Domain>" + name.substring(at + 1)
                + "</Domain><Hash1>h</Hash1></SipCredential>";
    }

    private static APIGatewayV2HTTPResponse post(CreateSipCredentials create, String body) {
        return create.handleRequest(TestStack.event(BandwidthApiIT.ROUTE, "/accounts/41/sipcredentials",
                Map.of("accountId", "41"), "application/xml", body, false, UUID.randomUUID().toString()), null);
    }

    @Test
    @Timeout(240)
    void anOrganizationListingUnderConcurrentCreatesAndDeletesHasEveryStableIdOnceAndNoDuplicate() throws Exception {
        String table = TestStack.freshTable();
        DynamoDbSipCredentialStore store = TestStack.store(table);
        CreateSipCredential create = TestHandlers.deepslate(store, Clock.systemUTC(), UUID::randomUUID);
        DeleteSipCredential delete = new DeleteSipCredential(store, Clock.systemUTC(),
                TestHandlers.idempotencyOf(store, Clock.systemUTC()));
        var list = Listings.deepslate(table);
        String vendor = UUID.randomUUID().toString();
        String organization = UUID.randomUUID().toString();
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            stable.add(createOne(create, vendor, organization, "stable" + i));
        }

        AtomicBoolean listing = new AtomicBoolean(true);
        AtomicInteger churned = new AtomicInteger();
        CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> {
            int round = 0;
            while (listing.get()) {
                String id = createOne(create, vendor, organization, "churn" + round++);
                String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials/" + id;
                APIGatewayV2HTTPResponse deleted = delete.handleRequest(TestStack.event(DeepslateDeleteIT.DELETE, path,
                        Map.of("vendorId", vendor, "organizationId", organization, "sipCredentialsId", id), null, null,
                        false, "delete-" + id), null);
                assertThat(deleted.getStatusCode()).isEqualTo(200);
                churned.incrementAndGet();
            }
        });
        try {
            for (int pass = 0; pass < 4; pass++) {
                List<String> seen = new ArrayList<>();
                String cursor = null;
                do {
                    APIGatewayV2HTTPResponse response = Listings.listOrganization(list, vendor, organization,
                            "limit", "7", "cursor", cursor);
                    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
                    JsonNode data = JSON.readTree(response.getBody()).path("data");
                    data.path("items").forEach(item -> seen.add(item.path("id").asText()));
                    cursor = data.path("nextCursor").isNull() ? null : data.path("nextCursor").asText();
                } while (cursor != null);
                assertThat(new HashSet<>(seen)).as("pass " + pass + ": no id twice").hasSize(seen.size());
                assertThat(seen).as("pass " + pass + ": every stable id").containsAll(stable);
            }
        } finally {
            listing.set(false);
            churn.get();
        }
        assertThat(churned.get()).as("the listing ran while others wrote").isPositive();
    }

    private static String createOne(CreateSipCredential create, String vendor, String organization,
                                    String username) {
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials";
        APIGatewayV2HTTPResponse response = create.handleRequest(TestStack.event(DeepslateApiIT.ROUTE, path,
                Map.of("vendorId", vendor, "organizationId", organization), "application/json",
                DeepslateApiIT.SEED_BODY.replace("agent001", username), false, "trace-" + UUID.randomUUID()), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        try {
            return JSON.readTree(response.getBody()).path("data").path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

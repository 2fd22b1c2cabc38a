package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.testkit.LambdaContexts;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB throttling, injected before transmission (so a throttled write never reaches the table): the SDK
 * retries with backoff, yet the answer comes within the Lambda's remaining time, and it says entry by entry
 * what the table holds.
 */
class ThrottlingIT {
    private static final Pattern ENTRY = Pattern.compile(
            "<Error><ErrorCode>(\\d+)</ErrorCode><Description>[^<]*</Description><SipCredential><UserName>([^<]*)<");

    /**
     * Every PutItem of a name containing "throttled", and every credential transaction, is refused as DynamoDB does
     * (not the account's tenant key, made once by its first write: what is throttled here is the credentials).
     */
    static final class Throttle implements ExecutionInterceptor {
        final AtomicInteger throttled = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            boolean throttle = context.request() instanceof PutItemRequest put && put.item().containsKey("name")
                    && put.item().get("name").s().contains("throttled")
                    || context.request() instanceof TransactWriteItemsRequest transaction
                    && !TestStack.makesTenantKey(transaction);
            if (throttle) {
                throttled.incrementAndGet();
                throw ProvisionedThroughputExceededException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .serviceName("DynamoDb").errorMessage("injected: throughput exceeded").build())
                        .message("injected: throughput exceeded").build();
            }
        }
    }

    private static DynamoDbSipCredentialStore store(String table, Throttle throttle) {
        // A client of its own: the SDK's retry token bucket is per client, and other tests must not drain it.
        DynamoDbClient client = DynamoDbClients.create(URI.create(TestStack.endpoint()), List.of(throttle));
        return new DynamoDbSipCredentialStore(client, table, Clock.systemUTC());
    }

    private static APIGatewayV2HTTPResponse postXml(CreateSipCredentials handler, String body,
                                                    Duration budget) {
        return ContractValidator.invoke(handler, TestStack.event(BandwidthApiIT.ROUTE, "/accounts/41/sipcredentials",
                Map.of("accountId", "41"), "application/xml", body, false, UUID.randomUUID().toString()),
                LambdaContexts.withBudget(budget));
    }

    private static String batch(List<String> names) {
        StringBuilder xml = new StringBuilder("<SipCredentials>");
        for (String name : names) {
            xml.append("<SipCredential><UserName>").append(name).append("</UserName><Hash1>h</Hash1></SipCredential>");
        }
        return xml.append("</SipCredentials>").toString();
    }

    @Test
    void throttledBatchAnswersWithinTheBudgetAndReportsEachEntryAsTheTableHasIt() {
        String table = TestStack.freshTable();
        Throttle throttle = new Throttle();
        // One writer thread: entries run one after another, so a throttled write that the SDK keeps retrying
        // uses up the budget and the entries after it must be reported as not attempted, not lost.
        ExecutorService oneWriter = Executors.newSingleThreadExecutor();
        CreateSipCredentials handler = TestHandlers.bandwidth(store(table, throttle), oneWriter);
        List<String> names = new ArrayList<>(List.of("first1", "first2", "throttled1"));
        for (int i = 0; i < 40; i++) {
            names.add(i % 4 == 0 ? "throttled-later" + i : "later" + i);
        }
        Duration budget = Duration.ofMillis(2000);

        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = postXml(handler, batch(names), budget);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        oneWriter.shutdownNow();

        assertThat(elapsedMillis).as("answered within the Lambda's remaining time").isLessThan(budget.toMillis());
        assertThat(throttle.throttled.get()).as("the SDK retried the throttled write").isGreaterThan(1);
        assertThat(response.getStatusCode()).isEqualTo(201);
        List<String> created = RacesIT.createdNames(response.getBody());
        List<String> reported = new ArrayList<>(created);
        Matcher error = ENTRY.matcher(response.getBody());
        while (error.find()) {
            String code = error.group(1);
            String name = error.group(2);
            reported.add(name);
            assertThat(code).as(name).isIn("19001", "19002");
            if (name.contains("throttled")) {
                assertThat(code).as(name + " was attempted").isIn("19001", "19002");
            }
        }
        assertThat(created).startsWith("first1", "first2").noneMatch(name -> name.contains("throttled"));
        assertThat(response.getBody()).contains("<ErrorCode>19001</ErrorCode><Description>The credential was not "
                + "stored: temporary storage failure.").contains("<UserName>throttled1</UserName>");
        assertThat(response.getBody()).as("the budget ran out before the last entries")
                .contains("<ErrorCode>19002</ErrorCode>");
        assertThat(reported).as("every entry answered once").containsExactlyInAnyOrderElementsOf(names);
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name"))
                .containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void withTooLittleTimeLeftNothingIsAttemptedAndEveryEntryIsRetryable() {
        String table = TestStack.freshTable();
        Throttle throttle = new Throttle();
        CreateSipCredentials handler = TestHandlers.bandwidth(store(table, throttle),
                TestStack.WRITERS);

        APIGatewayV2HTTPResponse response = postXml(handler, batch(List.of("a", "b")), Duration.ofMillis(300));

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).isEqualTo(BandwidthApiIT.DECLARATION + "<SipCredentialsResponse><ResponseStatus>"
                + "<ErrorCode>19001</ErrorCode><Description>No credential was stored: temporary storage failure. "
                + "Retry the entries reported with 19001 or 19002.</Description></ResponseStatus><Errors>"
                + "<Error><ErrorCode>19002</ErrorCode><Description>The credential was not stored: the request ran out "
                + "of time before writing it. Retry it.</Description><SipCredential><UserName>a</UserName>"
                + "<Hash1>h</Hash1></SipCredential></Error>"
                + "<Error><ErrorCode>19002</ErrorCode><Description>The credential was not stored: the request ran out "
                + "of time before writing it. Retry it.</Description><SipCredential><UserName>b</UserName>"
                + "<Hash1>h</Hash1></SipCredential></Error></Errors></SipCredentialsResponse>");
        assertThat(TestStack.items(table)).isEmpty();
    }

    @Test
    void throttledJsonCreateIs503WithinTheBudgetAndStoresNothing() {
        String table = TestStack.freshTable();
        Throttle throttle = new Throttle();
        CreateSipCredential handler = TestHandlers.deepslate(store(table, throttle),
                Clock.systemUTC(), UUID::randomUUID);
        Duration budget = Duration.ofMillis(1500);
        String vendor = UUID.randomUUID().toString();
        String organization = UUID.randomUUID().toString();
        // The organization has its tenant key already (its first write would make it): what is measured is the
        // throttled credential write alone.
        dev.sipcredentials.store.TenantKeyTable.keyringFromSettings(TestStack.client(), table)
                .rotateIfAbsent("ds#" + vendor + "#" + organization);

        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = ContractValidator.invoke(handler, TestStack.event(DeepslateApiIT.ROUTE,
                "/api/v1/vendors/v/organizations/o/sip/credentials",
                Map.of("vendorId", vendor, "organizationId", organization),
                "application/json", DeepslateApiIT.SEED_BODY, false, "trace-throttled"),
                LambdaContexts.withBudget(budget));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isLessThan(budget.toMillis());
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(response.getBody()).contains("\"code\":\"STORE_UNAVAILABLE\"");
        assertThat(throttle.throttled.get()).isGreaterThan(1);
        // No credential, guard or record: only the organization's tenant key, made before the throttled write.
        assertThat(TestStack.items(table)).extracting(item -> item.get("kind").s()).containsOnly("tenant-key");
    }

    @Test
    void withAnIdempotencyKeyTheClaimWritesAndRecordFitTheBudgetAndTheRepeatReplays() {
        String table = TestStack.freshTable();
        Throttle throttle = new Throttle();
        DynamoDbSipCredentialStore store = store(table, throttle);
        ExecutorService oneWriter = Executors.newSingleThreadExecutor();
        CreateSipCredentials handler = new CreateSipCredentials(store, oneWriter,
                new IdempotentRequests(store, Clock.systemUTC(), TestStack.serviceKey(table)));
        List<String> names = new ArrayList<>(List.of("first1", "throttled1"));
        for (int i = 0; i < 20; i++) {
            names.add(i % 4 == 0 ? "throttled-later" + i : "later" + i);
        }
        Duration budget = Duration.ofMillis(2500);

        long start = System.nanoTime();
        APIGatewayV2HTTPEvent event = TestStack.event(BandwidthApiIT.ROUTE, "/accounts/41/sipcredentials",
                Map.of("accountId", "41"), "application/xml", batch(names), false, UUID.randomUUID().toString());
        event.getHeaders().put("idempotency-key", "batch-7");
        APIGatewayV2HTTPResponse response = ContractValidator.invoke(handler, event, LambdaContexts.withBudget(budget));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        APIGatewayV2HTTPResponse repeat = ContractValidator.invoke(handler, event, LambdaContexts.withBudget(budget));
        oneWriter.shutdownNow();

        assertThat(elapsedMillis).isLessThan(budget.toMillis());
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).contains("<ErrorCode>19001</ErrorCode>").contains("<ErrorCode>19002</ErrorCode>");
        assertThat(repeat.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(repeat.getBody()).isEqualTo(response.getBody());
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name"))
                .containsExactlyInAnyOrderElementsOf(RacesIT.createdNames(response.getBody()));
    }
}

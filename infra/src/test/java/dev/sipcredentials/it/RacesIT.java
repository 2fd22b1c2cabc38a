package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.TestHandlers;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent XML creates against our DynamoDB engine: whatever the interleaving, every name is reported created
 * exactly once and the table holds exactly the names reported created. (The JSON race is in DeepslateApiIT.)
 */
class RacesIT {
    private static final Pattern VALID = Pattern.compile("<ValidSipCredentials>(.*)</ValidSipCredentials>");
    private static final Pattern USER_NAME = Pattern.compile("<UserName>([^<]*)</UserName>");
    private static final Pattern ERROR_CODE = Pattern.compile("<Error><ErrorCode>(\\d+)</ErrorCode>");

    private String table;
    private CreateSipCredentials handler;

    @BeforeEach
    void freshTable() {
        table = TestStack.freshTable();
        handler = TestHandlers.bandwidth(TestStack.store(table), TestStack.WRITERS);
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return ContractValidator.invoke(handler, TestStack.event(BandwidthApiIT.ROUTE, "/accounts/41/sipcredentials",
                Map.of("accountId", "41"), "application/xml", body, false, UUID.randomUUID().toString()), null);
    }

    /** Starts every task at once (a latch), returns their results in submission order. */
    static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> createdNames(String body) {
        List<String> names = new ArrayList<>();
        Matcher valid = VALID.matcher(body);
        if (valid.find()) {
            Matcher name = USER_NAME.matcher(valid.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    @Test
    void sixtyFourConcurrentCreatesOfOneNameSucceedExactlyOnce() throws Exception {
        String body = "<SipCredentials><SipCredential><UserName>racer</UserName><Domain>bw.com</Domain>"
                + "<Hash1>h1</Hash1></SipCredential></SipCredentials>";
        List<Callable<APIGatewayV2HTTPResponse>> tasks = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            tasks.add(() -> post(body));
        }

        List<APIGatewayV2HTTPResponse> responses = race(tasks);

        assertThat(responses).filteredOn(r -> r.getStatusCode() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.getStatusCode() == 400).hasSize(63)
                .allSatisfy(r -> assertThat(r.getBody()).contains("<ErrorCode>23009</ErrorCode><Description>"
                        + "Sip credential racer@bw.com does already exist on the account with ID = 41</Description>"));
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name")).containsExactly("racer@bw.com");
    }

    @Test
    void overlappingConcurrentBatchesReportEveryNameCreatedExactlyOnceAndTheTableAgrees() throws Exception {
        int batches = 8;
        int entriesPerBatch = 500;
        int distinctNames = 1000;
        List<Callable<APIGatewayV2HTTPResponse>> tasks = new ArrayList<>();
        Map<Integer, List<String>> submitted = new HashMap<>();
        for (int b = 0; b < batches; b++) {
            // Each batch draws its names from the same 1,000 at random (seeded: reproducible), in mixed case,
            // so batches overlap and a batch may repeat a name of its own.
            Random random = new Random(b);
            StringBuilder body = new StringBuilder("<SipCredentials>");
            List<String> names = new ArrayList<>();
            for (int e = 0; e < entriesPerBatch; e++) {
                int n = random.nextInt(distinctNames);
                String name = (random.nextBoolean() ? "User" : "user") + n;
                names.add(name);
                body.append("<SipCredential><UserName>").append(name).append("</UserName><Hash1>h").append(b)
                        .append("</Hash1></SipCredential>");
            }
            submitted.put(b, names);
            String xml = body.append("</SipCredentials>").toString();
            tasks.add(() -> post(xml));
        }

        List<APIGatewayV2HTTPResponse> responses = race(tasks);

        List<String> reportedCreated = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            APIGatewayV2HTTPResponse response = responses.get(b);
            assertThat(response.getStatusCode()).as("batch " + b).isIn(201, 400);
            List<String> created = createdNames(response.getBody());
            List<String> codes = new ArrayList<>();
            Matcher code = ERROR_CODE.matcher(response.getBody());
            while (code.find()) {
                codes.add(code.group(1));
            }
            // Every entry is accounted for: created, or a duplicate; nothing retryable, nothing dropped.
            assertThat(codes).as("batch " + b).allMatch("23009"::equals);
            assertThat(created.size() + codes.size()).as("batch " + b).isEqualTo(entriesPerBatch);
            reportedCreated.addAll(created);
        }
        List<String> lowerCased = reportedCreated.stream().map(String::toLowerCase).toList();
        assertThat(lowerCased).as("each name reported created at most once").doesNotHaveDuplicates();
        long distinctSubmitted = submitted.values().stream().flatMap(List::stream).map(String::toLowerCase)
                .distinct().count();
        assertThat(lowerCased).as("each submitted name reported created once").hasSize((int) distinctSubmitted);
        assertThat(TestStack.itemsOfKind(table, "bandwidth-sip-credential", "name"))
                .containsExactlyInAnyOrderElementsOf(reportedCreated);
    }
}

package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.ListSipCredentials;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbCredentialLister;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import dev.sipcredentials.testkit.GrantedEvents;
import dev.sipcredentials.testkit.LambdaContexts;
import dev.sipcredentials.testkit.TestHandlers;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context.ModifyRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bandwidth listing: {@code entries} credentials of one account, listed in pages of {@code size} by the handler
 * (following {@code <next>}), beside the floor: the very Queries the handler's client sent for each page (recorded
 * by an SDK interceptor during a handler pass), replayed straight through the same client, each shard's Queries in
 * order on its own thread, every shard at once; no merge, no hash opening, no XML. Passes alternate handler, floor,
 * floor, handler. Figures: the median time per page index, last page / first page, and handler / floor.
 */
public final class ListBench {
    private static final Pattern NEXT_PAGE = Pattern.compile("<next>Link=&lt;[^<]*?page=([^&<]*)");
    private static final String ACCOUNT = "list-bench";

    private final LocalDatabase database;
    private final DynamoDbClient client;
    private final List<QueryRequest> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recording;
    private final ExecutorService readers = Executors.newFixedThreadPool(DynamoDbCredentialLister.accountShards(),
            r -> {
                Thread t = new Thread(r, "list-bench-reader");
                t.setDaemon(true);
                return t;
            });
    private final Context context = LambdaContexts.quiet();

    /** Per page index: the handler's and the floor's median milliseconds. */
    public record Row(int page, int items, double handlerMillis, double floorMillis) {
    }

    public ListBench(LocalDatabase database) {
        this.database = database;
        BatchOverhead.useEngine(database);
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(ModifyRequest request, ExecutionAttributes attributes) {
                if (recording && request.request() instanceof QueryRequest query) {
                    // Without the per-call override: the floor sets its own.
                    recorded.add(query.toBuilder().overrideConfiguration((software.amazon.awssdk.awscore
                            .AwsRequestOverrideConfiguration) null).build());
                }
                return request.request();
            }

            @Override
            public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution execution,
                                       ExecutionAttributes attributes) {
                if (recording && execution.response() instanceof software.amazon.awssdk.services.dynamodb.model
                        .QueryResponse response && response.consumedCapacity() != null
                        && response.consumedCapacity().capacityUnits() != null) {
                    synchronized (readUnits) {
                        readUnits[0] += response.consumedCapacity().capacityUnits();
                    }
                }
            }
        };
        this.client = DynamoDbClients.create(URI.create(database.endpoint()), List.of(recorder));
    }

    /**
     * Fills a fresh table with {@code entries} credentials of one account: 1,000-entry batches through the XML handler
     * (small enough to finish well inside the route's 28 s on a loaded machine).
     */
    public String fill(int entries) {
        String table = database.freshTable("list");
        var create = TestHandlers.bandwidth(new dev.sipcredentials.store.DynamoDbSipCredentialStore(client, table,
                java.time.Clock.systemUTC()), readers);
        for (int from = 0; from < entries; from += 1000) {
            int count = Math.min(1000, entries - from);
            StringBuilder xml = new StringBuilder("<SipCredentials>");
            for (int i = from; i < from + count; i++) {
                xml.append("<SipCredential><UserName>").append(Workloads.userName(i)).append("</UserName><Domain>")
                        .append(Workloads.DOMAIN).append("</Domain><Hash1>").append(Workloads.hash1(i))
                        .append("</Hash1><Hash1b>").append(Workloads.hash1b(i)).append("</Hash1b></SipCredential>");
            }
            APIGatewayV2HTTPResponse response = create.handleRequest(Workloads.bandwidthEvent(ACCOUNT,
                    xml.append("</SipCredentials>").toString(), false, "fill-" + from), context);
            if (response.getStatusCode() != 201 || response.getBody().contains("<Errors>")) {
                throw new IllegalStateException("fill did not create every entry: " + response.getStatusCode());
            }
        }
        return table;
    }

    public List<Row> measure(String table, int size, int repetitions, PrintStream log) {
        ListSipCredentials handler = new ListSipCredentials(new DynamoDbCredentialLister(client, table,
                dev.sipcredentials.store.TenantKeyTable.localHashSealer(client, table, Path.of(System.getProperty("LOCAL_MASTER_KEY_FILE"))),
                readers));
        // One recorded pass (also the warm-up): the Queries of each page, for the floor.
        List<List<QueryRequest>> pageQueries = new ArrayList<>();
        handlerPass(handler, size, pageQueries);
        recordedQueries = pageQueries.stream().mapToInt(List::size).sum();
        floorPass(pageQueries);
        Map<Integer, List<Double>> handlerTimes = new LinkedHashMap<>();
        Map<Integer, List<Double>> floorTimes = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            boolean handlerFirst = rep % 2 == 0;
            for (int i = 0; i < 4; i++) {
                boolean handlerRun = (i == 0 || i == 3) == handlerFirst;
                List<Double> times = handlerRun ? handlerPass(handler, size, null) : floorPass(pageQueries);
                Map<Integer, List<Double>> into = handlerRun ? handlerTimes : floorTimes;
                for (int page = 0; page < times.size(); page++) {
                    into.computeIfAbsent(page, k -> new ArrayList<>()).add(times.get(page));
                }
            }
            log.printf(Locale.ROOT, "  list repetition %d/%d done%n", rep + 1, repetitions);
        }
        List<Row> rows = new ArrayList<>();
        for (int page = 0; page < pageQueries.size(); page++) {
            rows.add(new Row(page + 1, pageItems.get(page), Stats.median(handlerTimes.get(page)),
                    Stats.median(floorTimes.get(page))));
        }
        return rows;
    }

    private final List<Integer> pageItems = new ArrayList<>();

    /** Milliseconds of each page, following the next links from page 1; records each page's Queries if asked. */
    private List<Double> handlerPass(ListSipCredentials handler, int size, List<List<QueryRequest>> record) {
        List<Double> times = new ArrayList<>();
        String page = "1";
        while (page != null) {
            APIGatewayV2HTTPEvent event = GrantedEvents.post("GET /accounts/{accountId}/sipcredentials",
                    "/accounts/" + ACCOUNT + "/sipcredentials", Map.of("accountId", ACCOUNT), null, null, false,
                    "list-bench");
            event.setQueryStringParameters(Map.of("size", Integer.toString(size), "page", page));
            event.setHeaders(Map.of("host", "bench.invalid", "x-forwarded-proto", "https"));
            if (record != null) {
                recorded.clear();
                recording = true;
            }
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            times.add((System.nanoTime() - start) / 1e6);
            if (record != null) {
                recording = false;
                record.add(new ArrayList<>(recorded));
                pageItems.add(Workloads.count(response.getBody(), "<SipCredential>"));
            }
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("list page " + page + " answered " + response.getStatusCode());
            }
            Matcher next = NEXT_PAGE.matcher(response.getBody());
            page = next.find() ? URLDecoder.decode(next.group(1), StandardCharsets.UTF_8) : null;
        }
        return times;
    }

    /** Milliseconds of each page's recorded Queries: per shard in order, all shards at once. */
    private List<Double> floorPass(List<List<QueryRequest>> pageQueries) {
        List<Double> times = new ArrayList<>();
        for (List<QueryRequest> queries : pageQueries) {
            Map<String, List<QueryRequest>> byShard = new LinkedHashMap<>();
            for (QueryRequest query : queries) {
                String partition = query.expressionAttributeValues().values().iterator().next().s();
                for (var value : query.expressionAttributeValues().values()) {
                    if (value.s() != null && value.s().startsWith("bw#")) {
                        partition = value.s();
                    }
                }
                byShard.computeIfAbsent(partition, k -> new ArrayList<>()).add(query);
            }
            long start = System.nanoTime();
            List<CompletableFuture<Void>> shards = new ArrayList<>();
            for (List<QueryRequest> shard : byShard.values()) {
                shards.add(CompletableFuture.runAsync(() -> {
                    for (QueryRequest query : shard) {
                        client.query(query);
                    }
                }, readers));
            }
            CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new)).join();
            times.add((System.nanoTime() - start) / 1e6);
        }
        return times;
    }

    /** The whole section: prints the table and the two ratios. */
    public static void run(PrintStream out, LocalDatabase database, int entries, int size, int repetitions) {
        ListBench bench = new ListBench(database);
        String table = bench.fill(entries);
        out.printf(Locale.ROOT, "== List: %,d credentials of one account in pages of %d, handler (GET /accounts/{id}/"
                + "sipcredentials, Hash1/Hash1b opened, XML) vs floor (the same Queries straight through the client)%n",
                entries, size);
        List<Row> rows = bench.measure(table, size, repetitions, out);
        out.printf(Locale.ROOT, "  medians of %d passes per side (ABBA); the recorded pass: %d Queries (%.1f per page),"
                        + " %.1f read units (%.1f per page, eventually consistent); now %s%n", 2 * repetitions,
                bench.recordedQueries, bench.recordedQueries / (double) rows.size(), bench.readUnits[0],
                bench.readUnits[0] / rows.size(), Machine.load());
        out.printf(Locale.ROOT, "  %5s %6s %12s %12s %7s%n", "page", "items", "handler ms", "floor ms", "ratio");
        double handlerTotal = 0;
        double floorTotal = 0;
        for (Row row : rows) {
            out.printf(Locale.ROOT, "  %5d %6d %12.1f %12.1f %7.3f%n", row.page(), row.items(), row.handlerMillis(),
                    row.floorMillis(), row.handlerMillis() / row.floorMillis());
            handlerTotal += row.handlerMillis();
            floorTotal += row.floorMillis();
        }
        Row first = rows.get(0);
        // The last full page: a short last page would flatter the ratio.
        Row last = rows.get(rows.size() - 1).items() < size && rows.size() > 1 ? rows.get(rows.size() - 2)
                : rows.get(rows.size() - 1);
        double flatness = last.handlerMillis() / first.handlerMillis();
        double overhead = handlerTotal / floorTotal;
        out.printf(Locale.ROOT, "  last full page / first page: %.3f (target <= 1.2: %s); handler / floor over all "
                        + "pages: %.3f (target <= 1.15: %s)%n", flatness, flatness <= 1.2 ? "met" : "MISSED", overhead,
                overhead <= 1.15 ? "met" : "MISSED");
        database.drop(table);
        bench.readers.shutdown();
    }

    private int recordedQueries;
    /** Read units the recorded pass's Queries consumed, as the engine accounts them (DynamoDB's rules). */
    private final double[] readUnits = new double[1];
}

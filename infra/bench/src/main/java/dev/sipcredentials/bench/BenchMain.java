package dev.sipcredentials.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints every figure of issues #6 and #9. {@code infra/bench/run.sh} builds the project and runs this; arguments
 * pick sections ({@code jar codec batch list heap get cold functions engine cloud}, or {@code floor} / {@code stack}: parts of {@code engine},, default all) and {@code --quick} shrinks every section to a smoke run.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Set<String> sections = Set.copyOf(Arrays.stream(args).filter(a -> !a.startsWith("--")).toList());
        boolean all = sections.isEmpty();
        Arrays.stream(args).filter(a -> a.startsWith("--baseline-jar=")).findFirst()
                .ifPresent(a -> System.setProperty("baselineJar", a.substring("--baseline-jar=".length())));
        PrintStream out = System.out;
        // As the function does (AwsClientSettings): keep one idle connection per writer, before any HTTP is made.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections",
                    Integer.toString(dev.sipcredentials.store.DynamoDbClients.WRITE_CONCURRENCY));
        }
        out.println("Machine: " + Machine.describe());
        out.println("Started at " + Machine.load() + " (the machine is shared: ratios and medians are the figures)");
        if (all || sections.contains("jar")) {
            jar(out);
        }
        if (all || sections.contains("codec")) {
            Codec.run(out, quick, Path.of("infra/bench/target/bench"));
        }
        if (all || sections.contains("batch")) {
            batch(out, quick);
        }
        if (all || sections.contains("engine")) {
            EngineBench.run(out, quick);
        } else {
            if (sections.contains("floor")) {
                EngineBench.floors(out, quick);
            }
            if (sections.contains("stack")) {
                EngineBench.stackBatches(out, quick ? 50 : 5000, quick ? 1 : 5);
            }
        }
        if (all || sections.contains("cloud")) {
            CloudBench.run(out, EngineBench.templateFile(), quick ? 20 : 5000, quick ? 2 : 50, quick ? 1 : 3);
        }
        if (all || sections.contains("list")) {
            try (LocalDatabase database = LocalDatabase.start()) {
                ListBench.run(out, database, quick ? 60 : 10_000, quick ? 25 : 500, quick ? 1 : 5);
            }
        }
        if (all || sections.contains("heap") || sections.contains("cold") || sections.contains("functions")
                || sections.contains("get")) {
            try (LocalDatabase database = LocalDatabase.start()) {
                if (all || sections.contains("heap")) {
                    heap(out, database, quick ? 100 : 5000);
                }
                if (all || sections.contains("cold")) {
                    ColdStart.run(out, database, quick ? 1 : 10, quick);
                }
                if (all || sections.contains("get")) {
                    ReadOverhead reads = new ReadOverhead(database);
                    reads.deepslateGet(out, quick ? 5 : 200, quick ? 1 : 5);
                    reads.bandwidthGet(out, quick ? 5 : 200, quick ? 1 : 5);
                }
                if (all || sections.contains("functions")) {
                    FunctionColdStarts.run(out, database, EngineBench.templateFile(), quick ? 1 : 5);
                }
            }
        }
        out.println("Finished at " + Machine.load());
        System.exit(0);
    }

    /** Target: the deployable jar at most 20 MB. */
    static long jar(PrintStream out) throws java.io.IOException {
        Path jar = ChildJvm.functionsJar();
        long bytes = Files.size(jar);
        out.printf(Locale.ROOT, "== Jar: %s is %.2f MB (%d bytes; target <= 20 MB: %s)%n", jar.getFileName(),
                bytes / 1e6, bytes, bytes <= 20_000_000 ? "met" : "MISSED");
        return bytes;
    }

    /** A batch in a child JVM with -Xmx256m, against this process's DynamoDB engine. */
    static void heap(PrintStream out, LocalDatabase database, int entries) throws Exception {
        String table = database.freshTable("heap");
        // Lambda-like options (serial GC) with the heap limit of the target.
        List<String> options = new java.util.ArrayList<>(ColdStart.LAMBDA_OPTIONS);
        options.add("-Xmx256m");
        ChildJvm.Outcome outcome = ChildJvm.run(options, Map.of("DYNAMODB_ENDPOINT",
                database.endpoint(), "TABLE_NAME", table, "AWS_REGION", "us-east-1",
                "LOCAL_MASTER_KEY_FILE", ColdStart.localMasterKey().toString()), List.of(),
                HeapCheck.class.getName(), Integer.toString(entries), "heap");
        out.println("== Heap: " + entries + "-entry batch (base64 body) in a JVM with -Xmx256m -XX:+UseSerialGC: " + outcome.result());
        database.drop(table);
    }

    static void batch(PrintStream out, boolean quick) {
        int[] sizes = quick ? new int[] {1, 10} : new int[] {1, 10, 100, 1000, 5000};
        try (LocalDatabase database = LocalDatabase.start()) {
            BatchOverhead bench = new BatchOverhead(database);
            out.println("== Batch overhead: XML handler vs floor (conditional PutItems, "
                    + dev.sipcredentials.store.DynamoDbClients.WRITE_CONCURRENCY + " writers, DynamoDB engine)");
            out.println("  item shape check: " + bench.checkSameItemShape());
            int repetitions = quick ? 1 : 6;
            List<BatchOverhead.Row> rows = bench.measure(sizes, quick ? 0 : 1, repetitions, out);
            out.println("  medians of " + 2 * repetitions + " runs per side (" + repetitions + " ABBA repetitions),"
                    + " fresh table each; ratio = handler median / floor median (target <= 1.15 from 100 entries);"
                    + " paired = median of the repetitions' ABBA ratios; now " + Machine.load());
            out.printf(Locale.ROOT, "  %8s %16s %16s %8s %8s%n", "entries", "handler us/entry", "floor us/entry",
                    "ratio", "paired");
            for (BatchOverhead.Row row : rows) {
                out.printf(Locale.ROOT, "  %8d %16.1f %16.1f %8.3f %8.3f%n", row.entries(), row.handlerMicrosPerEntry(),
                        row.floorMicrosPerEntry(), row.ratio(), row.pairedRatio());
            }
            bench.close();
        }
    }
}

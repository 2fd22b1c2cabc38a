package dev.sipcredentials.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a fresh JVM per run ({@link ColdStartChild}, class path = the shaded functions jar) and times JVM start +
 * init + the first invocation, which for the real handlers includes creating the SDK client and one real write to
 * the DynamoDB engine of this process. Variants run round-robin so drift of a shared machine spreads over all.
 */
final class ColdStart {
    /** JVM options as recommended for Lambda cold starts (C1 only, serial GC); also used for the baseline. */
    static final List<String> LAMBDA_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");

    record Variant(String label, String child, List<String> jvmOptions, String baseline) {
    }

    private static final java.nio.file.Path ARCHIVES = java.nio.file.Path.of("infra/bench/target/bench").toAbsolutePath();

    private ColdStart() {
    }

    private static java.nio.file.Path archive(String handler) {
        return ARCHIVES.resolve(handler + ".jsa");
    }

    private static List<String> withArchive(String handler) {
        List<String> options = new ArrayList<>(LAMBDA_OPTIONS);
        options.add("-XX:SharedArchiveFile=" + archive(handler));
        return options;
    }

    static void run(PrintStream out, LocalDatabase database, int runs, boolean quick)
            throws IOException, InterruptedException {
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("empty handler", "empty", LAMBDA_OPTIONS, null),
                new Variant("XML handler (URLConnection)", "bandwidth", LAMBDA_OPTIONS, "empty handler"),
                new Variant("JSON handler (URLConnection)", "deepslate", LAMBDA_OPTIONS, "empty handler"),
                new Variant("XML handler, AWS CRT client", "bandwidth-crt", LAMBDA_OPTIONS, "empty handler"),
                new Variant("XML handler, SnapStart-primed", "bandwidth-primed", LAMBDA_OPTIONS, "empty handler"),
                new Variant("JSON handler, SnapStart-primed", "deepslate-primed", LAMBDA_OPTIONS, "empty handler")));
        boolean appCds = ChildJvm.benchClassesInJar();
        if (appCds) {
            variants.add(new Variant("XML handler, AppCDS archive", "bandwidth", withArchive("bandwidth"),
                    "empty handler"));
            variants.add(new Variant("JSON handler, AppCDS archive", "deepslate", withArchive("deepslate"),
                    "empty handler"));
        }
        if (!quick) {
            variants.add(new Variant("empty handler, JVM defaults", "empty", List.of(), null));
            variants.add(new Variant("XML handler, JVM defaults", "bandwidth", List.of(),
                    "empty handler, JVM defaults"));
            variants.add(new Variant("JSON handler, JVM defaults", "deepslate", List.of(),
                    "empty handler, JVM defaults"));
        }
        String table = database.freshTable("cold");
        Map<String, String> properties = Map.of("DYNAMODB_ENDPOINT", database.endpoint(), "TABLE_NAME", table,
                "AWS_REGION", "us-east-1", "LOCAL_MASTER_KEY_FILE", localMasterKey().toString());
        List<String> crtJars = ChildJvm.classPathJars("aws-crt-", "crt-core-");
        // AppCDS: one training run per handler dumps the classes it loaded; the variant maps them at start.
        java.nio.file.Files.createDirectories(ARCHIVES);
        for (String handler : appCds ? List.of("bandwidth", "deepslate") : List.<String>of()) {
            java.nio.file.Files.deleteIfExists(archive(handler));
            List<String> training = new ArrayList<>(LAMBDA_OPTIONS);
            training.add("-XX:ArchiveClassesAtExit=" + archive(handler));
            ChildJvm.run(training, properties, List.of(), ColdStartChild.class.getName(), handler, "train-" + handler);
        }
        Map<String, List<Double>> total = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> splits = new HashMap<>();
        int runId = 0;
        for (int run = 0; run < runs; run++) {
            for (Variant variant : variants) {
                List<String> extra = variant.child().endsWith("-crt") ? crtJars : List.of();
                ChildJvm.Outcome outcome = ChildJvm.run(variant.jvmOptions(), properties, extra,
                        ColdStartChild.class.getName(), variant.child(), Integer.toString(runId++));
                total.computeIfAbsent(variant.label(), k -> new ArrayList<>()).add(outcome.millisToResult());
                for (String field : outcome.result().split(" ")) {
                    String[] pair = field.split("=");
                    if (pair[0].endsWith("Ms")) {
                        splits.computeIfAbsent(variant.label(), k -> new HashMap<>())
                                .computeIfAbsent(pair[0], k -> new ArrayList<>()).add(Double.parseDouble(pair[1]));
                    }
                }
            }
            out.printf(Locale.ROOT, "  cold-start round %d/%d done%n", run + 1, runs);
        }
        out.println("== Cold start: fresh JVM per run, class path = functions/target/sip-credentials-functions.jar; "
                + "median of " + runs + " runs; ms from process start to first response (one real write included)");
        out.println("   Lambda-like JVM options: " + String.join(" ", LAMBDA_OPTIONS) + "; now " + Machine.load());
        out.printf(Locale.ROOT, "  %-34s %9s %9s %9s %9s %12s%n", "variant", "total ms", "init ms", "prime ms",
                "invoke ms", "vs empty");
        for (Variant variant : variants) {
            double median = Stats.median(total.get(variant.label()));
            Map<String, List<Double>> split = splits.get(variant.label());
            String ratio = variant.baseline() == null ? "" : String.format(Locale.ROOT, "%.2fx",
                    median / Stats.median(total.get(variant.baseline())));
            out.printf(Locale.ROOT, "  %-34s %9.0f %9.1f %9.1f %9.1f %12s%n", variant.label(), median,
                    Stats.median(split.get("initMs")), Stats.median(split.get("primeMs")),
                    Stats.median(split.get("invokeMs")), ratio);
        }
        printParity(out, total, splits);
        out.println("   total = JVM start + class loading + init + first invocation. For the primed variants it also"
                + " holds the priming; their invoke ms is the first request after a SnapStart restore would take,"
                + " restore itself not included (no CRaC JVM here).");
        database.drop(table);
    }

    /**
     * The two runtime-parity figures per function: the first request after priming against a warm request of the
     * same JVM (goal at most 1.5), and a fresh JVM's first request against an empty handler's (goal at most 3).
     */
    private static void printParity(PrintStream out, Map<String, List<Double>> total,
            Map<String, Map<String, List<Double>>> splits) {
        out.println("== Runtime parity: primed first request / warm request (goal <= 1.5); fresh JVM first request"
                + " / empty handler's (goal <= 3)");
        out.printf(Locale.ROOT, "  %-8s %14s %9s %7s %5s %16s %9s %7s %5s%n", "function", "primed first", "warm",
                "ratio", "", "fresh JVM total", "empty", "ratio", "");
        for (String[] f : new String[][] {{"XML", "XML handler, SnapStart-primed", "XML handler (URLConnection)"},
                {"JSON", "JSON handler, SnapStart-primed", "JSON handler (URLConnection)"}}) {
            Map<String, List<Double>> primed = splits.get(f[1]);
            if (primed == null || primed.get("warmMs") == null || total.get(f[2]) == null) {
                continue;
            }
            double first = Stats.median(primed.get("invokeMs"));
            double warm = Stats.median(primed.get("warmMs"));
            double fresh = Stats.median(total.get(f[2]));
            double empty = Stats.median(total.get("empty handler"));
            out.printf(Locale.ROOT, "  %-8s %11.1f ms %6.1f ms %6.2fx %5s %13.0f ms %6.0f ms %6.2fx %5s%n", f[0],
                    first, warm, first / warm, first / warm <= 1.5 ? "met" : "MISS", fresh, empty, fresh / empty,
                    fresh / empty <= 3 ? "met" : "MISS");
        }
    }

    /** Both handlers seal secrets (passwords, Hash1/Hash1b); locally with a master key file, as the local stack does. */
    static java.nio.file.Path localMasterKey() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Path.of("target", "bench", "local-master-key");
        if (!java.nio.file.Files.exists(file)) {
            java.nio.file.Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
        }
        return file.toAbsolutePath();
    }
}

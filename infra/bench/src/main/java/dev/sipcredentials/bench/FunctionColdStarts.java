package dev.sipcredentials.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.local.SamTemplate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Cold start of every function in template.yaml, each with its route's sample event from functions/events, fresh
 * and primed, so a new route is measured the day it is declared. Each run gets a fresh table: a create creates, a
 * read of the sample's unknown id misses (its store call included). Compared with the create function of the same
 * API (the bar: no new function starts worse than the creates), and, given {@code -DbaselineJar=PATH} (an
 * older build's functions jar), with the same function in that jar, runs interleaved.
 */
final class FunctionColdStarts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionColdStarts() {
    }

    /** One function to start: its template entry and the sample event it is started with. */
    record Target(SamTemplate.Function function, Path event) {
        String api() {
            return function.httpApiEvents().get(0).path().startsWith("/accounts") ? "Bandwidth" : "deepslate";
        }

        boolean isCreate() {
            SamTemplate.HttpApiEvent route = function.httpApiEvents().get(0);
            return route.method().equals("POST");
        }
    }

    static void run(PrintStream out, LocalDatabase database, Path template, int runs) throws Exception {
        List<Target> targets = targets(template);
        Path baseline = Optional.ofNullable(System.getProperty("baselineJar")).map(Path::of).orElse(null);
        List<String> serialization = ChildJvm.classPathJars("aws-lambda-java-serialization-");
        // label -> "fresh"/"primed" -> totals (event deserialisation excluded) and first-invocation times
        Map<String, List<Double>> fresh = new LinkedHashMap<>();
        Map<String, List<Double>> primedInvoke = new LinkedHashMap<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Target target : targets) {
                for (Path jar : baseline == null ? List.of(ChildJvm.functionsJar()) : List.of(ChildJvm.functionsJar(), baseline)) {
                    String handler = jar.equals(baseline) ? handlerBefore(target.function().handlerClass())
                            : target.function().handlerClass();
                    if (!contains(jar, handler)) {
                        continue;
                    }
                    String label = target.function().logicalId() + (jar.equals(baseline) ? " (baseline)" : "");
                    for (String mode : List.of("fresh", "primed")) {
                        String table = database.freshTable("fn");
                        Map<String, String> properties = Map.of("DYNAMODB_ENDPOINT", database.endpoint(),
                                "TABLE_NAME", table, "AWS_REGION", "us-east-1",
                                "LOCAL_MASTER_KEY_FILE", ColdStart.localMasterKey().toString());
                        ChildJvm.Outcome outcome = ChildJvm.run(jar, ColdStart.LAMBDA_OPTIONS, properties,
                                serialization, FunctionColdStartChild.class.getName(),
                                handler, target.event().toString(), mode);
                        Map<String, String> fields = fields(outcome.result());
                        statuses.put(label, fields.get("status"));
                        if (mode.equals("fresh")) {
                            fresh.computeIfAbsent(label, k -> new ArrayList<>())
                                    .add(outcome.millisToResult() - Double.parseDouble(fields.get("eventMs")));
                        } else {
                            primedInvoke.computeIfAbsent(label, k -> new ArrayList<>())
                                    .add(Double.parseDouble(fields.get("invokeMs")));
                        }
                        database.drop(table);
                    }
                }
            }
            out.printf(Locale.ROOT, "  function cold-start round %d/%d done%n", run + 1, runs);
        }
        out.println("== Cold start of every function in template.yaml: fresh JVM, Lambda-like options, its sample event"
                + " (functions/events), a fresh table per run; median of " + runs + " runs; now " + Machine.load());
        out.println("   fresh = process start to first response, minus the event's deserialisation (the runtime's);"
                + " primed first = the first request after SnapStart priming (restore not included)");
        out.printf(Locale.ROOT, "  %-46s %-34s %6s %10s %9s %12s %9s%n", "function", "sample event", "status",
                "fresh ms", "vs create", "primed first", "vs create");
        for (Target target : targets) {
            for (String suffix : baseline == null ? List.of("") : List.of("", " (baseline)")) {
                String label = target.function().logicalId() + suffix;
                if (!fresh.containsKey(label)) {
                    continue;
                }
                String create = targets.stream().filter(t -> t.isCreate() && t.api().equals(target.api()))
                        .map(t -> t.function().logicalId() + suffix).findFirst().orElse(null);
                double freshMs = Stats.median(fresh.get(label));
                double primedMs = Stats.median(primedInvoke.get(label));
                out.printf(Locale.ROOT, "  %-46s %-34s %6s %10.0f %9s %12.1f %9s%n", label,
                        target.event().getFileName(), statuses.get(label), freshMs,
                        ratio(freshMs, create == null ? null : fresh.get(create)), primedMs,
                        ratio(primedMs, create == null ? null : primedInvoke.get(create)));
            }
        }
        if (baseline != null) {
            out.println("   this build / baseline (" + baseline.getFileName() + "), fresh and primed first:");
            for (Target target : targets) {
                String label = target.function().logicalId();
                if (fresh.containsKey(label + " (baseline)")) {
                    out.printf(Locale.ROOT, "  %-46s %9.2fx %9.2fx%n", label,
                            Stats.median(fresh.get(label)) / Stats.median(fresh.get(label + " (baseline)")),
                            Stats.median(primedInvoke.get(label))
                                    / Stats.median(primedInvoke.get(label + " (baseline)")));
                }
            }
        }
    }

    private static String ratio(double value, List<Double> create) {
        return create == null ? "" : String.format(Locale.ROOT, "%.2fx", value / Stats.median(create));
    }

    /** Every function with an HttpApi route, and the sample event it starts with (a "seed" sample first). */
    static List<Target> targets(Path template) throws IOException {
        Path events = template.toAbsolutePath().getParent().resolve("functions/events");
        List<Path> files;
        try (Stream<Path> list = Files.list(events)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted((a, b) -> {
                int seedFirst = Boolean.compare(!a.getFileName().toString().contains("seed"),
                        !b.getFileName().toString().contains("seed"));
                return seedFirst != 0 ? seedFirst : a.compareTo(b);
            }).toList();
        }
        Map<Path, String> routeKeys = new LinkedHashMap<>();
        for (Path file : files) {
            routeKeys.put(file, JSON.readTree(file.toFile()).path("routeKey").asText());
        }
        List<Target> targets = new ArrayList<>();
        for (SamTemplate.Function function : SamTemplate.parse(template).functions()) {
            if (function.httpApiEvents().isEmpty() || function.httpApiEvents().get(0).isDefaultRoute()) {
                continue;
            }
            String routeKey = function.httpApiEvents().get(0).routeKey();
            routeKeys.entrySet().stream().filter(e -> e.getValue().equals(routeKey)).map(Map.Entry::getKey)
                    .findFirst().ifPresent(event -> targets.add(new Target(function, event)));
        }
        return targets;
    }

    /** Handler classes named otherwise before each route became one file: what an older jar holds the function as. */
    private static final String BW = "dev.sipcredentials.bandwidth.";
    private static final String DS = "dev.sipcredentials.deepslate.";
    private static final Map<String, String> HANDLERS_BEFORE = Map.of(
            BW + "CreateSipCredentials", BW + "BandwidthSipCredentialsHandler",
            BW + "GetSipCredential", BW + "BandwidthGetSipCredentialHandler",
            BW + "UpdateSipCredential", BW + "BandwidthUpdateSipCredentialHandler",
            BW + "DeleteSipCredential", BW + "BandwidthDeleteSipCredentialHandler",
            BW + "ListSipCredentials", BW + "ListSipCredentialsHandler",
            DS + "CreateSipCredential", DS + "DeepslateSipCredentialsHandler",
            DS + "GetSipCredential", DS + "GetSipCredentialHandler",
            DS + "UpdateSipCredential", DS + "UpdateSipCredentialHandler",
            DS + "DeleteSipCredential", DS + "DeleteSipCredentialHandler",
            DS + "ListSipCredentials", DS + "ListSipCredentialsHandler");

    /** The handler class an older jar has for {@code handler}: its name before the merge when it had one. */
    private static String handlerBefore(String handler) {
        return HANDLERS_BEFORE.getOrDefault(handler, handler);
    }

    private static boolean contains(Path jar, String className) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(className.replace('.', '/') + ".class") != null;
        }
    }

    private static Map<String, String> fields(String result) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : result.split(" ")) {
            String[] pair = field.split("=", 2);
            fields.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        return fields;
    }
}

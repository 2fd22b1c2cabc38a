package dev.sipcredentials.bench;

import dev.sipcredentials.priming.SnapStartPriming;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every benchmark once at a tiny size so that the normal build keeps them working. It checks that they run
 * and print, never how fast: the figures come from infra/bench/run.sh.
 */
class BenchSmokeTest {
    private static LocalDatabase database;

    @BeforeAll
    static void start() {
        database = LocalDatabase.start();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void batchAgainstFloorRunsAndWritesTheSameItems() {
        BatchOverhead bench = new BatchOverhead(database);
        try {
            assertThat(bench.checkSameItemShape()).startsWith("same attributes");
            assertThat(bench.measure(new int[] {1, 10}, 0, 1, System.out)).hasSize(2);
        } finally {
            bench.close();
        }
    }

    @Test
    void listAgainstFloorRunsAndPrintsBothRatios() throws Exception {
        assertThat(print(out -> ListBench.run(out, database, 60, 25, 1))).contains("== List: 60 credentials",
                "last full page / first page:", "handler / floor over all pages:");
    }

    @Test
    void codecRunsUnderJmh() throws Exception {
        assertThat(print(out -> Codec.run(out, true, Path.of("target/bench")))).contains("us/entry");
    }

    @Test
    void heapAndColdStartChildrenRun() throws Exception {
        assumeTrue(Files.isRegularFile(ChildJvm.functionsJar()), "functions jar not built");
        assertThat(print(out -> BenchMain.heap(out, database, 100))).contains("status=201 created=100");
        assertThat(print(out -> ColdStart.run(out, database, 1, true))).contains("XML handler", "JSON handler");
    }

    @Test
    void everyFunctionOfTheTemplateStartsColdWithItsSampleEvent() throws Exception {
        assumeTrue(Files.isRegularFile(ChildJvm.functionsJar()), "functions jar not built");
        Path template = EngineBench.templateFile();
        java.util.List<FunctionColdStarts.Target> targets = FunctionColdStarts.targets(template);
        // Every routed function has a sample event, so none escapes the measurement.
        assertThat(targets).extracting(t -> t.function().logicalId()).containsExactlyInAnyOrderElementsOf(
                dev.sipcredentials.local.SamTemplate.parse(template).functions().stream()
                        .filter(f -> !f.httpApiEvents().isEmpty())
                        .map(dev.sipcredentials.local.SamTemplate.Function::logicalId).toList());
        String printed = print(out -> FunctionColdStarts.run(out, database, template, 1));
        for (FunctionColdStarts.Target target : targets) {
            assertThat(printed).contains(target.function().logicalId());
        }
    }

    @Test
    void getOfOneCredentialOnBothApisRunsBesideItsFloor() throws Exception {
        assertThat(print(out -> new ReadOverhead(database).deepslateGet(out, 3, 1))).contains("handler/floor");
        assertThat(print(out -> new ReadOverhead(database).bandwidthGet(out, 3, 1))).contains("(Bandwidth)");
    }

    @Test
    void engineSectionRunsAndPrintsEveryFigure() throws Exception {
        String printed = print(out -> EngineBench.run(out, true));
        assertThat(printed).contains("engine, in memory", "engine, --db-path", "moto", "  in memory", "  --db-path",
                "Local jar", "stored=2000 heapUsedMiB=");
    }

    @Test
    void jarSizeIsPrinted() throws Exception {
        assumeTrue(Files.isRegularFile(ChildJvm.functionsJar()), "functions jar not built");
        assertThat(BenchMain.jar(System.out)).isPositive();
    }

    @Test
    void snapStartPrimingOfEveryFunctionStoresNothing() {
        String table = database.freshTable("priming");
        System.setProperty("DYNAMODB_ENDPOINT", database.endpoint());
        System.setProperty("AWS_REGION", "us-east-1");
        System.setProperty("TABLE_NAME", table);
        // As Lambda builds them: each registers the priming of its own route and of its role's store actions.
        for (dev.sipcredentials.local.SamTemplate.Function function
                : dev.sipcredentials.local.SamTemplate.parse(EngineBench.templateFile()).functions()) {
            try {
                Class.forName(function.handlerClass()).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build " + function.handlerClass(), e);
            }
        }
        assertThat(SnapStartPriming.primeRegistered()).as("handlers answered 503/400 through their whole paths, every priming writes refused").isTrue();
        assertThat(database.admin().scan(ScanRequest.builder().tableName(table).build()).count()).isZero();
    }

    private interface Section {
        void run(PrintStream out) throws Exception;
    }

    @Test
    void cloudProfileRunsThroughTheJarsHandlersAgainstTheKmsEndpointAndCountsItsCalls() throws Exception {
        assumeTrue(Files.isRegularFile(ChildJvm.functionsJar()), "functions jar not built");
        String printed = print(out -> CloudBench.run(out, EngineBench.templateFile(), 20, 2, 1));
        assertThat(printed).contains("== Cloud profile", "load average", "XML batch of 20", "XML list page of 20",
                "XML GET one", "JSON create", "JSON list page of 3", "this build");
        // The handlers sealed through the KMS endpoint: the batch's row names some KMS calls and no refusal.
        String batchRow = printed.lines().filter(l -> l.strip().startsWith("XML batch of 20")).findFirst().orElseThrow();
        String[] columns = batchRow.strip().split("\\s+");
        // route (4 words), build (2), status, errors, wall, KMS calls, thr, DDB calls, RCU, WCU, GB-s
        assertThat(columns[6]).isEqualTo("201");
        assertThat(columns[7]).as(batchRow).isEqualTo("0");
        assertThat(Long.parseLong(columns[9])).as(batchRow).isPositive();
        assertThat(Long.parseLong(columns[10])).as(batchRow).isZero();
        assertThat(Long.parseLong(columns[11])).as(batchRow).isPositive();
        assertThat(Double.parseDouble(columns[13])).as(batchRow).isGreaterThanOrEqualTo(20);
    }

    private static String print(Section section) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            section.run(out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        return printed;
    }
}

package dev.sipcredentials.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/** Runs {@link CodecBenchmark} with JMH (its own log goes to a file) and prints µs per entry. */
final class Codec {
    private Codec() {
    }

    static void run(PrintStream out, boolean quick, Path logDirectory) throws RunnerException, java.io.IOException {
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve("jmh.log");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CodecBenchmark.class.getName())
                .output(log.toString());
        if (quick) {
            options.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100)).param("entries", "1");
        } else {
            options.forks(1).warmupIterations(4).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                    // The same heap limit as the batch's heap check: allocation cost counts as it would there.
                    .jvmArgs("-Xmx256m");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        out.println("== Codec CPU without store (JMH, " + (quick ? "smoke" : "1 fork, 4x1s warm-up, 5x1s measured")
                + "; log: " + log + "; now " + Machine.load() + ")");
        boolean deepslateShown = false;
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            int entries = Integer.parseInt(result.getParams().getParam("entries"));
            double micros = result.getPrimaryResult().getScore();
            if (method.endsWith("bandwidthBatch")) {
                out.printf(Locale.ROOT, "  XML batch of %5d: %10.1f us/request  %6.2f us/entry (target <= 10)%n",
                        entries, micros, micros / entries);
            } else if (!deepslateShown) {
                deepslateShown = true;
                out.printf(Locale.ROOT, "  JSON create:        %10.1f us/request%n", micros);
            }
        }
    }
}

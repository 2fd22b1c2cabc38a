package dev.sipcredentials.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM whose class path is the deployable functions jar (what Lambda loads) plus this module's classes
 * (for the small launcher mains), and optionally extra jars.
 */
final class ChildJvm {
    /** The line a child prints when its figure is ready; everything after the prefix is the figure. */
    static final String RESULT_PREFIX = "RESULT ";
    static final String MORE_RESULT_PREFIX = "RESULT+ ";

    private ChildJvm() {
    }

    /** The functions module's test-jar (its test kit), beside the deployable jar. */
    static Path testKitJar() throws java.io.IOException {
        try (var files = Files.list(functionsJar().getParent())) {
            return files.filter(file -> file.getFileName().toString().endsWith("-tests.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no functions test-jar: build with mvn -B -DskipTests package"));
        }
    }

    static Path functionsJar() {
        String configured = System.getProperty("functionsJar");
        Path jar = Path.of(configured != null ? configured : "functions/target/sip-credentials-functions.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar.toAbsolutePath() + ": build with mvn -B -DskipTests package");
        }
        return jar.toAbsolutePath();
    }

    /** The launcher mains' jar (run.sh) or classes directory (tests); AppCDS accepts only jars on a class path. */
    static Path benchClasses() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean benchClassesInJar() {
        return benchClasses().toString().endsWith(".jar");
    }

    /** Jars of this JVM's class path whose file name starts with one of the prefixes (e.g. the CRT client). */
    static List<String> classPathJars(String... prefixes) {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            for (String prefix : prefixes) {
                if (name.startsWith(prefix) && name.endsWith(".jar")) {
                    jars.add(entry);
                }
            }
        }
        return jars;
    }

    /** The outcome of one child: its RESULT line and the wall time from start until that line arrived. */
    record Outcome(String result, double millisToResult) {
    }

    static Outcome run(List<String> jvmOptions, Map<String, String> properties, List<String> extraClassPath,
                       String mainClass, String... args) throws IOException, InterruptedException {
        return run(functionsJar(), jvmOptions, properties, extraClassPath, mainClass, args);
    }

    /** As {@link #run(List, Map, List, String, String...)} with another functions jar (e.g. an older build's). */
    static Outcome run(Path functionsJar, List<String> jvmOptions, Map<String, String> properties,
                       List<String> extraClassPath, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        List<String> classPath = new ArrayList<>();
        classPath.add(functionsJar.toString());
        // The test kit builds the child's synthetic events (GrantedEvents); it is not in the deployable jar.
        classPath.add(testKitJar().toString());
        classPath.add(benchClasses().toString());
        classPath.addAll(extraClassPath);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        String result = null;
        double millis = Double.NaN;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (result == null && line.startsWith(RESULT_PREFIX)) {
                    millis = (System.nanoTime() - start) / 1e6;
                    result = line.substring(RESULT_PREFIX.length());
                } else if (result != null && line.startsWith(MORE_RESULT_PREFIX)) {
                    // Figures taken after the timed first response (e.g. warm requests) do not move its time.
                    result = result + " " + line.substring(MORE_RESULT_PREFIX.length());
                } else if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (result == null || process.exitValue() != 0) {
            throw new IllegalStateException("child " + mainClass + " " + List.of(args) + " failed (exit "
                    + process.exitValue() + "):\n" + output);
        }
        return new Outcome(result, millis);
    }
}

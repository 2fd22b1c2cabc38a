package dev.sipcredentials.build;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after {@code package} (failsafe) on the deployable jar, {@code target/sip-credentials-functions.jar}, the file
 * template.yaml deploys: no test fixture in it, and no dependency cycle between its packages.
 */
class DeployableJarIT {
    private static final Path JAR = Path.of("target/sip-credentials-functions.jar");
    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    private static final String OURS = "dev/sipcredentials/";

    @Test
    void holdsNoTestFixture() throws IOException {
        Set<String> ours = ourClasses();
        Set<String> testClasses;
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            testClasses = files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> TEST_CLASSES.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }

        assertThat(ours).as("the handlers named in template.yaml")
                .contains(OURS + "bandwidth/CreateSipCredentials.class",
                        OURS + "deepslate/CreateSipCredential.class");
        assertThat(testClasses).as("the test kit is compiled, so this check can see it")
                .contains(OURS + "testkit/InMemorySipCredentialStore.class");
        assertThat(ours).as("classes of the test sources (the test kit and every other fixture)")
                .doesNotContainAnyElementsOf(testClasses);
        assertThat(ours).as("fixture-like names").noneMatch(name -> name.startsWith(OURS + "testkit/")
                || name.matches(".*/(InMemory|NoWrite|Granted|Fake|Stub|Test)[^/]*\\.class"));
    }

    @Test
    void itsPackagesHaveNoCycle() {
        Map<String, Set<String>> graph = packageGraph();
        assertThat(graph).as("jdeps found our packages").containsKeys("dev.sipcredentials.http",
                "dev.sipcredentials.bandwidth", "dev.sipcredentials.deepslate", "dev.sipcredentials.store");

        assertThat(cycles(graph)).as("package cycles (each a strongly connected set)").isEmpty();
    }

    @Test
    void theCycleCheckFindsTheCycleThatPrimingOnceMade() {
        // Before the pipeline: each handler registered SnapStartPriming, which constructed both handlers.
        Map<String, Set<String>> graph = Map.of("bandwidth", Set.of("priming", "http"), "priming",
                Set.of("bandwidth", "deepslate"), "deepslate", Set.of("priming"), "http", Set.of());

        assertThat(cycles(graph)).containsExactly(Set.of("bandwidth", "priming", "deepslate"));
    }

    private static Set<String> ourClasses() throws IOException {
        assertThat(JAR).as("built by package").isRegularFile();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            return zip.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith(OURS) && name.endsWith(".class"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * {@code jdeps -verbose:package} over the jar, limited to our classes: every edge between two of our packages.
     * The same as {@code jdeps --multi-release 17 -verbose:package -include 'dev\.sipcredentials\..*'
     * -e 'dev\.sipcredentials\..*' functions/target/sip-credentials-functions.jar}.
     */
    static Map<String, Set<String>> packageGraph() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--multi-release", "17",
                "-verbose:package", "-include", "dev\\.sipcredentials\\..*", "-e", "dev\\.sipcredentials\\..*",
                JAR.toString());
        assertThat(status).as("jdeps: " + err).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        Matcher edge = Pattern.compile("^\\s+(dev\\.sipcredentials[\\w.]*)\\s+->\\s+(dev\\.sipcredentials[\\w.]*)\\s",
                Pattern.MULTILINE).matcher(out.toString());
        while (edge.find()) {
            String from = edge.group(1);
            String to = edge.group(2);
            graph.computeIfAbsent(from, p -> new TreeSet<>());
            graph.computeIfAbsent(to, p -> new TreeSet<>());
            if (!from.equals(to)) {
                graph.get(from).add(to);
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components with more than one package. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> cycles = new ArrayList<>();
        int[] counter = {0};
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, cycles, counter);
            }
        }
        return cycles;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> cycles, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]++);
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, cycles, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }
}

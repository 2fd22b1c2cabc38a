package dev.sipcredentials.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.contract.SampleEvents;
import dev.sipcredentials.local.EmbeddedDynamoDb;
import dev.sipcredentials.local.SamTemplate;
import dev.sipcredentials.local.TableCreator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The deployable jar under AWS's own Lambda Java runtime: {@code com.amazonaws:aws-lambda-java-runtime-interface-client}
 * (the runtime of the java21 managed runtime) runs in a child JVM against {@link LambdaRuntimeApiEmulator}, with the
 * jar where Lambda puts it ({@code $LAMBDA_TASK_ROOT/lib}), the template's environment and JAVA_TOOL_OPTIONS, over the
 * embedded DynamoDB. Every function gets every sample event its route names; once more with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, where the runtime itself runs the CRaC before-checkpoint hooks:
 * the priming's store calls must happen before the checkpoint and none in a plain init.
 */
class RuntimeInterfaceClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Path FUNCTIONS_JAR = SampleEvents.template().getParent()
            .resolve("functions/target/sip-credentials-functions.jar");
    private static final SamTemplate template = SamTemplate.parse(SampleEvents.template());

    /** A fresh embedded DynamoDB with the template's tables: each run starts from an empty table. */
    private static EmbeddedDynamoDb freshDatabase() {
        EmbeddedDynamoDb database = EmbeddedDynamoDb.start(null);
        try (DynamoDbClient client = database.newClient()) {
            template.tables().forEach(table -> TableCreator.create(client, table));
        }
        return database;
    }

    static Stream<String> functions() {
        return SamTemplate.parse(SampleEvents.template()).functions().stream().map(SamTemplate.Function::logicalId);
    }

    /** The runtime client's own jars (and what it needs), from this test's class path: Lambda's /var/runtime. */
    private static String runtimeClassPath() {
        List<String> wanted = List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-core",
                "aws-lambda-java-serialization", "utils-lite");
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> wanted.stream().anyMatch(name -> Path.of(entry).getFileName().toString().startsWith(name)))
                .toList();
        assertThat(jars).as("the runtime client and its dependencies on the test class path").hasSizeGreaterThanOrEqualTo(3);
        return String.join(File.pathSeparator, jars);
    }

    /** A child JVM running the function under the runtime client, as Lambda's java21 runtime starts it. */
    private static Process startRuntime(SamTemplate.Function function, LambdaRuntimeApiEmulator api, String dynamoDb,
            Path taskRoot, Path log, boolean snapStart) throws Exception {
        Files.createDirectories(taskRoot.resolve("lib"));
        Files.copy(FUNCTIONS_JAR, taskRoot.resolve("lib/sip-credentials-functions.jar"));
        Path masterKey = taskRoot.resolve("master-key");
        Files.writeString(masterKey, java.util.Base64.getEncoder().encodeToString(new byte[32]));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // As the managed runtime's launcher does: org.crac (in the jar) reaches the runtime client's CRaC context.
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"));
        command.addAll(List.of("-cp", runtimeClassPath(), RUNTIME_MAIN,
                function.handlerClass() + "::" + function.handlerMethod()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS"));
        env.putAll(function.environment()); // TABLE_NAME, JAVA_TOOL_OPTIONS, ... as template.yaml declares them
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", function.handlerClass() + "::" + function.handlerMethod());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("DYNAMODB_ENDPOINT", dynamoDb);
        env.put("LOCAL_MASTER_KEY_FILE", masterKey.toString()); // in place of KMS, as the local stack does
        if (snapStart) {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        } else {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        }
        return builder.start();
    }

    private static void stopRuntime(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String log(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    @Timeout(180)
    void everySampleEventOfTheFunctionGetsItsDocumentedAnswerUnderTheRuntimeClient(String functionId,
            @TempDir Path taskRoot) throws Exception {
        assumeTrue(Files.isRegularFile(FUNCTIONS_JAR), "the deployable jar is built by the functions module's package");
        SamTemplate.Function function = template.function(functionId).orElseThrow();
        assertThat(function.environment()).containsKeys("TABLE_NAME", "JAVA_TOOL_OPTIONS");
        Map<String, JsonNode> events = new LinkedHashMap<>();
        for (String file : SampleEvents.files()) {
            JsonNode event = SampleEvents.read(file);
            if (SampleEvents.functionFor(event).equals(functionId)) {
                events.put(file, event);
            }
        }
        assertThat(events).as("sample events for " + functionId).isNotEmpty();

        Path log = taskRoot.resolve("runtime.log");
        try (EmbeddedDynamoDb database = freshDatabase();
                LambdaRuntimeApiEmulator api = new LambdaRuntimeApiEmulator();
                CountingHttpProxy dynamoDb = new CountingHttpProxy(database.endpoint())) {
            Process runtime = startRuntime(function, api, dynamoDb.endpoint().toString(), taskRoot.resolve("task"), log,
                    false);
            try {
                api.awaitCall("GET invocation/next", Duration.ofSeconds(90));
                assertThat(dynamoDb.calls()).as("a plain init primes nothing, so it calls no store").isEmpty();
                for (Map.Entry<String, JsonNode> sample : events.entrySet()) {
                    LambdaRuntimeApiEmulator.Result result = api.invoke(sample.getValue().toString(), Duration.ofSeconds(90));
                    assertThat(result.error()).as(sample.getKey() + ": " + result.body() + "\n" + log(log)).isFalse();
                    JsonNode response = JSON.readTree(result.body());
                    assertThat(SampleEvents.violations(sample.getValue(), response)).as(sample.getKey() + ": " + response)
                            .isEmpty();
                    assertThat(response.get("statusCode").asInt()).as(sample.getKey() + ": " + response)
                            .isEqualTo(SampleEvents.EXPECTED_STATUS.get(sample.getKey()));
                }
            } finally {
                stopRuntime(runtime);
            }
            assertThat(api.initErrors()).isEmpty();
            assertThat(api.checkpointRequested()).as("no snapshot without SnapStart").isFalse();
            assertThat(log(log)).doesNotContain("strong-password", "SnapStart priming skipped");
        }
    }

    @Test
    @Timeout(240)
    void underSnapStartTheRuntimeRunsThePrimingBeforeTheCheckpointAndTheRestoredFunctionServes(@TempDir Path taskRoot)
            throws Exception {
        assumeTrue(Files.isRegularFile(FUNCTIONS_JAR), "the deployable jar is built by the functions module's package");
        SamTemplate.Function function = template.function("BandwidthSipCredentialsFunction").orElseThrow();
        JsonNode seed = SampleEvents.read("bandwidth-create-seed.json");
        Path log = taskRoot.resolve("runtime.log");
        try (EmbeddedDynamoDb database = freshDatabase();
                LambdaRuntimeApiEmulator api = new LambdaRuntimeApiEmulator();
                CountingHttpProxy dynamoDb = new CountingHttpProxy(database.endpoint())) {
            Process runtime = startRuntime(function, api, dynamoDb.endpoint().toString(), taskRoot.resolve("task"), log,
                    true);
            try {
                long checkpoint = api.awaitCheckpoint(Duration.ofSeconds(120));
                List<String> beforeCheckpoint = dynamoDb.calls().stream().filter(c -> c.nanos() < checkpoint)
                        .map(CountingHttpProxy.Call::target).toList();
                assertThat(beforeCheckpoint).as("the priming's store calls, made by the runtime's before-checkpoint hook; "
                        + "log:\n" + log(log)).contains("DynamoDB_20120810.PutItem");
                assertThat(api.calls()).as("no invocation before the snapshot").noneMatch(c -> c.contains("invocation/next"));

                api.restore();
                LambdaRuntimeApiEmulator.Result first = api.invoke(seed.toString(), Duration.ofSeconds(60));
                // Another request (another API Gateway request id) for the same names: the store refuses them now.
                com.fasterxml.jackson.databind.node.ObjectNode again = seed.deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) again.get("requestContext")).put("requestId", "another-one");
                LambdaRuntimeApiEmulator.Result second = api.invoke(again.toString(), Duration.ofSeconds(60));

                assertThat(first.error()).as(first.body() + "\n" + log(log)).isFalse();
                JsonNode response = JSON.readTree(first.body());
                assertThat(response.get("statusCode").asInt()).as(first.body()).isEqualTo(201);
                assertThat(SampleEvents.violations(seed, response)).isEmpty();
                assertThat(JSON.readTree(second.body()).get("statusCode").asInt()).as("the same names again").isEqualTo(400);
                System.out.printf("SnapStart under the runtime client: first request after restore %d ms, second %d ms%n",
                        first.nanos() / 1_000_000, second.nanos() / 1_000_000);
            } finally {
                stopRuntime(runtime);
            }
            assertThat(api.initErrors()).as(log(log)).isEmpty();
            assertThat(log(log)).doesNotContain("SnapStart priming skipped");
        }
    }
}

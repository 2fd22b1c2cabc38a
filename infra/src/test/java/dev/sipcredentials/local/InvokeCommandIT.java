package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.contract.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code invoke}, the Docker-free {@code sam local invoke}: every sample event in functions/events/ runs through the
 * function its route names, over a fresh embedded DynamoDB, and the printed response is the documented one.
 */
class InvokeCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = SampleEvents.directory();

    private record Run(int status, String out, String err) {}

    private static Run invoke(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InvokeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Stream<String> events() {
        return SampleEvents.files().stream();
    }

    /** Checks a printed payload-2.0 response against the contract; returns its status. */
    static int checkAgainstContract(JsonNode event, JsonNode response) {
        assertThat(SampleEvents.violations(event, response)).as("response breaks the contract: " + response).isEmpty();
        return response.get("statusCode").asInt();
    }

    @Test
    void everySampleEventHasAnExpectation() throws Exception {
        assertThat(events().toList()).containsExactlyInAnyOrderElementsOf(SampleEvents.EXPECTED_STATUS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void invokesTheRoutesFunctionWithTheSampleAndPrintsItsResponse(String file, @TempDir Path state) throws Exception {
        JsonNode event = JSON.readTree(EVENTS.resolve(file).toFile());
        String function = SampleEvents.functionFor(event);

        Run run = invoke(function, "--event", EVENTS.resolve(file).toString(), "--template",
                TestTemplates.project().toString(), "--state-dir", state.toString());

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode response = JSON.readTree(run.out());
        assertThat(run.out().strip().lines().count()).as("stdout is the response JSON alone").isEqualTo(1);
        assertThat(checkAgainstContract(event, response)).as(run.out()).isEqualTo(SampleEvents.EXPECTED_STATUS.get(file));
        assertThat(run.err()).contains("START RequestId: ", "END RequestId: ", "REPORT RequestId: ", "Duration: ",
                "Memory Size: 1024 MB");
        assertThat(run.out() + run.err()).doesNotContain("strong-password");
    }

    @Test
    void envVarsOverrideTheTemplatesEnvironmentAsSamDoes(@TempDir Path state) throws Exception {
        Path envVars = state.resolve("env.json");
        // A table that does not exist: the function's write fails, proving the override reached it.
        Files.writeString(envVars, "{\"BandwidthSipCredentialsFunction\": {\"TABLE_NAME\": \"NoSuchTable\"}}");

        Run run = invoke("BandwidthSipCredentialsFunction", "--event", EVENTS.resolve("bandwidth-create-seed.json")
                .toString(), "--env-vars", envVars.toString(), "--template", TestTemplates.project().toString(),
                "--state-dir", state.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("statusCode").asInt()).isIn(500, 503);
    }

    @Test
    void unknownFunctionsAndMissingEventsAreUsageErrors() {
        Run unknown = invoke("NoSuchFunction", "--event", EVENTS.resolve("bandwidth-create-seed.json").toString(),
                "--template", TestTemplates.project().toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("No function NoSuchFunction", "BandwidthSipCredentialsFunction");
        assertThat(unknown.out()).isEmpty();

        Run noEvent = invoke("BandwidthSipCredentialsFunction");
        assertThat(noEvent.status()).isEqualTo(2);
        assertThat(noEvent.err()).contains("--event");

        Run help = invoke("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar infra/target/sip-credentials-local.jar invoke");
    }

    @Test
    void theShadedJarInvokesLikeSamLocalInvoke(@TempDir Path state) throws Exception {
        String jar = System.getProperty("localStackJar");
        Assumptions.assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the shaded jar is built by package");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // From infra/, as a user in that folder would: template.yaml is found in the folder above.
        Process fromRoot = new ProcessBuilder(java.toString(), "-jar", jar, "invoke", "DeepslateSipCredentialsFunction",
                "--event", "../functions/events/deepslate-create-seed.json", "--state-dir", state.toString())
                .directory(TestTemplates.project().getParent().resolve("infra").toFile()).start();
        String out = new String(fromRoot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(fromRoot.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fromRoot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(fromRoot.exitValue()).as(err).isZero();
        JsonNode event = JSON.readTree(EVENTS.resolve("deepslate-create-seed.json").toFile());
        assertThat(checkAgainstContract(event, JSON.readTree(out))).isEqualTo(201);
        assertThat(err).contains("START RequestId: ", "REPORT RequestId: ");
    }
}

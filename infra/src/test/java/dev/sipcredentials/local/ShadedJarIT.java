package dev.sipcredentials.local;

import dev.sipcredentials.contract.ContractValidator;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs target/sip-credentials-local.jar as `java -jar` would from a terminal, with the project's template.yaml and
 * the real handlers inside the jar.
 */
class ShadedJarIT {

    @Test
    void theJarStartsServesAndStopsOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("localStackJar", "target/sip-credentials-local.jar"));
        assertThat(jar).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Path state = Files.createTempDirectory("local-stack-state");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(),
                "--port", "0", "--template", TestTemplates.project().toString(), "--state-dir", state.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith(Main.READY_MARKER)) {
                        ready.complete(URI.create(line.substring(Main.READY_MARKER.length()).split("\\s+")[0]));
                    }
                }
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("exited before ready: " + output));
        });
        reader.start();
        try {
            URI baseUrl = ready.get(60, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> notFound = ContractValidator.check(http.send(
                    HttpRequest.newBuilder(baseUrl.resolve("/nope")).build(), HttpResponse.BodyHandlers.ofString()));
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.body()).isEqualTo("{\"message\":\"Not Found\"}");

            // The seed request reaches the real Bandwidth handler: whatever it answers, it is not a gateway failure.
            String seed = new String(Main.class.getResourceAsStream("/seed-requests/bandwidth-sipcredentials.xml")
                    .readAllBytes(), StandardCharsets.UTF_8);
            HttpResponse<String> unauthorized = ContractValidator.check(http.send(HttpRequest.newBuilder(baseUrl.resolve("/accounts/41/sipcredentials"))
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(seed)).build(), HttpResponse.BodyHandlers.ofString()));
            assertThat(unauthorized.statusCode()).isEqualTo(401);

            // A token from the `token` command, signed with the key the running stack created in the same state directory.
            Process tokenCommand = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "token", "--account", "41",
                    "--template", TestTemplates.project().toString(), "--state-dir", state.toString()).start();
            String token = new String(tokenCommand.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(tokenCommand.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(tokenCommand.exitValue()).isZero();
            HttpResponse<String> seeded = ContractValidator.check(http.send(HttpRequest.newBuilder(baseUrl.resolve("/accounts/41/sipcredentials"))
                    .header("Content-Type", "application/xml")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(seed)).build(), HttpResponse.BodyHandlers.ofString()));
            assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(201);
        } finally {
            process.destroy(); // SIGTERM
            boolean exited = process.waitFor(20, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            reader.join(5_000);
            assertThat(exited).as("exited after SIGTERM; output: %s", output).isTrue();
        }
        assertThat(process.exitValue()).as("output: %s", output).isZero();
        assertThat(output).anyMatch(line -> line.matches("GET /nope 404 \\d+ms \\S+"));
        assertThat(output).anyMatch(line -> line.startsWith("POST /accounts/41/sipcredentials "));
        assertThat(output).anyMatch(line -> line.startsWith("curl -i -X POST '"));
        assertThat(output).anyMatch(line -> line.startsWith("TOKEN=ey"));
        assertThat(output).as("text logs by default: no structured function lines").noneMatch(line -> line.startsWith("{"));
        String token = output.stream().filter(line -> line.startsWith("TOKEN=")).findFirst().orElseThrow().substring(6);
        assertThat(output.stream().filter(line -> line.contains(token))).as("the token printed once").hasSize(1);
        assertThat(output).anyMatch(line -> line.equals("  -H \"Authorization: Bearer $TOKEN\" \\"));
        assertThat(output).anyMatch(line -> line.startsWith("Development token (1 h;") && line.contains("token"));
        assertThat(output).noneMatch(line -> line.contains("1g32gadgs433dd4") && line.startsWith("POST"));
        assertThat(Files.size(jar)).isPositive();
    }
}

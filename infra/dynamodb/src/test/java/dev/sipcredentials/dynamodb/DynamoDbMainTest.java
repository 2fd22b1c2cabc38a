package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.item;
import static dev.sipcredentials.dynamodb.EngineClients.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The standalone engine: prints its endpoint, serves, stops on SIGTERM keeping a durable database. */
class DynamoDbMainTest {

    private static Process start(String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                DynamoDbMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static URI endpointOf(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern endpoint = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = endpoint.matcher(line);
            if (m.find()) {
                return URI.create(m.group(1));
            }
        }
        throw new IllegalStateException("no endpoint printed");
    }

    @Test
    void servesOnThePrintedEndpointAndKeepsDataAcrossSigterm(@TempDir Path dir) throws Exception {
        Process first = start("--port", "0", "--db-path", dir.toString());
        try {
            URI endpoint = endpointOf(first);
            try (DynamoDbClient client = EngineClients.noRetries(endpoint)) {
                EngineClients.createHashTable(client, "standalone");
                client.putItem(r -> r.tableName("standalone").item(item("pk", "kept")));
            }
            first.destroy(); // SIGTERM
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        Process second = start("--port", "0", "--db-path", dir.toString());
        try (DynamoDbClient client = EngineClients.noRetries(endpointOf(second))) {
            assertThat(client.getItem(r -> r.tableName("standalone").key(key("kept"))).hasItem()).isTrue();
        } finally {
            second.destroyForcibly();
        }
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Process p = start("--help");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).contains("--port N").contains("--db-path DIR");
    }
}

package dev.sipcredentials.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.local.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** functions/events/*.json: every sample event, the function its route names, and the status it must answer with. */
public final class SampleEvents {

    /** What each sample answers (functions/events/README.md); a new sample must say what it expects here. */
    public static final Map<String, Integer> EXPECTED_STATUS = Map.ofEntries(
            Map.entry("bandwidth-create-seed.json", 201),
            Map.entry("bandwidth-create-base64.json", 201),
            Map.entry("bandwidth-create-missing-username.json", 400),
            Map.entry("deepslate-create-seed.json", 201),
            Map.entry("deepslate-create-invalid-port.json", 400),
            Map.entry("deepslate-get-unknown.json", 404),
            Map.entry("deepslate-delete-unknown.json", 404),
            Map.entry("deepslate-update-unknown.json", 404),
            Map.entry("bandwidth-list-empty.json", 404),
            Map.entry("deepslate-list-empty.json", 200),
            Map.entry("bandwidth-get-unknown.json", 404),
            Map.entry("bandwidth-update-unknown.json", 404),
            Map.entry("bandwidth-delete-unknown.json", 404));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {}

    public static Path template() {
        return Path.of(System.getProperty("templateFile", "../template.yaml")).toAbsolutePath().normalize();
    }

    public static Path directory() {
        return template().getParent().resolve("functions/events");
    }

    /** The file names, sorted. */
    public static List<String> files() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String file) {
        try {
            return JSON.readTree(directory().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logical id of the function whose HttpApi route the event's routeKey names. */
    public static String functionFor(JsonNode event) {
        String routeKey = event.get("routeKey").asText();
        return SamTemplate.parse(template()).functions().stream()
                .filter(f -> f.httpApiEvents().stream().anyMatch(e -> e.routeKey().equals(routeKey)))
                .map(SamTemplate.Function::logicalId).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + routeKey + " in template.yaml"));
    }

    /**
     * The contract's complaints about a printed payload-2.0 response ({@code statusCode}, {@code headers},
     * {@code body}) to this event; empty when it keeps the contract.
     */
    public static List<String> violations(JsonNode event, JsonNode response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String body = response.path("body").asText();
        if (response.path("isBase64Encoded").asBoolean(false)) {
            body = new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
        }
        return ContractValidator.instance().violations(new ContractValidator.Observed(
                event.get("routeKey").asText().split(" ")[0], event.get("rawPath").asText(),
                response.path("statusCode").asInt(), headers, body));
    }
}

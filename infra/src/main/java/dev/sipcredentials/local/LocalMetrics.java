package dev.sipcredentials.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What CloudWatch would make of the functions' embedded-metric-format lines: every log line whose top-level object
 * has an {@code _aws.CloudWatchMetrics} directive is read as CloudWatch Logs reads it (each metric named in a
 * directive takes its value from the member of that name, each dimension set from the members it names), and summed
 * per namespace, dimension values and metric. {@code GET /_local/metrics} serves the sums; a Latency-like metric in
 * Milliseconds is also given its count and maximum.
 */
public final class LocalMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The last EMF documents seen, for tests that check them against the specification. */
    private static final int KEPT_DOCUMENTS = 2000;

    /** Per series (namespace, then dimension name and value pairs): metric name to its sum. */
    private final Map<List<String>, Map<String, Sum>> sums = new LinkedHashMap<>();
    private final Deque<String> documents = new ArrayDeque<>();
    private long rejected;

    private static final class Sum {
        final String unit;
        double total;
        long samples;
        double max = Double.NEGATIVE_INFINITY;

        Sum(String unit) {
            this.unit = unit;
        }
    }

    /**
     * Takes one log line; returns true if it was an EMF document (counted), false for any other line. A line that
     * looks like EMF but breaks the format's rules (a named metric without a numeric member, a dimension without a
     * string member) is not counted, as CloudWatch would drop it, and shows up as {@code rejectedDocuments}.
     */
    public boolean accept(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{") || !trimmed.contains("\"_aws\"")) {
            return false;
        }
        JsonNode document;
        try {
            document = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return false;
        }
        JsonNode directives = document.path("_aws").path("CloudWatchMetrics");
        if (!directives.isArray()) {
            return false;
        }
        List<Runnable> additions = new ArrayList<>();
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                List<String> key = new ArrayList<>();
                key.add(namespace);
                for (JsonNode dimension : dimensionSet) {
                    JsonNode value = document.path(dimension.asText());
                    if (!value.isTextual()) {
                        return reject();
                    }
                    key.add(dimension.asText());
                    key.add(value.asText());
                }
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    JsonNode value = document.path(name);
                    if (!value.isNumber()) {
                        return reject();
                    }
                    String unit = metric.path("Unit").asText("None");
                    List<String> series = List.copyOf(key);
                    additions.add(() -> add(series, name, unit, value.asDouble()));
                }
            }
        }
        synchronized (this) {
            additions.forEach(Runnable::run);
            documents.addLast(trimmed);
            if (documents.size() > KEPT_DOCUMENTS) {
                documents.removeFirst();
            }
        }
        return true;
    }

    private synchronized boolean reject() {
        rejected++;
        return true;
    }

    private void add(List<String> series, String name, String unit, double value) {
        Sum sum = sums.computeIfAbsent(series, s -> new LinkedHashMap<>()).computeIfAbsent(name, n -> new Sum(unit));
        sum.total += value;
        sum.samples++;
        sum.max = Math.max(sum.max, value);
    }

    /** The EMF documents seen last (at most 2,000), oldest first. */
    public synchronized List<String> documents() {
        return List.copyOf(documents);
    }

    public synchronized void reset() {
        sums.clear();
        documents.clear();
        rejected = 0;
    }

    /**
     * The sums as JSON: {@code {"series":[{"namespace":..,"dimensions":{"Route":..},"metrics":{"Requests":3,..,
     * "Latency":{"sum":..,"count":..,"max":..}}}],"rejectedDocuments":0}}.
     */
    public synchronized String toJson() {
        ObjectNode root = JSON.createObjectNode();
        var series = root.putArray("series");
        sums.forEach((key, metrics) -> {
            ObjectNode entry = series.addObject();
            entry.put("namespace", key.get(0));
            ObjectNode dimensions = entry.putObject("dimensions");
            for (int i = 1; i + 1 < key.size(); i += 2) {
                dimensions.put(key.get(i), key.get(i + 1));
            }
            ObjectNode values = entry.putObject("metrics");
            metrics.forEach((name, sum) -> {
                if ("Count".equals(sum.unit)) {
                    values.put(name, Math.round(sum.total));
                } else {
                    ObjectNode distribution = values.putObject(name);
                    distribution.put("unit", sum.unit);
                    distribution.put("sum", sum.total);
                    distribution.put("count", sum.samples);
                    distribution.put("max", sum.max);
                }
            });
        });
        root.put("rejectedDocuments", rejected);
        return root.toString();
    }
}

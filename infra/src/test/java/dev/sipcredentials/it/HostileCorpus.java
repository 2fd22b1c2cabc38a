package dev.sipcredentials.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile request corpus in src/test/resources/hostile/{xml,json}: one file per case, named
 * {@code <case>.<status>.<code>.<ext>}. {@code .xml}/{@code .json}/{@code .bin} files are the body verbatim
 * ({@code .bin}: raw bytes, no substitution); {@code .gen} files describe a body too large or too repetitive to
 * keep: {@code key=value} lines ({@code body}, {@code contentType}, and path parameters {@code accountId},
 * {@code vendorId}, {@code organizationId} as they appear percent-encoded in the URL), where {@code ${text*N}} is
 * {@code text} repeated N times and {@code ${attrs*N}} N distinct attributes. {@code ${LISTENER}} is the URL of a
 * loopback server that must never be contacted.
 */
record HostileCorpus(String api, String name, int status, String code, String contentType,
                     Map<String, String> rawPathParameters, byte[] body) {

    static final String DEFAULT_ACCOUNT = "41";
    static final String DEFAULT_VENDOR = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    static final String DEFAULT_ORGANIZATION = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final Path ROOT = Path.of("src", "test", "resources", "hostile");
    private static final Pattern REPEAT = Pattern.compile("\\$\\{([^$]+?)\\*(\\d+)}", Pattern.DOTALL);

    @Override
    public String toString() {
        return api + "/" + name + " -> " + status + " " + code;
    }

    boolean isXml() {
        return api.equals("xml");
    }

    String rawPath() {
        Map<String, String> p = rawPathParameters;
        return isXml() ? "/accounts/" + p.get("accountId") + "/sipcredentials"
                : "/api/v1/vendors/" + p.get("vendorId") + "/organizations/" + p.get("organizationId")
                + "/sip/credentials";
    }

    /** Decoded, as API Gateway passes path parameters to the function. */
    Map<String, String> pathParameters() {
        Map<String, String> decoded = new LinkedHashMap<>();
        rawPathParameters.forEach((k, v) -> decoded.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
        return decoded;
    }

    String routeKey() {
        return isXml() ? "POST /accounts/{accountId}/sipcredentials"
                : "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials";
    }

    static Stream<HostileCorpus> load(String api, String listenerUrl) {
        List<HostileCorpus> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve(api))) {
            for (Path file : files.sorted().toList()) {
                cases.add(read(api, file, listenerUrl));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (cases.size() < 20) {
            throw new IllegalStateException("hostile corpus " + api + " not found under " + ROOT.toAbsolutePath());
        }
        return cases.stream();
    }

    private static HostileCorpus read(String api, Path file, String listenerUrl) throws IOException {
        String fileName = file.getFileName().toString();
        String[] parts = fileName.split("\\.");
        if (parts.length < 4) {
            throw new IllegalArgumentException("corpus file name must be <case>.<status>.<code>.<ext>: " + fileName);
        }
        String ext = parts[parts.length - 1];
        String code = parts[parts.length - 2];
        int status = Integer.parseInt(parts[parts.length - 3]);
        String name = String.join(".", java.util.Arrays.copyOfRange(parts, 0, parts.length - 3));
        boolean xml = api.equals("xml");
        Map<String, String> path = new LinkedHashMap<>();
        if (xml) {
            path.put("accountId", DEFAULT_ACCOUNT);
        } else {
            path.put("vendorId", DEFAULT_VENDOR);
            path.put("organizationId", DEFAULT_ORGANIZATION);
        }
        String contentType = xml ? "application/xml" : "application/json";
        byte[] raw = Files.readAllBytes(file);
        byte[] body;
        switch (ext) {
            case "bin" -> body = raw;
            case "xml", "json" -> body = expand(new String(raw, StandardCharsets.UTF_8), listenerUrl)
                    .getBytes(StandardCharsets.UTF_8);
            case "gen" -> {
                String text = "";
                for (String line : new String(raw, StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int eq = line.indexOf('=');
                    String key = line.substring(0, eq);
                    String value = expand(line.substring(eq + 1), listenerUrl);
                    switch (key) {
                        case "body" -> text = value;
                        case "contentType" -> contentType = value;
                        case "accountId", "vendorId", "organizationId" -> path.put(key, value);
                        default -> throw new IllegalArgumentException(fileName + ": unknown key " + key);
                    }
                }
                body = text.getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown corpus extension: " + fileName);
        }
        return new HostileCorpus(api, name, status, code, contentType, path, body);
    }

    static String expand(String text, String listenerUrl) {
        Matcher m = REPEAT.matcher(text.replace("${LISTENER}", listenerUrl));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int times = Integer.parseInt(m.group(2));
            String repeated;
            if (m.group(1).equals("attrs")) {
                StringBuilder attributes = new StringBuilder();
                for (int i = 0; i < times; i++) {
                    attributes.append(" a").append(i).append("=\"x\"");
                }
                repeated = attributes.toString();
            } else {
                repeated = m.group(1).repeat(times);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(repeated));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets at rest and the size of answers, over real HTTP through the local stack with the handlers Lambda builds:
 * after both APIs' kinds of traffic (XML batches with and without Idempotency-Key, replays, refusals, duplicates,
 * deepslate creates), no attribute of any item, gzip and base64 opened, holds a Hash1, Hash1b or password.
 */
class SecretsAtRestIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start(@TempDir Path state) {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(Path.of("..", "template.yaml").toAbsolutePath().normalize()));
        dynamoDb = stack.dynamoDb().newClient();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        stack.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + Tokens.forPath(stack, path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String table : dynamoDb.listTables().tableNames()) {
            dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items()
                    .forEach(items::add);
        }
        return items;
    }

    private static String secret(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static String entry(String userName, String domain, String hash1, String hash1b) {
        return "<SipCredential>" + (userName == null ? "" : "<UserName>" + userName + "</UserName>")
                + (domain == null ? "" : "<Domain>" + domain + "</Domain>")
                + (hash1 == null ? "" : "<Hash1>" + hash1 + "</Hash1>")
                + (hash1b == null ? "" : "<Hash1b>" + hash1b + "</Hash1b>") + "</SipCredential>";
    }

    @Test
    void afterEveryKindOfCreateNoItemHoldsAHashOrAPasswordInAnyEncoding() throws Exception {
        List<String> secrets = new ArrayList<>();
        String account = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        String bandwidth = "/accounts/" + account + "/sipcredentials";
        for (int round = 0; round < 4; round++) {
            String h1 = secret("a1");
            String h1b = secret("b1");
            String refusedHash = secret("r1");
            String duplicateHash = secret("d1");
            secrets.addAll(List.of(h1, h1b, refusedHash, duplicateHash));
            String xml = "<SipCredentials>" + entry("user" + round, "bw.example", h1, h1b)
                    + entry(null, "bw.example", refusedHash, refusedHash) // refused: no UserName
                    + entry("user" + round + "@bw.example", null, duplicateHash, null) // a duplicate of the first
                    + "</SipCredentials>";
            String key = round % 2 == 0 ? "key-" + UUID.randomUUID() : null;
            HttpResponse<String> first = post(bandwidth, "application/xml", xml, key);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(first.body()).contains(h1, h1b, refusedHash, duplicateHash);
            if (key != null) {
                HttpResponse<String> replay = post(bandwidth, "application/xml", xml, key);
                assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
                assertThat(replay.statusCode()).isEqualTo(201);
                assertThat(replay.body()).isEqualTo(first.body());
            }
        }
        // An all-refused batch and a keyed one that stores nothing new (every entry a duplicate).
        String allRefusedHash = secret("x1");
        secrets.add(allRefusedHash);
        assertThat(post(bandwidth, "application/xml", "<SipCredentials>" + entry("bad name", null, allRefusedHash,
                null) + "</SipCredentials>", "key-" + UUID.randomUUID()).statusCode()).isEqualTo(400);
        String again = secret("y1");
        secrets.add(again);
        assertThat(post(bandwidth, "application/xml", "<SipCredentials>" + entry("user0", "bw.example", again, again)
                + "</SipCredentials>", "key-" + UUID.randomUUID()).statusCode()).isEqualTo(400);

        for (int round = 0; round < 2; round++) {
            String password = secret("Pw-");
            secrets.add(password);
            String deepslate = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                    + "/sip/credentials";
            String json = "{\"hostname\":\"sip.example.com\",\"port\":5060,\"username\":\"agent" + round
                    + "\",\"password\":\"" + password + "\"}";
            String key = round == 0 ? "key-" + UUID.randomUUID() : null;
            HttpResponse<String> created = post(deepslate, "application/json", json, key);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain(password);
            if (key != null) {
                assertThat(post(deepslate, "application/json", json, key).body()).isEqualTo(created.body());
            }
        }

        List<Map<String, AttributeValue>> items = items();
        assertThat(items.stream().filter(i -> "bandwidth-sip-credential".equals(text(i.get("kind")))
                && account.equals(text(i.get("accountId"))))).hasSize(4);
        assertThat(items.stream().filter(i -> "idempotency-record".equals(text(i.get("kind"))))).hasSizeGreaterThan(3);
        for (Map<String, AttributeValue> item : items) {
            for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                String readable = readable(attribute.getValue());
                for (String secret : secrets) {
                    assertThat(readable).as(text(item.get("pk")) + " " + attribute.getKey()).doesNotContain(secret);
                }
            }
        }
    }

    /** As a client does: a 503 (the store or a cold function under load) is retried, with the same key, up to 3 times. */
    private static HttpResponse<String> send(String method, String path, String contentType, String body, String key)
            throws Exception {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 4 && (response == null || response.statusCode() == 503); attempt++) {
            response = key == null ? StackRequests.send(stack, method, path, contentType, body)
                    : StackRequests.send(stack, method, path, contentType, body, "Idempotency-Key", key);
        }
        return response;
    }

    /**
     * Finding 1 of issue #23: the XML create and PUT kept an unsalted SHA-256 of their Hash1-bearing body as the
     * Idempotency-Key record's fingerprint, and every keyed write a UUIDv3 over it as the items' writeToken: offline,
     * a guess of the hashes could be checked against the table. After keyed writes on all six write routes, no
     * attribute of any item equals, or holds, a digest (SHA-256, SHA-1, MD5; hex, base64, base64url) of a body or a
     * secret, nor the write token such a digest gives.
     */
    @Test
    void afterKeyedWritesOnAllSixWriteRoutesNoAttributeIsADigestOfABodyOrASecret() throws Exception {
        List<String> bodies = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String account = "mac-" + UUID.randomUUID().toString().substring(0, 8);
        String bandwidth = "/accounts/" + account + "/sipcredentials";
        String createXml = "<SipCredentials>" + entry("alice", "bw.example", secret("a1"), secret("b1"))
                + entry("bob", "bw.example", secret("a1"), null) + "</SipCredentials>";
        String createKey = "key-" + UUID.randomUUID();
        assertThat(send("POST", bandwidth, "application/xml", createXml, createKey).statusCode()).isEqualTo(201);
        bodies.add(createXml);
        tokens.add(UUID.nameUUIDFromBytes(("bw#" + account + "\n" + createKey + "\n" + hex("SHA-256", createXml))
                .getBytes(StandardCharsets.UTF_8)).toString());
        String putXml = "<SipCredential><Hash1>" + secret("p1") + "</Hash1><Hash1b>" + secret("p2")
                + "</Hash1b></SipCredential>";
        HttpResponse<String> put = send("PUT", bandwidth + "/alice%40bw.example", "application/xml", putXml,
                "key-" + UUID.randomUUID());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        bodies.add(putXml);
        assertThat(send("DELETE", bandwidth + "/bob%40bw.example", null, null, "key-" + UUID.randomUUID())
                .statusCode()).isEqualTo(200);

        String deepslate = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                + "/sip/credentials";
        String createJson = "{\"hostname\":\"sip.example.com\",\"port\":5060,\"username\":\"agent\",\"password\":\""
                + secret("Pw-") + "\"}";
        HttpResponse<String> created = send("POST", deepslate, "application/json", createJson, "key-" + UUID.randomUUID());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        bodies.add(createJson);
        String id = created.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        String putJson = "{\"hostname\":\"sip.example.com\",\"port\":5061,\"username\":\"agent\",\"password\":\""
                + secret("Pw-") + "\",\"maxAgentTasks\":3}";
        HttpResponse<String> changed = send("PUT", deepslate + "/" + id, "application/json", putJson,
                "key-" + UUID.randomUUID());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        bodies.add(putJson);
        String second = send("POST", deepslate, "application/json", createJson.replace("agent", "agent2"), null).body()
                .replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertThat(send("DELETE", deepslate + "/" + second, null, null, "key-" + UUID.randomUUID()).statusCode())
                .isEqualTo(200);

        List<String> secrets = new ArrayList<>();
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("(?:a1|b1|p1|p2|Pw-)[0-9a-f]{32}")
                .matcher(String.join("\n", bodies));
        while (secret.find()) {
            secrets.add(secret.group());
        }
        assertThat(secrets).hasSize(7);
        List<String> digests = new ArrayList<>(tokens);
        for (String text : concat(bodies, secrets)) {
            for (String algorithm : List.of("SHA-256", "SHA-1", "MD5")) {
                byte[] digest = java.security.MessageDigest.getInstance(algorithm)
                        .digest(text.getBytes(StandardCharsets.UTF_8));
                digests.add(HexFormat.of().formatHex(digest));
                digests.add(Base64.getEncoder().encodeToString(digest));
                digests.add(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            }
        }
        List<Map<String, AttributeValue>> items = items();
        assertThat(items.stream().filter(i -> "idempotency-record".equals(text(i.get("kind")))
                && (text(i.get("pk")).contains(account) || text(i.get("pk")).contains(deepslate.split("/")[4]))))
                .hasSize(6);
        for (Map<String, AttributeValue> item : items) {
            for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                String readable = readable(attribute.getValue()).toLowerCase(java.util.Locale.ROOT);
                for (String digest : digests) {
                    assertThat(readable).as(text(item.get("pk")) + " " + attribute.getKey())
                            .doesNotContain(digest.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
    }

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /**
     * 4,999 refused entries whose UserName is CDATA of 740 '&amp;' (escaped, 3.7 KB each in an unbounded echo:
     * 18 MB) beside one valid entry, in a 4 MB body: the valid entry is stored, so the answer must be its 201, and
     * the same 201 again for the same Idempotency-Key, never the 500 of an answer larger than Lambda's 6 MB.
     */
    @Test
    void aBatchWhoseEchoWouldExceedLambdasResponseLimitAnswersItsCreatedEntryAndReplaysIt() throws Exception {
        String account = "big-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/accounts/" + account + "/sipcredentials";
        String ampersands = "&".repeat(740);
        StringBuilder xml = new StringBuilder("<SipCredentials>");
        for (int i = 0; i < 4_999; i++) {
            xml.append("<SipCredential><UserName><![CDATA[").append(ampersands)
                    .append("]]></UserName><Hash1>h</Hash1></SipCredential>");
        }
        xml.append(entry("valid", "bw.example", "hh", null)).append("</SipCredentials>");
        assertThat(xml.length()).isBetween(4_000_000, 4 * 1024 * 1024);
        String key = "big-" + UUID.randomUUID();

        HttpResponse<String> first = post(path, "application/xml", xml.toString(), key);
        HttpResponse<String> replay = post(path, "application/xml", xml.toString(), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).endsWith("<ValidSipCredentials><SipCredential><UserName>valid</UserName>"
                + "<Domain>bw.example</Domain><Hash1>hh</Hash1></SipCredential></ValidSipCredentials>"
                + "</SipCredentialsResponse>");
        // Each refusal echoes the UserName's first 33 characters (limit + 1) and the marker.
        assertThat(first.body()).contains("<Error><ErrorCode>1005</ErrorCode><Description>UserName must be at most 32 "
                + "characters</Description><SipCredential><UserName>" + "&amp;".repeat(33) + "[truncated]</UserName>"
                + "<Hash1>h</Hash1></SipCredential></Error>");
        assertThat(first.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(6_000_000);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(items().stream().filter(i -> account.equals(text(i.get("accountId"))))).hasSize(1);

        HttpResponse<String> unkeyed = post(path, "application/xml", xml.toString(), null);
        assertThat(unkeyed.statusCode()).as("the valid entry is now a duplicate; every entry refused").isEqualTo(400);
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    /** Every reading of the value a secret could hide in: text, bytes as text, hex and base64, gzip opened. */
    static String readable(AttributeValue value) {
        StringBuilder out = new StringBuilder();
        if (value.s() != null) {
            out.append(value.s()).append('\n');
            out.append(decodedBase64(value.s()));
        }
        if (value.n() != null) {
            out.append(value.n());
        }
        if (value.b() != null) {
            byte[] bytes = value.b().asByteArray();
            out.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n')
                    .append(new String(bytes, StandardCharsets.UTF_8)).append('\n')
                    .append(HexFormat.of().formatHex(bytes)).append('\n')
                    .append(Base64.getEncoder().encodeToString(bytes)).append('\n')
                    .append(gunzipped(bytes));
        }
        if (value.hasL()) {
            value.l().forEach(v -> out.append(readable(v)).append('\n'));
        }
        if (value.hasM()) {
            value.m().forEach((k, v) -> out.append(k).append('=').append(readable(v)).append('\n'));
        }
        if (value.hasSs()) {
            value.ss().forEach(s -> out.append(s).append('\n'));
        }
        if (value.hasBs()) {
            value.bs().forEach(b -> out.append(readable(AttributeValue.fromB(b))).append('\n'));
        }
        return out.toString();
    }

    private static String decodedBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return new String(bytes, StandardCharsets.UTF_8) + "\n" + gunzipped(bytes);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private static String gunzipped(byte[] bytes) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return "";
        }
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

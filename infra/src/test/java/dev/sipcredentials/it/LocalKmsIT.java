package dev.sipcredentials.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.local.LocalStack;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The local stack's functions seal through their own KmsClient against the local KMS endpoint (the deployed code
 * path): the items name the endpoint's key, {@code /_local/kms} counts the calls, throttling reaches the functions,
 * and a restart with the same state directory and --db-path opens what was sealed before.
 */
class LocalKmsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();

    private static LocalStack start(Path state, Path db) {
        return LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state).withDbPath(db)
                .withTemplate(TEMPLATE));
    }

    private static HttpResponse<String> send(LocalStack stack, String method, String path, String contentType,
            String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!path.startsWith("/_local/")) {
            request.header("Authorization", "Bearer " + Tokens.forPath(stack, path));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode kmsCounts(LocalStack stack) throws Exception {
        HttpResponse<String> counts = send(stack, "GET", "/_local/kms", null, null);
        assertThat(counts.statusCode()).isEqualTo(200);
        return JSON.readTree(counts.body());
    }

    private static List<Map<String, AttributeValue>> items(LocalStack stack) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try (DynamoDbClient client = stack.dynamoDb().newClient()) {
            for (String table : client.listTables().tableNames()) {
                client.scanPaginator(ScanRequest.builder().tableName(table).build()).items().forEach(items::add);
            }
        }
        return items;
    }

    @Test
    void functionsSealUnderTheLocalKmsKeyCountedThrottledAndOpenedAfterARestart(@TempDir Path state, @TempDir Path db)
            throws Exception {
        String account = "kms-" + UUID.randomUUID().toString().substring(0, 8);
        String credentials = "/accounts/" + account + "/sipcredentials";
        String xml = "<SipCredentials><SipCredential><UserName>alice</UserName><Domain>bw.example</Domain>"
                + "<Hash1>0123456789abcdef0123456789abcdef</Hash1></SipCredential></SipCredentials>";
        String deepslate = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                + "/sip/credentials";
        String keyArn;
        try (LocalStack stack = start(state, db)) {
            keyArn = stack.kms().keyArn();
            assertThat(keyArn).startsWith("arn:aws:kms:us-east-1:123456789012:key/");
            assertThat(kmsCounts(stack).toString()).isEqualTo("{\"calls\":{},\"throttled\":0}");

            HttpResponse<String> created = send(stack, "POST", credentials, "application/xml", xml);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> password = send(stack, "POST", deepslate, "application/json",
                    "{\"hostname\":\"sip.example.com\",\"port\":5060,\"username\":\"agent\",\"password\":\"Pw-"
                            + UUID.randomUUID() + "\"}");
            assertThat(password.statusCode()).as(password.body()).isEqualTo(201);

            JsonNode counts = kmsCounts(stack);
            assertThat(counts.path("calls").path("GenerateDataKeyPairWithoutPlaintext").asLong())
                    .as("one key pair per new tenant: the account and the organization").isEqualTo(2);
            assertThat(counts.path("calls").path("GenerateDataKey").asLong()).as("no data key per item").isZero();
            assertThat(counts.path("throttled").asLong()).isZero();
            // Every tenant key is wrapped by the endpoint's key, not a local master key.
            List<String> keyIds = items(stack).stream().filter(i -> i.containsKey("kmsKeyId"))
                    .map(i -> i.get("kmsKeyId").s()).toList();
            assertThat(keyIds).hasSize(4).allMatch(keyArn::equals);

            HttpResponse<String> read = send(stack, "GET", credentials + "/alice%40bw.example", null, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("0123456789abcdef0123456789abcdef");
            assertThat(kmsCounts(stack).path("calls").path("Decrypt").asLong()).isGreaterThanOrEqualTo(1);

            // KMS's quota reaches the functions: a new account's first write needs its key pair; refused calls are
            // counted, and the request stores nothing.
            stack.kms().setRateLimit(0);
            int before = items(stack).size();
            HttpResponse<String> throttled = send(stack, "POST", "/accounts/kms-"
                    + UUID.randomUUID().toString().substring(0, 8) + "/sipcredentials", "application/xml", xml);
            assertThat(throttled.statusCode()).as(throttled.body()).isGreaterThanOrEqualTo(500);
            assertThat(throttled.body()).doesNotContain("Exception").doesNotContain("at dev.");
            assertThat(kmsCounts(stack).path("throttled").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(items(stack)).hasSize(before);

            assertThat(send(stack, "DELETE", "/_local/kms", null, null).statusCode()).isEqualTo(204);
            assertThat(kmsCounts(stack).toString()).isEqualTo("{\"calls\":{},\"throttled\":0}");
            assertThat(send(stack, "GET", "/_local/credentials", null, null).statusCode()).isEqualTo(403);
        }
        try (LocalStack again = start(state, db)) {
            assertThat(again.kms().keyArn()).isEqualTo(keyArn);
            HttpResponse<String> read = send(again, "GET", credentials + "/alice%40bw.example", null, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("0123456789abcdef0123456789abcdef");
        }
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 4 of issue #23 over HTTP: the local stack's {@code --tenant-rate-limit} gives every route the per-tenant
 * limit; a tenant past it gets 429 in its API's dialect with Retry-After and stores nothing, another tenant on the
 * same stack is served. 0.01 units per second: the first request's debt lasts minutes, far longer than the test, so
 * nothing depends on timing. Without the option (every other suite) there is no limit.
 */
class TenantRateLimitOverHttpIT {
    private static final Path TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();
    private static final String BATCH = "<SipCredentials>"
            + "<SipCredential><UserName>a1</UserName><Domain>rate.example</Domain><Hash1>h</Hash1></SipCredential>"
            + "<SipCredential><UserName>a2</UserName><Domain>rate.example</Domain><Hash1>h</Hash1></SipCredential>"
            + "<SipCredential><UserName>a3</UserName><Domain>rate.example</Domain><Hash1>h</Hash1></SipCredential>"
            + "</SipCredentials>";

    @Test
    void aTenantPastItsLimitIs429WhileAnotherIsServedAndNothingIsStored(@TempDir Path state) throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(TEMPLATE).withTenantRateLimit(0.01));
             DynamoDbClient dynamoDb = stack.dynamoDb().newClient()) {
            assertThat(StackRequests.send(stack, "POST", "/accounts/9101/sipcredentials", "application/xml", BATCH)
                    .statusCode()).isEqualTo(201);
            int stored = items(dynamoDb);

            HttpResponse<String> refused = StackRequests.send(stack, "POST", "/accounts/9101/sipcredentials",
                    "application/xml", BATCH.replace("a1", "b1").replace("a2", "b2").replace("a3", "b3"));
            HttpResponse<String> listed = StackRequests.send(stack, "GET", "/accounts/9101/sipcredentials?size=10",
                    null, null);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                    seconds -> assertThat(seconds).isGreaterThan(1));
            assertThat(refused.body()).contains("<ErrorCode>1117</ErrorCode>",
                    "<Description>Too many requests for this account; nothing was stored.");
            assertThat(listed.statusCode()).as("the listing has its own bucket").isEqualTo(200);
            assertThat(StackRequests.send(stack, "POST", "/accounts/9102/sipcredentials", "application/xml", BATCH)
                    .statusCode()).as("another account").isEqualTo(201);
            assertThat(items(dynamoDb)).isEqualTo(stored + 3);

            String organization = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                    + "/sip/credentials";
            assertThat(StackRequests.send(stack, "POST", organization, "application/json", DeepslateApiIT.SEED_BODY)
                    .statusCode()).isEqualTo(201);
            HttpResponse<String> json = StackRequests.send(stack, "POST", organization, "application/json",
                    DeepslateApiIT.SEED_BODY.replace("agent001", "agent002"));
            assertThat(json.statusCode()).isEqualTo(429);
            assertThat(json.body()).contains("\"success\":false", "\"code\":\"TOO_MANY_REQUESTS\"");
            assertThat(json.headers().firstValue("Retry-After")).isPresent();
            String other = "/api/v1/vendors/" + UUID.randomUUID() + "/organizations/" + UUID.randomUUID()
                    + "/sip/credentials";
            assertThat(StackRequests.send(stack, "POST", other, "application/json", DeepslateApiIT.SEED_BODY)
                    .statusCode()).isEqualTo(201);
        }
    }

    private static int items(DynamoDbClient dynamoDb) {
        String table = dynamoDb.listTables().tableNames().get(0);
        // Credentials and records; not the tenant keys a tenant's first write makes (key#...).
        return (int) dynamoDb.scan(ScanRequest.builder().tableName(table).consistentRead(true).build()).items().stream()
                .filter(item -> !item.get("pk").s().startsWith("key#")).count();
    }
}

package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting stacks in one JVM, as other modules' integration tests will. */
class LocalStackLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode config(LocalStack stack) throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(stack.baseUrl().resolve("/echo/x")).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("config");
    }

    @Test
    void eachStackGetsFreshHandlerClassesAndItsOwnConfiguration() throws Exception {
        LocalStack.Options options = LocalStack.Options.defaults().withPort(0).withTemplate(TestTemplates.withTestHandlers());
        String firstEndpoint;
        try (LocalStack first = LocalStack.start(options)) {
            JsonNode config = config(first);
            firstEndpoint = config.get("DYNAMODB_ENDPOINT").asText();
            assertThat(config.get("instanceNumber").asInt()).isEqualTo(1);
            assertThat(config(first).get("instanceNumber").asInt()).as("one instance per function").isEqualTo(1);
        }
        try (LocalStack second = LocalStack.start(options)) {
            JsonNode config = config(second);
            assertThat(config.get("instanceNumber").asInt()).as("static state starts over").isEqualTo(1);
            assertThat(config.get("DYNAMODB_ENDPOINT").asText())
                    .isEqualTo(second.dynamoDbEndpoint().toString())
                    .isNotEqualTo(firstEndpoint);
        }
    }

    @Test
    void closeStopsServingAndRestoresSystemProperties() throws Exception {
        // Other tests in this JVM may have set these; close() must put back whatever was there.
        String tableNameBefore = System.getProperty("TABLE_NAME");
        String endpointBefore = System.getProperty("DYNAMODB_ENDPOINT");
        LocalStack stack = LocalStack.start(
                LocalStack.Options.defaults().withPort(0).withTemplate(TestTemplates.withTestHandlers()));
        assertThat(System.getProperty("TABLE_NAME")).isEqualTo("local-stack-test-table");

        stack.close();
        stack.close(); // idempotent

        assertThat(System.getProperty("TABLE_NAME")).isEqualTo(tableNameBefore);
        assertThat(System.getProperty("DYNAMODB_ENDPOINT")).isEqualTo(endpointBefore);
        assertThatThrownBy(() -> HTTP.send(
                HttpRequest.newBuilder(stack.baseUrl().resolve("/echo/x")).build(), BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aNewFunctionAndRouteInTheTemplateIsServedWithoutAnyOtherChange(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, String.join("\n",
                "Resources:",
                "  Table:",
                "    Type: AWS::DynamoDB::Table",
                "    Properties:",
                "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]",
                "      KeySchema: [{AttributeName: id, KeyType: HASH}]",
                "  BrandNewFunction:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: dev.sipcredentials.local.testhandlers.EchoHandler::handleRequest",
                "      Environment:",
                "        Variables:",
                "          TABLE_NAME: {Ref: Table}",
                "      Events:",
                "        Get:",
                "          Type: HttpApi",
                "          Properties: {Path: '/v2/things/{thingId}', Method: GET}",
                ""));

        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withTemplate(template))) {
            var response = HTTP.send(
                    HttpRequest.newBuilder(stack.baseUrl().resolve("/v2/things/t-1")).build(), BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode event = JSON.readTree(response.body());
            assertThat(event.get("routeKey").asText()).isEqualTo("GET /v2/things/{thingId}");
            assertThat(event.get("pathParameters").get("thingId").asText()).isEqualTo("t-1");
            assertThat(event.get("context").get("functionName").asText()).isEqualTo("BrandNewFunction");
            assertThat(event.get("config").get("TABLE_NAME").asText()).isEqualTo("Table");
        }
    }

    @Test
    void dbPathKeepsTheTableAcrossStackRestarts(@TempDir Path data) {
        LocalStack.Options options = LocalStack.Options.defaults()
                .withPort(0).withDbPath(data).withTemplate(TestTemplates.withTestHandlers());
        try (LocalStack first = LocalStack.start(options)) {
            assertThat(first.tablesCreated()).containsEntry("local-stack-test-table", true);
        }
        try (LocalStack second = LocalStack.start(options)) {
            assertThat(second.tablesCreated()).containsEntry("local-stack-test-table", false);
        }
    }
}

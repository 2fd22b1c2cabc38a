package dev.sipcredentials.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml through the tools a deploy uses, offline: {@code cfn-lint} (no error, no warning) and the SAM
 * transform itself (the {@code aws-sam-translator} Python package), whose CloudFormation output must put SnapStart on
 * every function the routes reach through their published alias, the JWT authorizer on every route, and the
 * operations settings on what is really deployed. Each test skips cleanly where its tool is not installed.
 */
class TemplateToolsTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();

    private record Run(int exitCode, String output) {}

    /** Runs a command; null when the program is not installed. */
    private static Run run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return null;
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void cfnLintFindsNoErrorAndNoWarning() throws Exception {
        Run lint = run(List.of("cfn-lint", "--format", "parseable", TEMPLATE.toString()));
        Assumptions.assumeTrue(lint != null, "cfn-lint is not installed");
        assertThat(lint.output()).as("cfn-lint findings").isBlank();
        assertThat(lint.exitCode()).isZero();
    }

    private static JsonNode transformed() throws Exception {
        Path script = Files.createTempFile("sam_transform", ".py");
        try (var in = TemplateToolsTest.class.getResourceAsStream("/sam_transform.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Run transform = run(List.of("python3", script.toString(), TEMPLATE.toString()));
            Assumptions.assumeTrue(transform != null, "python3 is not installed");
            Assumptions.assumeTrue(transform.exitCode() != 3, "the aws-sam-translator package is not installed");
            assertThat(transform.exitCode()).as(transform.output()).isZero();
            return new ObjectMapper().readTree(transform.output());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Resources of one type, without the Cognito issuer's pre-token-generation trigger (TenantClaims*: a small
     * Python function with its own role and Cognito's invoke permission, part of the token issuer, not of the API).
     */
    private static Map<String, JsonNode> ofType(JsonNode resources, String type) {
        Map<String, JsonNode> found = new HashMap<>();
        resources.fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText()) && !e.getKey().startsWith("TenantClaims")) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    @Test
    void theSamTransformPutsSnapStartBehindEveryRoutesAliasAndTheAuthorizerOnEveryRoute() throws Exception {
        JsonNode resources = transformed().path("Resources");
        Map<String, JsonNode> functions = ofType(resources, "AWS::Lambda::Function");
        Map<String, JsonNode> aliases = ofType(resources, "AWS::Lambda::Alias");
        assertThat(functions).isNotEmpty();

        JsonNode body = resources.path("SipCredentialsApi").path("Properties").path("Body");
        List<String> integrated = new ArrayList<>();
        body.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String route = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode op = operation.getValue();
            assertThat(op.path("security").toString()).as(route + " authorizer")
                    .isEqualTo("[{\"ProvisioningJwtAuthorizer\":[]}]");
            assertThat(op.path("x-amazon-apigateway-integration").path("payloadFormatVersion").asText()).isEqualTo("2.0");
            String uri = op.path("x-amazon-apigateway-integration").path("uri").path("Fn::Sub").asText();
            String target = uri.replaceAll(".*/functions/\\$\\{([^}]+)}/invocations", "$1");
            JsonNode alias = aliases.get(target);
            assertThat(alias).as(route + " integrates with a published alias, not $LATEST: " + uri).isNotNull();
            String function = alias.path("Properties").path("FunctionName").path("Ref").asText();
            assertThat(functions.get(function).path("Properties").path("SnapStart").path("ApplyOn").asText())
                    .as(route + " -> " + function + " SnapStart").isEqualTo("PublishedVersions");
            integrated.add(function);
        }));
        assertThat(integrated).containsExactlyInAnyOrderElementsOf(functions.keySet());
        assertThat(body.path("components").path("securitySchemes").path("ProvisioningJwtAuthorizer")
                .path("x-amazon-apigateway-authorizer").path("type").asText()).isEqualTo("jwt");

        // API Gateway may invoke only the aliases.
        ofType(resources, "AWS::Lambda::Permission").forEach((name, permission) ->
                assertThat(aliases).as(name).containsKey(permission.path("Properties").path("FunctionName")
                        .path("Ref").asText()));
    }

    @Test
    void whatTheTransformDeploysHasTheOperationsSettings() throws Exception {
        JsonNode resources = transformed().path("Resources");
        ofType(resources, "AWS::Lambda::Function").forEach((name, function) -> {
            JsonNode properties = function.path("Properties");
            JsonNode logging = properties.path("LoggingConfig");
            assertThat(logging.path("LogFormat").asText()).as(name).isEqualTo("JSON");
            assertThat(logging.path("ApplicationLogLevel").path("Ref").asText()).as(name).isEqualTo("AppLogLevel");
            assertThat(resources.path(logging.path("LogGroup").path("Ref").asText()).path("Type").asText())
                    .as(name + " log group").isEqualTo("AWS::Logs::LogGroup");
            assertThat(properties.path("ReservedConcurrentExecutions").path("Fn::If").size()).as(name).isEqualTo(3);
            assertThat(properties.path("Environment").path("Variables").path("METRICS_NAMESPACE").path("Ref").asText())
                    .isEqualTo("MetricsNamespace");
        });
        ofType(resources, "AWS::IAM::Role").forEach((name, role) -> {
            assertThat(role.toString()).as(name + " LeadingKeys").contains("dynamodb:LeadingKeys");
            assertThat(role.toString()).as(name + ": KMS only through the key policy").doesNotContain("kms:");
        });
        JsonNode stage = resources.path("SipCredentialsApiApiGatewayDefaultStage").path("Properties");
        assertThat(stage.path("AccessLogSettings").path("DestinationArn").path("Fn::GetAtt").get(0).asText())
                .isEqualTo("ApiAccessLogGroup");
        assertThat(stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").path("Ref").asText())
                .isEqualTo("ApiThrottlingRateLimit");
        assertThat(stage.path("RouteSettings").has("POST /accounts/{accountId}/sipcredentials")).isTrue();
        assertThat(stage.path("StageName").asText()).as("the alarms' Stage dimension").isEqualTo("$default");
    }
    /**
     * The Cognito trigger's inline code, run as Lambda's Python runtime would: it answers a V3_0 pre-token-generation
     * event with the tenant claims of its parameters in the access token, as JSON arrays under the names the functions
     * read (API Gateway then hands them to the function flattened, which auth/TenantGrant reads).
     */
    @Test
    void theCognitoTriggerPutsTheGrantedTenantsIntoTheAccessToken() throws Exception {
        JsonNode template = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(TEMPLATE.toFile());
        String code = template.at("/Resources/TenantClaimsFunction/Properties/Code/ZipFile").asText();
        Path dir = Files.createTempDirectory("trigger");
        try {
            Files.writeString(dir.resolve("index.py"), code);
            String event = "{\"version\":\"3\",\"triggerSource\":\"TokenGeneration_ClientCredentials\","
                    + "\"callerContext\":{\"clientId\":\"c1\"},\"request\":{\"scopes\":[\"sip-credentials-api/provision\"]},"
                    + "\"response\":{\"claimsAndScopeOverrideDetails\":null}}";
            ProcessBuilder builder = new ProcessBuilder("python3", "-c",
                    "import json, sys, index; print(json.dumps(index.handler(json.loads(sys.argv[1]), None)))", event)
                    .directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("ACCOUNTS", "41,42");
            builder.environment().put("ORGANIZATIONS", "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10/8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13");
            Process process;
            try {
                process = builder.start();
            } catch (IOException notInstalled) {
                Assumptions.abort("python3 is not installed");
                return;
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            JsonNode claims = new ObjectMapper().readTree(output)
                    .at("/response/claimsAndScopeOverrideDetails/accessTokenGeneration/claimsToAddOrOverride");
            assertThat(claims.path(dev.sipcredentials.local.LocalJwtAuthorizer.ACCOUNTS_CLAIM).toString())
                    .isEqualTo("[\"41\",\"42\"]");
            assertThat(claims.path(dev.sipcredentials.local.LocalJwtAuthorizer.ORGANIZATIONS_CLAIM).toString())
                    .isEqualTo("[\"3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10/8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13\"]");

            builder.environment().put("ACCOUNTS", "");
            process = builder.start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new ObjectMapper().readTree(output).at("/response/claimsAndScopeOverrideDetails/"
                    + "accessTokenGeneration/claimsToAddOrOverride/sip:accounts").toString()).as(output).isEqualTo("[]");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    if (Files.isDirectory(file)) {
                        try (var inner = Files.list(file)) {
                            for (Path f : inner.toList()) {
                                Files.delete(f);
                            }
                        }
                    }
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}

package dev.sipcredentials.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads template.yaml as SAM would deploy it and checks what a reviewer would: every handler exists in the
 * built functions jar, every route reaches a function, settings are present, and permissions are minimal.
 */
class DeploymentTemplateTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("template.yaml").toFile());
        resources = template.get("Resources");
    }

    private static Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new HashMap<>();
        resources.fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    private static JsonNode functionSetting(JsonNode function, String name) {
        JsonNode own = function.path("Properties").path(name);
        return own.isMissingNode() ? template.path("Globals").path("Function").path(name) : own;
    }

    @Test
    void everyHandlerIsAClassWithThatMethodInTheBuiltFunctionsJar() throws Exception {
        Path jar = ROOT.resolve(functionSetting(resourcesOfType("AWS::Serverless::Function").values().iterator().next(),
                "CodeUri").asText());
        assertThat(jar).as("functions jar built by the reactor before this module").exists();
        Map<String, JsonNode> functions = resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).containsOnlyKeys("BandwidthSipCredentialsFunction", "DeepslateSipCredentialsFunction");
        try (JarFile jarFile = new JarFile(jar.toFile());
             var loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            for (var function : functions.entrySet()) {
                String handler = function.getValue().path("Properties").path("Handler").asText();
                String[] parts = handler.split("::");
                assertThat(parts).as(function.getKey() + " handler form").hasSize(2);
                assertThat(jarFile.getEntry(parts[0].replace('.', '/') + ".class"))
                        .as(handler + " in jar").isNotNull();
                Class<?> type = Class.forName(parts[0], false, loader);
                assertThat(type.getMethods()).as(handler)
                        .anyMatch(m -> m.getName().equals(parts[1]) && m.getParameterCount() == 2);
                assertThat(type.getConstructor()).as("Lambda needs a public no-arg constructor").isNotNull();
            }
        }
    }

    @Test
    void everyRouteMapsToOneFunctionOnTheHttpApiWithPayload2() {
        List<String> routes = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) ->
                function.path("Properties").path("Events").forEach(event -> {
                    assertThat(event.path("Type").asText()).isEqualTo("HttpApi");
                    JsonNode properties = event.path("Properties");
                    assertThat(properties.path("ApiId").path("Ref").asText()).isEqualTo("SipCredentialsApi");
                    assertThat(properties.path("PayloadFormatVersion").asText()).isEqualTo("2.0");
                    routes.add(properties.path("Method").asText() + " " + properties.path("Path").asText());
                }));
        assertThat(routes).containsExactlyInAnyOrder(
                "POST /accounts/{accountId}/sipcredentials",
                "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials");
        assertThat(resourcesOfType("AWS::Serverless::HttpApi")).containsOnlyKeys("SipCredentialsApi");
    }

    @Test
    void functionsRunJava21OnArm64WithSnapStartAndTheTableName() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            assertThat(functionSetting(function, "Runtime").asText()).as(name).isEqualTo("java21");
            assertThat(functionSetting(function, "Architectures").toString()).as(name).isEqualTo("[\"arm64\"]");
            assertThat(functionSetting(function, "SnapStart").path("ApplyOn").asText()).as(name)
                    .isEqualTo("PublishedVersions");
            assertThat(functionSetting(function, "AutoPublishAlias").asText()).as(name).isNotBlank();
            assertThat(functionSetting(function, "Timeout").asInt()).as(name).isBetween(1, 29);
            assertThat(functionSetting(function, "MemorySize").asInt()).as(name).isBetween(512, 3008);
            // SAM merges a function's own Environment.Variables over the Globals ones.
            JsonNode tableName = function.path("Properties").path("Environment").path("Variables").path("TABLE_NAME");
            if (tableName.isMissingNode()) {
                tableName = template.path("Globals").path("Function").path("Environment").path("Variables")
                        .path("TABLE_NAME");
            }
            assertThat(tableName.path("Ref").asText()).as(name).isEqualTo("SipCredentialsTable");
        });
    }

    private static Set<String> actions(JsonNode statement) {
        Set<String> actions = new java.util.HashSet<>();
        statement.path("Action").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    @Test
    void eachFunctionMayOnlyPutItemsIntoTheCredentialsTableAndOnlyTheJsonOneMayMakeDataKeys() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            JsonNode policies = function.path("Properties").path("Policies");
            assertThat(policies.size()).as(name + " policies").isEqualTo(1);
            JsonNode statements = policies.get(0).path("Statement");
            boolean json = name.equals("DeepslateSipCredentialsFunction");
            assertThat(statements.size()).as(name + " statements").isEqualTo(json ? 2 : 1);
            JsonNode statement = statements.get(0);
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(actions(statement)).as(name + " actions: no Scan, Query, Get, Update or Delete")
                    .containsExactly("dynamodb:PutItem");
            assertThat(statement.path("Resource").path("Fn::GetAtt").toString())
                    .as(name + " resource").isEqualTo("[\"SipCredentialsTable\",\"Arn\"]");
            if (json) {
                JsonNode kms = statements.get(1);
                assertThat(kms.path("Effect").asText()).isEqualTo("Allow");
                assertThat(actions(kms)).as("data keys only: no Decrypt, Encrypt or wildcard")
                        .containsExactly("kms:GenerateDataKey");
                assertThat(kms.path("Resource").path("Fn::GetAtt").toString()).isEqualTo("[\"PasswordKey\",\"Arn\"]");
                assertThat(function.path("Properties").path("Environment").path("Variables").path("PASSWORD_KEY_ID")
                        .path("Ref").asText()).isEqualTo("PasswordKey");
            } else {
                assertThat(function.path("Properties").path("Environment").path("Variables").has("PASSWORD_KEY_ID"))
                        .as("the XML function stores no password and gets no key").isFalse();
            }
        });
    }

    @Test
    void thePasswordKeyRotatesAndItsPolicyGrantsUseToNoOneButTheAccountsIamPolicies() {
        JsonNode key = resources.path("PasswordKey");
        assertThat(key.path("Type").asText()).isEqualTo("AWS::KMS::Key");
        JsonNode properties = key.path("Properties");
        assertThat(properties.path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(properties.path("KeySpec").asText()).isEqualTo("SYMMETRIC_DEFAULT");
        JsonNode statements = properties.path("KeyPolicy").path("Statement");
        assertThat(statements.size()).isEqualTo(1);
        assertThat(statements.get(0).path("Principal").path("AWS").path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
        // Resource "*" in a key policy means this key; no statement may name any principal but the account.
        assertThat(statements.toString()).doesNotContain("\"Principal\":\"*\"", "\"AWS\":\"*\"");
    }

    @Test
    void bothRoutesAreBehindTheJwtAuthorizerWithIssuerAndAudienceAsParameters() {
        JsonNode auth = resources.path("SipCredentialsApi").path("Properties").path("Auth");
        String name = auth.path("DefaultAuthorizer").asText();
        assertThat(name).isNotBlank();
        JsonNode authorizer = auth.path("Authorizers").path(name);
        assertThat(authorizer.path("IdentitySource").asText()).isEqualTo("$request.header.Authorization");
        assertThat(authorizer.path("JwtConfiguration").path("issuer").path("Ref").asText()).isEqualTo("JwtIssuer");
        assertThat(authorizer.path("JwtConfiguration").path("audience").get(0).path("Ref").asText())
                .isEqualTo("JwtAudience");
        assertThat(template.path("Parameters").path("JwtIssuer").path("Type").asText()).isEqualTo("String");
        assertThat(template.path("Parameters").path("JwtAudience").path("Type").asText()).isEqualTo("String");
        resourcesOfType("AWS::Serverless::Function").forEach((fn, function) ->
                function.path("Properties").path("Events").forEach(event ->
                        assertThat(event.path("Properties").has("Auth")).as(fn + ": no route opts out").isFalse()));
    }

    @Test
    void tableIsOnDemandWithPointInTimeRecoveryAndAStringPartitionKey() {
        JsonNode table = resources.path("SipCredentialsTable");
        assertThat(table.path("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
        JsonNode properties = table.path("Properties");
        assertThat(properties.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(properties.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
                .isTrue();
        assertThat(properties.path("KeySchema").toString()).isEqualTo("[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]");
        assertThat(properties.path("AttributeDefinitions").toString())
                .isEqualTo("[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}]");
    }

    @Test
    void idempotencyRecordsExpireThroughTtlOnExpiresAt() {
        JsonNode ttl = resources.path("SipCredentialsTable").path("Properties").path("TimeToLiveSpecification");
        assertThat(ttl.path("AttributeName").asText()).isEqualTo("expiresAt");
        assertThat(ttl.path("Enabled").asBoolean()).isTrue();
    }

    @Test
    void sampleEventsExistForEveryFunctionRoute() throws IOException {
        List<String> routeKeys = new ArrayList<>();
        try (var files = Files.list(ROOT.resolve("functions/events"))) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                routeKeys.add(new ObjectMapper().readTree(it.next().toFile()).path("routeKey").asText());
            }
        }
        assertThat(routeKeys).contains(
                "POST /accounts/{accountId}/sipcredentials",
                "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials");
    }
}

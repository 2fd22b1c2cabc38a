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
        assertThat(functions).containsOnlyKeys("BandwidthSipCredentialsFunction", "DeepslateSipCredentialsFunction",
                "DeepslateGetSipCredentialFunction", "DeepslateDeleteSipCredentialFunction",
                "DeepslateUpdateSipCredentialFunction",
                "BandwidthListSipCredentialsFunction", "DeepslateListSipCredentialsFunction",
                "BandwidthGetSipCredentialFunction", "BandwidthUpdateSipCredentialFunction",
                "BandwidthDeleteSipCredentialFunction");
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
                "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}",
                "DELETE /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}",
                "PUT /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}",
                "GET /accounts/{accountId}/sipcredentials",
                "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                "GET /accounts/{accountId}/sipcredentials/{compositeUserName}",
                "PUT /accounts/{accountId}/sipcredentials/{compositeUserName}",
                "DELETE /accounts/{accountId}/sipcredentials/{compositeUserName}");
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

    /** The key prefixes each API's function may write, by the first segment of its routes' paths. */
    private static final Map<String, List<String>> PREFIXES_BY_ROUTE = Map.of(
            "/accounts/", List.of("bw#*", "idem#bw#*", "prime#snapstart#*"),
            "/api/v1/vendors/", List.of("ds#*", "idem#ds#*", "prime#snapstart#*"));

    private static List<String> expectedPrefixes(String name, JsonNode function) {
        List<String> found = null;
        for (JsonNode event : function.path("Properties").path("Events")) {
            String path = event.path("Properties").path("Path").asText();
            for (var entry : PREFIXES_BY_ROUTE.entrySet()) {
                if (path.startsWith(entry.getKey())) {
                    assertThat(found == null || found.equals(entry.getValue())).as(name + " serves one API").isTrue();
                    found = entry.getValue();
                }
            }
        }
        assertThat(found).as(name + ": its routes belong to a known API (add its key prefixes here)").isNotNull();
        return found;
    }

    /**
     * The IAM actions each StoreAction a handler declares needs. TransactWriteItems has no action of its own: IAM
     * authorises each item in it by its kind (a Put as PutItem), and the handler declares those kinds too.
     */
    private static final Map<String, List<String>> IAM_ACTIONS_BY_STORE_ACTION = Map.of(
            "PUT_ITEM", List.of("dynamodb:PutItem"),
            "GET_ITEM", List.of("dynamodb:GetItem"),
            "DELETE_ITEM", List.of("dynamodb:DeleteItem"),
            "UPDATE_ITEM", List.of("dynamodb:UpdateItem"),
            "CONDITION_CHECK_ITEM", List.of("dynamodb:ConditionCheckItem"),
            "TRANSACT_WRITE_ITEMS", List.of(),
            "QUERY", List.of("dynamodb:Query"));

    /** The handler's own declaration of the DynamoDB calls its code makes (its STORE_ACTIONS), read from the jar. */
    private static Set<String> iamActionsOfHandler(String handler) throws Exception {
        Path jar = ROOT.resolve(functionSetting(resourcesOfType("AWS::Serverless::Function").values().iterator().next(),
                "CodeUri").asText());
        try (var loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            Class<?> type = Class.forName(handler.split("::")[0], true, loader);
            Set<String> iam = new java.util.TreeSet<>();
            for (Object action : (Set<?>) type.getField("STORE_ACTIONS").get(null)) {
                List<String> needs = IAM_ACTIONS_BY_STORE_ACTION.get(((Enum<?>) action).name());
                assertThat(needs).as(handler + ": " + action + " has its IAM actions in this test").isNotNull();
                iam.addAll(needs);
            }
            return iam;
        }
    }

    /** The functions that seal (writers) or open (readers) secrets: they reach their API's tenant keys too. */
    private static final Set<String> KEY_HOLDERS = Set.of("DeepslateSipCredentialsFunction",
            "BandwidthSipCredentialsFunction", "DeepslateUpdateSipCredentialFunction",
            "BandwidthUpdateSipCredentialFunction", "BandwidthGetSipCredentialFunction",
            "BandwidthListSipCredentialsFunction");
    /** The one key of the service MAC key's item (store/ServiceKeyItem), and what a function does with it. */
    private static final List<String> SERVICE_KEY = List.of("svc#service-mac-key");
    private static final Set<String> SERVICE_KEY_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:PutItem");

    @Test
    void eachFunctionMayCallExactlyWhatItsCodeCallsUnderItsOwnApisKeyPrefixes() throws Exception {
        for (var entry : resourcesOfType("AWS::Serverless::Function").entrySet()) {
            String name = entry.getKey();
            JsonNode function = entry.getValue();
            JsonNode policies = function.path("Properties").path("Policies");
            assertThat(policies.size()).as(name + " policies").isEqualTo(1);
            JsonNode statements = policies.get(0).path("Statement");
            assertThat(policies.toString()).as(name + ": KMS use is granted by the key policy only").doesNotContain("kms:");
            boolean usesServiceKey = function.path("Properties").path("Environment").path("Variables")
                    .has("SERVICE_KEY_ID");
            Set<String> iam = iamActionsOfHandler(function.path("Properties").path("Handler").asText());
            Set<String> granted = new java.util.TreeSet<>();
            List<String> expected = new ArrayList<>(expectedPrefixes(name, function));
            String tenantKeys = "key#" + expected.get(0);
            if (KEY_HOLDERS.contains(name)) {
                expected.add(tenantKeys);
            }
            boolean reachesTenantKeys = false;
            if (!iam.contains("dynamodb:PutItem")) {
                // Only a function that writes keeps Idempotency-Keys (idem#...): a read route has none to reach.
                expected.removeIf(p -> p.startsWith("idem#"));
            }
            int serviceKeyStatements = 0;
            for (JsonNode statement : statements) {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                // PutItem with ALL_OLD returns the item it did not replace: the condition bounds what it reads too.
                JsonNode condition = statement.path("Condition");
                assertThat(condition.size()).as(name + " one condition operator").isEqualTo(1);
                List<String> prefixes = new ArrayList<>();
                condition.path("ForAllValues:StringLike").path("dynamodb:LeadingKeys").forEach(k -> prefixes.add(k.asText()));
                assertThat(prefixes).as(name + " LeadingKeys").isNotEmpty();
                reachesTenantKeys |= prefixes.contains(tenantKeys);
                if (prefixes.equals(List.of(tenantKeys))) {
                    // A reader's own statement for its tenant keys (the listing: its other statement is the index's).
                    assertThat(actions(statement)).as(name + ": tenant keys are only read here")
                            .containsExactly("dynamodb:GetItem");
                    assertThat(statement.path("Resource").path("Fn::GetAtt").toString())
                            .isEqualTo("[\"SipCredentialsTable\",\"Arn\"]");
                    continue;
                }
                if (prefixes.equals(SERVICE_KEY)) {
                    serviceKeyStatements++;
                    assertThat(actions(statement)).as(name + ": the service key is read and created, nothing else")
                            .isEqualTo(SERVICE_KEY_ACTIONS);
                    assertThat(statement.path("Resource").path("Fn::GetAtt").toString())
                            .isEqualTo("[\"SipCredentialsTable\",\"Arn\"]");
                    continue;
                }
                assertThat(expected).as(name + " LeadingKeys of its own API").containsAll(prefixes);
                assertThat(prefixes).allSatisfy(p -> assertThat(p).matches("[a-z]+#([a-z]+#)*\\*"));
                granted.addAll(actions(statement));
                if (actions(statement).equals(Set.of("dynamodb:Query"))) {
                    // A listing reads the index alone: Query on the table itself (or a Scan) is not allowed.
                    assertThat(statement.path("Resource").path("Fn::Sub").asText()).as(name + " resource")
                            .isEqualTo("${SipCredentialsTable.Arn}/index/tenantListing");
                } else {
                    assertThat(actions(statement)).as(name + ": Query only in a listing function of its own")
                            .doesNotContain("dynamodb:Query");
                    assertThat(statement.path("Resource").path("Fn::GetAtt").toString())
                            .as(name + " resource").isEqualTo("[\"SipCredentialsTable\",\"Arn\"]");
                }
                // A delete route puts Idempotency-Keys only (finding 3 of issue #23): never PutItem or UpdateItem
                // on a credential key.
                if (name.contains("Delete") && (actions(statement).contains("dynamodb:PutItem")
                        || actions(statement).contains("dynamodb:UpdateItem"))) {
                    assertThat(prefixes).as(name + ": what its PutItem may reach")
                            .allSatisfy(p -> assertThat(p).matches("(idem|prime)#.*"));
                }
            }
            assertThat(granted).as(name + " actions: exactly those of the handler's STORE_ACTIONS")
                    .containsExactlyInAnyOrderElementsOf(iam);
            assertThat(reachesTenantKeys).as(name + ": its API's tenant keys iff it seals or opens secrets")
                    .isEqualTo(KEY_HOLDERS.contains(name));
            assertThat(serviceKeyStatements).as(name + ": the service key statement iff it is given SERVICE_KEY_ID")
                    .isEqualTo(usesServiceKey ? 1 : 0);
        }
    }

    /** Every function that MACs (the writes with Idempotency-Keys, the JSON listing's cursor) gets the service key. */
    @Test
    void theFunctionsThatMacGetTheServiceKeyAndTheirTenantRateLimitParameter() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            JsonNode variables = function.path("Properties").path("Environment").path("Variables");
            boolean writes = !name.contains("Get") && !name.contains("List");
            assertThat(variables.has("SERVICE_KEY_ID")).as(name + " SERVICE_KEY_ID")
                    .isEqualTo(writes || name.equals("DeepslateListSipCredentialsFunction"));
            String parameter = variables.path("TENANT_RATE_LIMIT").path("Ref").asText();
            assertThat(parameter).as(name + " TENANT_RATE_LIMIT").isEqualTo(name.replace("SipCredentialsFunction", "")
                    .replace("SipCredentialFunction", "") + "TenantRateLimit");
            JsonNode declared = template.path("Parameters").path(parameter);
            assertThat(declared.path("Type").asText()).isEqualTo("Number");
            assertThat(declared.path("MinValue").asInt()).isZero();
            assertThat(declared.path("Default").asInt()).as(parameter).isPositive();
        });
    }

    @Test
    void bothCreateFunctionsGetTheKeyForTheirSecretsAndNoIamPolicyNamesKms() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            assertThat(function.path("Properties").path("Policies").toString()).as(name).doesNotContain("kms:");
            boolean hasKey = function.path("Properties").path("Environment").path("Variables").has("PASSWORD_KEY_ID");
            // The JSON create and update functions seal passwords, the XML create and update functions
            // Hash1/Hash1b, the XML listing and the XML read function open them.
            assertThat(hasKey).as(name + " gets PASSWORD_KEY_ID").isEqualTo(
                    Set.of("DeepslateSipCredentialsFunction", "BandwidthSipCredentialsFunction",
                            "DeepslateUpdateSipCredentialFunction", "BandwidthUpdateSipCredentialFunction",
                            "BandwidthGetSipCredentialFunction", "BandwidthListSipCredentialsFunction").contains(name));
        });
    }

    @Test
    void theKeyPolicySeparatesAdministrationFromUseAndEachRoleOpensOnlyItsOwnApisTenantKeys() {
        JsonNode key = resources.path("PasswordKey");
        assertThat(key.path("Type").asText()).isEqualTo("AWS::KMS::Key");
        JsonNode properties = key.path("Properties");
        assertThat(properties.path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(properties.path("KeySpec").asText()).isEqualTo("SYMMETRIC_DEFAULT");
        JsonNode statements = properties.path("KeyPolicy").path("Statement");
        assertThat(statements.toString()).doesNotContain("\"Principal\":\"*\"", "\"AWS\":\"*\"", "\"kms:*\"");
        Set<String> use = Set.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair",
                "kms:GenerateDataKeyPairWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:CreateGrant");

        JsonNode admin = statements.get(0);
        assertThat(admin.path("Principal").path("AWS").path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
        assertThat(actions(admin)).as("administration").contains("kms:ScheduleKeyDeletion", "kms:Put*")
                .allSatisfy(a -> assertThat(use).as("no use for the administrators").doesNotContain(a))
                .allSatisfy(a -> assertThat(a).as("no wildcard that covers use")
                        .isNotIn("kms:*", "kms:Re*", "kms:Generate*", "kms:Encrypt*", "kms:Decrypt*", "kms:Create*"));

        // Writers make key pairs of their own API's tenants, P-256 only, and never decrypt: they cannot open
        // what anyone sealed (their own epoch keys live in memory for one cache period).
        for (String[] writers : new String[][]{
                {"XmlWritersMakeAccountKeyPairsOnly", "bw#*", "BandwidthSipCredentialsFunctionRole",
                        "BandwidthUpdateSipCredentialFunctionRole"},
                {"JsonWritersMakeOrganizationKeyPairsOnly", "ds#*", "DeepslateSipCredentialsFunctionRole",
                        "DeepslateUpdateSipCredentialFunctionRole"}}) {
            JsonNode statement = statementWithSid(statements, writers[0]);
            assertThat(statement.path("Action").asText()).isEqualTo("kms:GenerateDataKeyPairWithoutPlaintext");
            assertThat(roles(statement)).containsExactlyInAnyOrder(writers[2], writers[3]);
            assertThat(statement.path("Condition").path("StringEquals").path("kms:EncryptionContext:purpose").asText())
                    .isEqualTo("sip-tenant-key");
            assertThat(statement.path("Condition").path("StringEquals").path("kms:DataKeyPairSpec").asText())
                    .isEqualTo("ECC_NIST_P256");
            assertThat(statement.path("Condition").path("StringLike").path("kms:EncryptionContext:tenant").asText())
                    .isEqualTo(writers[1]);
        }
        // Readers: the XML GET and listing open accounts' keys (and per-item hash data keys of older items), no
        // organization's, no password's.
        JsonNode readers = statementWithSid(statements, "XmlReadersOpenAccountKeysOnly");
        assertThat(readers.path("Action").asText()).isEqualTo("kms:Decrypt");
        assertThat(roles(readers)).containsExactlyInAnyOrder("BandwidthGetSipCredentialFunctionRole",
                "BandwidthListSipCredentialsFunctionRole");
        assertThat(readers.path("Condition").path("StringEquals").path("kms:EncryptionContext:purpose").asText())
                .isEqualTo("sip-tenant-key");
        assertThat(readers.path("Condition").path("StringLike").path("kms:EncryptionContext:tenant").asText())
                .isEqualTo("bw#*");
        // The service MAC key (finding 1 of issue #23): its own purpose, nothing else in its context.
        JsonNode service = statementWithSid(statements, "FunctionsUseTheServiceMacKeyUnderItsPurposeOnly");
        assertThat(actions(service)).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext");
        assertThat(service.path("Condition").path("StringEquals").path("kms:EncryptionContext:purpose").asText())
                .isEqualTo("service-mac");
        assertThat(service.path("Condition").path("ForAllValues:StringEquals").path("kms:EncryptionContextKeys")
                .toString()).isEqualTo("[\"purpose\"]");
        List<String> macRoles = new ArrayList<>();
        service.path("Principal").path("AWS").forEach(r -> macRoles.add(r.path("Fn::GetAtt").get(0).asText()));
        List<String> expectedRoles = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            if (function.path("Properties").path("Environment").path("Variables").has("SERVICE_KEY_ID")) {
                expectedRoles.add(name + "Role");
            }
        });
        assertThat(macRoles).containsExactlyInAnyOrderElementsOf(expectedRoles);

        String hashContext = java.util.Base64.getEncoder().encodeToString(
                "sip-credentials/hash/v1|".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "*";
        JsonNode perItem = statementWithSid(statements, "XmlReadersOpenPerItemHashDataKeysOnly");
        assertThat(perItem.path("Action").asText()).isEqualTo("kms:Decrypt");
        assertThat(roles(perItem)).containsExactlyInAnyOrder("BandwidthGetSipCredentialFunctionRole",
                "BandwidthListSipCredentialsFunctionRole");
        assertThat(perItem.path("Condition").path("StringLike").path("kms:EncryptionContext:sip-credential").asText())
                .isEqualTo(hashContext);
        assertThat(perItem.path("Condition").size()).isEqualTo(1);

        // Every other function holds no use of a secret's key (the service MAC key aside, checked above).
        Set<String> holders = new java.util.TreeSet<>();
        for (JsonNode statement : statements) {
            JsonNode plain = statement.has("Fn::If") ? statement.path("Fn::If").get(1) : statement;
            if (plain.path("Principal").path("AWS").has("Ref")
                    || "FunctionsUseTheServiceMacKeyUnderItsPurposeOnly".equals(plain.path("Sid").asText())) {
                continue;
            }
            holders.addAll(roles(plain));
        }
        holders.remove("");
        assertThat(holders).containsExactlyInAnyOrder("BandwidthSipCredentialsFunctionRole",
                "BandwidthUpdateSipCredentialFunctionRole", "DeepslateSipCredentialsFunctionRole",
                "DeepslateUpdateSipCredentialFunctionRole", "BandwidthGetSipCredentialFunctionRole",
                "BandwidthListSipCredentialsFunctionRole");

        // The password readers' slot: nobody unless PasswordReaderRoleArns names roles, and then only
        // organizations' keys and per-item password data keys.
        List<JsonNode> slots = new ArrayList<>();
        for (JsonNode statement : statements) {
            if (statement.has("Fn::If")) {
                slots.add(statement.path("Fn::If"));
            }
        }
        assertThat(slots).hasSize(2).allSatisfy(slot -> {
            assertThat(slot.get(0).asText()).isEqualTo("HasPasswordReaders");
            assertThat(slot.get(1).path("Principal").path("AWS").path("Ref").asText()).isEqualTo("PasswordReaderRoleArns");
            assertThat(slot.get(1).path("Action").asText()).isEqualTo("kms:Decrypt");
            assertThat(slot.get(2).path("Ref").asText()).isEqualTo("AWS::NoValue");
        });
        assertThat(slots.get(0).get(1).path("Condition").path("StringLike").path("kms:EncryptionContext:tenant")
                .asText()).isEqualTo("ds#*");
        assertThat(slots.get(1).get(1).path("Condition").path("StringLike").path("kms:EncryptionContext:sip-credential")
                .asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(
                "sip-credentials/password".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "*");
        assertThat(template.path("Parameters").path("PasswordReaderRoleArns").path("Default").asText()).isEmpty();
        assertThat(statements.size()).isEqualTo(8);
    }

    /** The role logical ids a statement's principal names (Fn::GetAtt: [Role, Arn]). */
    private static List<String> roles(JsonNode statement) {
        List<String> roles = new ArrayList<>();
        JsonNode aws = statement.path("Principal").path("AWS");
        if (aws.isArray()) {
            aws.forEach(a -> roles.add(a.path("Fn::GetAtt").path(0).asText()));
        } else {
            roles.add(aws.path("Fn::GetAtt").path(0).asText());
        }
        return roles;
    }

    private static JsonNode statementWithSid(JsonNode statements, String sid) {
        for (JsonNode statement : statements) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new AssertionError("no key policy statement " + sid);
    }

    @Test
    void deletingTheStackKeepsTheKeyAndTheTable() {
        for (String name : List.of("PasswordKey", "SipCredentialsTable")) {
            assertThat(resources.path(name).path("DeletionPolicy").asText()).as(name).isEqualTo("Retain");
            assertThat(resources.path(name).path("UpdateReplacePolicy").asText()).as(name).isEqualTo("Retain");
        }
    }

    private static JsonNode parameter(String name) {
        JsonNode parameter = template.path("Parameters").path(name);
        assertThat(parameter.isObject()).as("parameter " + name).isTrue();
        return parameter;
    }

    private static String refOf(JsonNode value) {
        return value.path("Ref").asText();
    }

    @Test
    void everyFunctionLogsJsonAtTheAppLogLevelIntoItsOwnLogGroupWithTheRetention() {
        assertThat(parameter("LogRetentionDays").path("Default").asInt()).isEqualTo(30);
        assertThat(parameter("AppLogLevel").path("Default").asText()).isEqualTo("INFO");
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            JsonNode global = template.path("Globals").path("Function").path("LoggingConfig");
            JsonNode own = function.path("Properties").path("LoggingConfig");
            JsonNode format = own.has("LogFormat") ? own.get("LogFormat") : global.path("LogFormat");
            JsonNode level = own.has("ApplicationLogLevel") ? own.get("ApplicationLogLevel")
                    : global.path("ApplicationLogLevel");
            assertThat(format.asText()).as(name).isEqualTo("JSON");
            assertThat(refOf(level)).as(name).isEqualTo("AppLogLevel");
            String group = refOf(own.path("LogGroup"));
            JsonNode logGroup = resources.path(group);
            assertThat(logGroup.path("Type").asText()).as(name + " log group").isEqualTo("AWS::Logs::LogGroup");
            assertThat(refOf(logGroup.path("Properties").path("RetentionInDays"))).as(group)
                    .isEqualTo("LogRetentionDays");
            assertThat(logGroup.path("Properties").path("LogGroupName").path("Fn::Sub").asText()).as(group)
                    .endsWith("/" + name);
        });
    }

    @Test
    void everyFunctionHasItsReservedConcurrencyParameter() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            JsonNode choice = function.path("Properties").path("ReservedConcurrentExecutions").path("Fn::If");
            assertThat(choice.size()).as(name + ": Fn::If [condition, Ref parameter, AWS::NoValue]").isEqualTo(3);
            String parameterName = refOf(choice.get(1));
            assertThat(parameter(parameterName).path("Type").asText()).isEqualTo("Number");
            assertThat(parameter(parameterName).path("Default").asInt()).as(parameterName).isPositive();
            assertThat(refOf(choice.get(2))).isEqualTo("AWS::NoValue");
            JsonNode condition = template.path("Conditions").path(choice.get(0).asText()).path("Fn::Not").get(0)
                    .path("Fn::Equals");
            assertThat(refOf(condition.get(0))).as("-1 leaves " + name + " unreserved").isEqualTo(parameterName);
            assertThat(condition.get(1).asInt()).isEqualTo(-1);
        });
    }

    private static List<JsonNode> alarmsOn(String namespace, String metric, String dimension, String value) {
        List<JsonNode> found = new ArrayList<>();
        resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            List<JsonNode> metrics = new ArrayList<>();
            JsonNode properties = alarm.path("Properties");
            if (properties.has("MetricName")) {
                metrics.add(properties);
            }
            properties.path("Metrics").forEach(m -> {
                if (m.has("MetricStat")) {
                    metrics.add(m.path("MetricStat").path("Metric"));
                }
            });
            for (JsonNode m : metrics) {
                boolean dimensionMatches = false;
                for (JsonNode d : m.path("Dimensions")) {
                    JsonNode v = d.path("Value");
                    dimensionMatches |= d.path("Name").asText().equals(dimension)
                            && (v.isTextual() ? v.asText() : refOf(v)).equals(value);
                }
                if (namespace.equals(m.path("Namespace").asText()) && metric.equals(m.path("MetricName").asText())
                        && dimensionMatches) {
                    found.add(alarm);
                }
            }
        });
        return found;
    }

    private static void notifiesTheTopic(JsonNode alarm, String what) {
        for (String actions : List.of("AlarmActions", "OKActions")) {
            JsonNode choice = alarm.path("Properties").path(actions).path("Fn::If");
            assertThat(choice.get(0).asText()).as(what + " " + actions).isEqualTo("HasAlarmTopic");
            assertThat(refOf(choice.get(1).get(0))).as(what + " " + actions).isEqualTo("AlarmTopicArn");
        }
    }

    @Test
    void everyFunctionHasErrorThrottleAndDurationAlarmsToTheTopic() {
        assertThat(parameter("AlarmTopicArn").path("Type").asText()).isEqualTo("String");
        int timeoutMillis = template.path("Globals").path("Function").path("Timeout").asInt() * 1000;
        assertThat(parameter("DurationAlarmMilliseconds").path("Default").asInt())
                .isBetween(timeoutMillis / 2, timeoutMillis - 1);
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            for (String metric : List.of("Errors", "Throttles", "Duration")) {
                List<JsonNode> alarms = alarmsOn("AWS/Lambda", metric, "FunctionName", name);
                assertThat(alarms).as(name + " " + metric + " alarm").hasSize(1);
                notifiesTheTopic(alarms.get(0), name + " " + metric);
            }
        });
    }

    @Test
    void everyRouteHasA5xxRateAlarmOnApiGatewaysRouteMetrics() {
        JsonNode api = resources.path("SipCredentialsApi").path("Properties");
        assertThat(api.path("DefaultRouteSettings").path("DetailedMetricsEnabled").asBoolean())
                .as("route-level metrics").isTrue();
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) ->
                function.path("Properties").path("Events").forEach(event -> {
                    String path = event.path("Properties").path("Path").asText();
                    String method = event.path("Properties").path("Method").asText();
                    // Routes may share a path (GET and DELETE of one id): the alarm is the one on this method.
                    List<JsonNode> alarms = alarmsOn("AWS/ApiGateway", "5xx", "Resource", path).stream()
                            .filter(a -> a.toString().contains("{\"Name\":\"Method\",\"Value\":\"" + method + "\"}"))
                            .toList();
                    assertThat(alarms).as(method + " " + path + " 5xx alarm").hasSize(1);
                    JsonNode alarm = alarms.get(0);
                    assertThat(alarm.toString()).contains("{\"Name\":\"Method\",\"Value\":\"" + method + "\"}",
                            "\"MetricName\":\"Count\"", "100 * errors / requests");
                    assertThat(refOf(alarm.path("Properties").path("Threshold")))
                            .isEqualTo("ServerErrorRateAlarmPercent");
                    notifiesTheTopic(alarm, path);
                }));
    }

    @Test
    void theTableHasThrottleAndSystemErrorAlarmsOverTheOperationsTheFunctionsSend() {
        for (String metric : List.of("ThrottledRequests", "SystemErrors")) {
            List<JsonNode> alarms = alarmsOn("AWS/DynamoDB", metric, "TableName", "SipCredentialsTable");
            assertThat(alarms).as(metric + ": one alarm, found once per operation it sums").hasSize(4);
            assertThat(alarms).allSatisfy(alarm -> assertThat(alarm).isSameAs(alarms.get(0)));
            assertThat(alarms.get(0).toString()).contains("\"Value\":\"PutItem\"",
                    "\"Value\":\"TransactWriteItems\"", "\"Value\":\"GetItem\"", "\"Value\":\"Query\"");
            notifiesTheTopic(alarms.get(0), metric);
        }
    }

    @Test
    void oneDashboardShowsEveryFunctionRouteAlarmAndTheTable() {
        Map<String, JsonNode> dashboards = resourcesOfType("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = dashboards.values().iterator().next().path("Properties").path("DashboardBody")
                .path("Fn::Sub").asText();
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
            assertThat(body).contains("${" + name + "}");
            function.path("Properties").path("Events").forEach(event -> {
                String path = event.path("Properties").path("Path").asText();
                String method = event.path("Properties").path("Method").asText();
                assertThat(body).contains("\"Resource\",\"" + path + "\"", "\"Route\",\"" + method + " " + path + "\"");
            });
        });
        resourcesOfType("AWS::CloudWatch::Alarm").keySet().forEach(alarm ->
                assertThat(body).as("alarm widget").contains("${" + alarm + ".Arn}"));
        assertThat(body).contains("${SipCredentialsTable}", "${MetricsNamespace}");
    }

    @Test
    void theFunctionsGetTheMetricsNamespaceParameter() {
        assertThat(parameter("MetricsNamespace").path("Default").asText()).isEqualTo("SipCredentials");
        assertThat(refOf(template.path("Globals").path("Function").path("Environment").path("Variables")
                .path("METRICS_NAMESPACE"))).isEqualTo("MetricsNamespace");
    }

    @Test
    void theApiWritesJsonAccessLogsAndThrottlesByDefaultAndTheBatchRouteApart() throws IOException {
        JsonNode api = resources.path("SipCredentialsApi").path("Properties");
        JsonNode access = api.path("AccessLogSettings");
        String group = access.path("DestinationArn").path("Fn::GetAtt").get(0).asText();
        assertThat(refOf(resources.path(group).path("Properties").path("RetentionInDays")))
                .isEqualTo("LogRetentionDays");
        // What API Gateway writes: the format with each $context variable replaced by a value must be JSON.
        String format = access.path("Format").asText();
        JsonNode line = new ObjectMapper().readTree(format.replaceAll("\\$context\\.[a-zA-Z_.]+", "v"));
        assertThat(line.fieldNames()).toIterable().contains("requestId", "routeKey", "status", "caller",
                "integrationError", "responseLatency");
        assertThat(format).doesNotContainIgnoringCase("authorization").doesNotContain("$context.authorizer.claims.sip");

        JsonNode defaults = api.path("DefaultRouteSettings");
        assertThat(refOf(defaults.path("ThrottlingRateLimit"))).isEqualTo("ApiThrottlingRateLimit");
        assertThat(refOf(defaults.path("ThrottlingBurstLimit"))).isEqualTo("ApiThrottlingBurstLimit");
        JsonNode batch = api.path("RouteSettings").path("POST /accounts/{accountId}/sipcredentials");
        assertThat(refOf(batch.path("ThrottlingRateLimit"))).isEqualTo("BatchRouteThrottlingRateLimit");
        assertThat(refOf(batch.path("ThrottlingBurstLimit"))).isEqualTo("BatchRouteThrottlingBurstLimit");
        assertThat(parameter("BatchRouteThrottlingRateLimit").path("Default").asInt())
                .isLessThan(parameter("ApiThrottlingRateLimit").path("Default").asInt());
        List<String> routeKeys = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) ->
                function.path("Properties").path("Events").forEach(event -> routeKeys.add(
                        event.path("Properties").path("Method").asText() + " "
                                + event.path("Properties").path("Path").asText())));
        api.path("RouteSettings").fieldNames().forEachRemaining(key ->
                assertThat(routeKeys).as("RouteSettings key names a route").contains(key));
    }

    @Test
    void samBuildTakesTheJarAsItIs() {
        resourcesOfType("AWS::Serverless::Function").forEach((name, function) ->
                assertThat(function.path("Metadata").path("SkipBuild").asBoolean()).as(name + " Metadata.SkipBuild")
                        .isTrue());
    }

    @Test
    void everyRouteIsBehindTheJwtAuthorizerOfTheStacksCognitoPoolOrOfTheIssuerParameters() {
        JsonNode auth = resources.path("SipCredentialsApi").path("Properties").path("Auth");
        String name = auth.path("DefaultAuthorizer").asText();
        assertThat(name).isNotBlank();
        JsonNode authorizer = auth.path("Authorizers").path(name);
        assertThat(authorizer.path("IdentitySource").asText()).isEqualTo("$request.header.Authorization");
        JsonNode issuer = authorizer.path("JwtConfiguration").path("issuer").path("Fn::If");
        JsonNode audience = authorizer.path("JwtConfiguration").path("audience").get(0).path("Fn::If");
        assertThat(issuer.get(0).asText()).isEqualTo("IssuerIsCognito");
        assertThat(issuer.get(1).path("Fn::Sub").asText())
                .isEqualTo("https://cognito-idp.${AWS::Region}.amazonaws.com/${ProvisioningUserPool}");
        assertThat(issuer.get(2).path("Ref").asText()).isEqualTo("JwtIssuer");
        assertThat(audience.get(0).asText()).isEqualTo("IssuerIsCognito");
        // Cognito's access tokens have no aud: API Gateway compares their client_id with the audience list.
        assertThat(audience.get(1).path("Ref").asText()).isEqualTo("ProvisioningClient");
        assertThat(audience.get(2).path("Ref").asText()).isEqualTo("JwtAudience");
        assertThat(parameter("IssuerSource").path("Default").asText()).isEqualTo("cognito");
        assertThat(template.path("Conditions").path("IssuerIsCognito").path("Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"IssuerSource\"},\"cognito\"]");
        assertThat(template.path("Parameters").path("JwtIssuer").path("Type").asText()).isEqualTo("String");
        assertThat(template.path("Parameters").path("JwtAudience").path("Type").asText()).isEqualTo("String");
        resourcesOfType("AWS::Serverless::Function").forEach((fn, function) ->
                function.path("Properties").path("Events").forEach(event ->
                        assertThat(event.path("Properties").has("Auth")).as(fn + ": no route opts out").isFalse()));
    }

    @Test
    void theCognitoIssuerGivesMachineClientsAccessTokensWithTheTenantClaims() {
        JsonNode pool = resources.path("ProvisioningUserPool");
        // Access tokens of client-credentials grants are customised by trigger version V3_0 on the Essentials plan.
        assertThat(pool.path("Properties").path("UserPoolTier").asText()).isEqualTo("ESSENTIALS");
        JsonNode trigger = pool.path("Properties").path("LambdaConfig").path("PreTokenGenerationConfig");
        assertThat(trigger.path("LambdaVersion").asText()).isEqualTo("V3_0");
        assertThat(trigger.path("LambdaArn").path("Fn::GetAtt").get(0).asText()).isEqualTo("TenantClaimsFunction");
        JsonNode permission = resources.path("TenantClaimsPermission").path("Properties");
        assertThat(permission.path("Principal").asText()).isEqualTo("cognito-idp.amazonaws.com");
        assertThat(permission.path("SourceArn").path("Fn::GetAtt").get(0).asText()).isEqualTo("ProvisioningUserPool");
        JsonNode client = resources.path("ProvisioningClient").path("Properties");
        assertThat(client.path("AllowedOAuthFlows").toString()).isEqualTo("[\"client_credentials\"]");
        assertThat(client.path("GenerateSecret").asBoolean()).isTrue();
        // The trigger writes the claims under the names the functions read (auth/TenantGrant).
        String code = resources.path("TenantClaimsFunction").path("Properties").path("Code").path("ZipFile").asText();
        assertThat(code).contains("\"" + dev.sipcredentials.local.LocalJwtAuthorizer.ACCOUNTS_CLAIM + "\"",
                "\"" + dev.sipcredentials.local.LocalJwtAuthorizer.ORGANIZATIONS_CLAIM + "\"", "accessTokenGeneration");
        for (String name : List.of("ProvisioningUserPool", "ProvisioningUserPoolDomain", "ProvisioningResourceServer",
                "ProvisioningClient", "TenantClaimsFunction", "TenantClaimsRole", "TenantClaimsPermission")) {
            assertThat(resources.path(name).path("Condition").asText()).as(name).isEqualTo("IssuerIsCognito");
        }
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
                .isEqualTo("[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                        + "{\"AttributeName\":\"listPk\",\"AttributeType\":\"S\"},"
                        + "{\"AttributeName\":\"listSk\",\"AttributeType\":\"S\"}]");
        JsonNode indexes = properties.path("GlobalSecondaryIndexes");
        assertThat(indexes.size()).isEqualTo(1);
        assertThat(indexes.get(0).path("IndexName").asText()).isEqualTo("tenantListing");
        assertThat(indexes.get(0).path("KeySchema").toString()).isEqualTo(
                "[{\"AttributeName\":\"listPk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"listSk\",\"KeyType\":\"RANGE\"}]");
        // Never the sealed password in the index: listing shows no password, so it must not be copied there.
        assertThat(indexes.get(0).path("Projection").toString()).doesNotContain("password").contains("INCLUDE");
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
            for (Iterator<Path> it = files.filter(f -> f.toString().endsWith(".json")).iterator(); it.hasNext(); ) {
                routeKeys.add(new ObjectMapper().readTree(it.next().toFile()).path("routeKey").asText());
            }
        }
        assertThat(routeKeys).contains(
                "POST /accounts/{accountId}/sipcredentials",
                "POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}",
                "GET /accounts/{accountId}/sipcredentials",
                "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials");
    }
}

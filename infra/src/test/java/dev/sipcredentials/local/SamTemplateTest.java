package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    @Test
    void readsTheProjectTemplatesFunctionsAndTheirRoutes() {
        SamTemplate template = SamTemplate.parse(TestTemplates.project());

        assertThat(template.functions()).extracting(SamTemplate.Function::logicalId)
                .containsExactly("BandwidthSipCredentialsFunction", "DeepslateSipCredentialsFunction",
                        "DeepslateGetSipCredentialFunction", "DeepslateDeleteSipCredentialFunction",
                        "DeepslateUpdateSipCredentialFunction",
                        "BandwidthListSipCredentialsFunction", "DeepslateListSipCredentialsFunction",
                        "BandwidthGetSipCredentialFunction", "BandwidthUpdateSipCredentialFunction",
                        "BandwidthDeleteSipCredentialFunction");

        SamTemplate.Function bandwidth = template.function("BandwidthSipCredentialsFunction").orElseThrow();
        assertThat(bandwidth.handlerClass()).isEqualTo("dev.sipcredentials.bandwidth.CreateSipCredentials");
        assertThat(bandwidth.handlerMethod()).isEqualTo("handleRequest");
        assertThat(bandwidth.httpApiEvents()).extracting(SamTemplate.HttpApiEvent::routeKey)
                .containsExactly("POST /accounts/{accountId}/sipcredentials");

        SamTemplate.Function deepslate = template.function("DeepslateSipCredentialsFunction").orElseThrow();
        assertThat(deepslate.handlerClass()).isEqualTo("dev.sipcredentials.deepslate.CreateSipCredential");
        assertThat(deepslate.httpApiEvents()).extracting(SamTemplate.HttpApiEvent::routeKey)
                .containsExactly("POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials");

        SamTemplate.Function get = template.function("DeepslateGetSipCredentialFunction").orElseThrow();
        assertThat(get.handlerClass()).isEqualTo("dev.sipcredentials.deepslate.GetSipCredential");
        assertThat(get.httpApiEvents()).extracting(SamTemplate.HttpApiEvent::routeKey).containsExactly(
                "GET /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials/{sipCredentialsId}");
    }

    @Test
    void appliesGlobalsAndResolvesTheTableRefToTheLocalTableName() {
        SamTemplate template = SamTemplate.parse(TestTemplates.project());

        for (SamTemplate.Function function : template.functions()) {
            assertThat(function.environment()).containsEntry("TABLE_NAME", "SipCredentialsTable");
            assertThat(function.timeoutSeconds()).isEqualTo(29);
            assertThat(function.memorySizeMb()).isEqualTo(1024);
        }
        assertThat(template.warnings()).isEmpty();
    }

    @Test
    void readsTheTableKeySchemaAndListingIndexAndUsesTheLogicalIdWhenThereIsNoTableName() {
        SamTemplate.Table table = SamTemplate.parse(TestTemplates.project()).table("SipCredentialsTable").orElseThrow();

        assertThat(table.tableName()).isEqualTo("SipCredentialsTable");
        assertThat(table.keySchema()).containsExactly(new SamTemplate.KeyElement("pk", "HASH"));
        assertThat(table.attributeDefinitions()).containsExactly(new SamTemplate.AttributeDefinition("pk", "S"),
                new SamTemplate.AttributeDefinition("listPk", "S"), new SamTemplate.AttributeDefinition("listSk", "S"));
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("tenantListing");
            assertThat(index.keySchema()).containsExactly(new SamTemplate.KeyElement("listPk", "HASH"),
                    new SamTemplate.KeyElement("listSk", "RANGE"));
            assertThat(index.projectionType()).isEqualTo("INCLUDE");
            assertThat(index.nonKeyAttributes()).contains("hash1Ciphertext", "username").doesNotContain(
                    "passwordCiphertext", "hash1", "hash1b");
        });
    }

    @Test
    void readsTableNameAndGlobalSecondaryIndexes() {
        SamTemplate.Table table = SamTemplate.parse(TestTemplates.withTestHandlers()).table("TestTable").orElseThrow();

        assertThat(table.tableName()).isEqualTo("local-stack-test-table");
        assertThat(table.globalSecondaryIndexes()).containsExactly(new SamTemplate.SecondaryIndex(
                "byTenant", java.util.List.of(new SamTemplate.KeyElement("tenant", "HASH")), "KEYS_ONLY",
                java.util.List.of()));
    }

    @Test
    void functionSettingsOverrideGlobalsAndMethodsAreUpperCased() {
        SamTemplate template = SamTemplate.parse(TestTemplates.withTestHandlers());

        assertThat(template.function("SlowFunction").orElseThrow().timeoutSeconds()).isEqualTo(1);
        assertThat(template.function("EchoFunction").orElseThrow().environment())
                .isEqualTo(Map.of("TABLE_NAME", "local-stack-test-table", "EXTRA_SETTING", "hello"));
        assertThat(template.function("BinaryFunction").orElseThrow().httpApiEvents())
                .extracting(SamTemplate.HttpApiEvent::method).containsExactly("GET");
    }

    @Test
    void resolvesIntrinsicsItCanAndWarnsAboutTheRest() {
        String yaml = String.join("\n",
                "Parameters:",
                "  Stage:",
                "    Type: String",
                "    Default: dev",
                "Resources:",
                "  Table:",
                "    Type: AWS::DynamoDB::Table",
                "    Properties:",
                "      TableName:",
                "        Fn::Sub: 'creds-${Stage}'",
                "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
                "      KeySchema: [{AttributeName: pk, KeyType: HASH}]",
                "  Fn:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: a.B",
                "      Environment:",
                "        Variables:",
                "          NAME: {Ref: Table}",
                "          ARN: {'Fn::GetAtt': [Table, Arn]}",
                "          REGION: {Ref: 'AWS::Region'}",
                "          SUBBED: {'Fn::Sub': '${Table}@${AWS::Region}'}",
                "          QUEUE: {Ref: SomeQueue}",
                "          NUMBER: 42",
                "      Events:",
                "        Catch:",
                "          Type: HttpApi",
                "        Timer:",
                "          Type: Schedule",
                "          Properties: {Schedule: 'rate(1 minute)'}");

        SamTemplate template = SamTemplate.parse(yaml);
        SamTemplate.Function fn = template.function("Fn").orElseThrow();

        assertThat(template.table("Table").orElseThrow().tableName()).isEqualTo("creds-dev");
        assertThat(fn.handlerMethod()).isEqualTo("handleRequest");
        assertThat(fn.timeoutSeconds()).isEqualTo(3);
        assertThat(fn.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "NAME", "creds-dev",
                "ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/creds-dev",
                "REGION", "us-east-1",
                "SUBBED", "creds-dev@us-east-1",
                "NUMBER", "42"));
        assertThat(fn.httpApiEvents()).singleElement().satisfies(e -> {
            assertThat(e.isDefaultRoute()).isTrue();
            assertThat(e.routeKey()).isEqualTo("$default");
        });
        assertThat(template.warnings()).anyMatch(w -> w.contains("SomeQueue")).anyMatch(w -> w.contains("Schedule"));
    }

    @Test
    void refusesATemplateWithoutResources() {
        assertThatThrownBy(() -> SamTemplate.parse("AWSTemplateFormatVersion: '2010-09-09'"))
                .hasMessageContaining("Resources");
    }

    @Test
    void locatesTemplateYamlFromAnyFolderInsideTheCheckout(@TempDir Path root) throws IOException {
        Path checkout = Files.createDirectory(root.resolve("checkout"));
        Files.writeString(checkout.resolve("template.yaml"), "Resources: {}");
        Path infra = Files.createDirectory(checkout.resolve("infra"));
        Path deep = Files.createDirectories(checkout.resolve("functions/src/main/java"));

        assertThat(SamTemplate.locate(checkout)).isEqualTo(checkout.resolve("template.yaml"));
        assertThat(SamTemplate.locate(infra)).isEqualTo(checkout.resolve("template.yaml"));
        assertThat(SamTemplate.locate(deep)).isEqualTo(checkout.resolve("template.yaml"));
        assertThatThrownBy(() -> SamTemplate.locate(Files.createDirectories(root.resolve("elsewhere/a"))))
                .hasMessageContaining("--template");
    }
}

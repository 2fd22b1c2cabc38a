package dev.sipcredentials.it;

import dev.sipcredentials.local.SamTemplate;
import dev.sipcredentials.local.TableCreator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;

/** Creates test tables from template.yaml's SipCredentialsTable, so tests use the deployed key design. */
final class TemplateTables {
    private static final SamTemplate.Table DECLARED = SamTemplate.parse(SamTemplate.locate(Path.of(".")))
            .table("SipCredentialsTable").orElseThrow();

    private TemplateTables() {
    }

    static void create(DynamoDbClient client, String name) {
        TableCreator.create(client, new SamTemplate.Table(DECLARED.logicalId(), name, DECLARED.keySchema(),
                DECLARED.attributeDefinitions(), DECLARED.globalSecondaryIndexes(), DECLARED.localSecondaryIndexes(),
                DECLARED.timeToLiveAttribute()));
    }
}

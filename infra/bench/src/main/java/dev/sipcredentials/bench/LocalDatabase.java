package dev.sipcredentials.bench;

import dev.sipcredentials.local.EmbeddedDynamoDb;
import dev.sipcredentials.local.SamTemplate;
import dev.sipcredentials.local.TableCreator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our DynamoDB engine in this JVM (the project's {@link EmbeddedDynamoDb}) and fresh tables shaped as template.yaml
 * declares SipCredentialsTable, so that every measured write lands in an empty table and succeeds.
 */
public final class LocalDatabase implements AutoCloseable {
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final EmbeddedDynamoDb database;
    private final DynamoDbClient admin;
    private final SamTemplate.Table declared;

    private LocalDatabase(EmbeddedDynamoDb database, SamTemplate.Table declared) {
        this.database = database;
        this.admin = database.newClient();
        this.declared = declared;
    }

    public static LocalDatabase start() {
        String templateFile = System.getProperty("templateFile");
        Path template = templateFile != null ? Path.of(templateFile) : SamTemplate.locate(Path.of("."));
        SamTemplate.Table declared = SamTemplate.parse(template).table("SipCredentialsTable").orElseThrow();
        return new LocalDatabase(EmbeddedDynamoDb.start(null), declared);
    }

    public String endpoint() {
        return database.endpoint().toString();
    }

    public String freshTable(String purpose) {
        String name = "bench-" + purpose + "-" + TABLES.incrementAndGet();
        TableCreator.create(admin, new SamTemplate.Table(declared.logicalId(), name, declared.keySchema(),
                declared.attributeDefinitions(), declared.globalSecondaryIndexes(), declared.localSecondaryIndexes()));
        return name;
    }

    /** Frees the engine's memory between runs. */
    public void drop(String table) {
        admin.deleteTable(DeleteTableRequest.builder().tableName(table).build());
    }

    public DynamoDbClient admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
        database.close();
    }
}

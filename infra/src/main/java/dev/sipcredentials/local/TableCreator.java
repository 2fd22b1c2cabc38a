package dev.sipcredentials.local;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates the template's tables in the DynamoDB engine from their KeySchema, AttributeDefinitions and secondary indexes.
 * Always on-demand: capacity settings mean nothing locally. A table that already exists (kept by --db-path) is left
 * as it is.
 */
public final class TableCreator {

    private TableCreator() {}

    /** Creates each table; returns true for those created now, false for those that already existed. */
    public static List<Boolean> createAll(DynamoDbClient client, List<SamTemplate.Table> tables) {
        return tables.stream().map(table -> create(client, table)).toList();
    }

    public static boolean create(DynamoDbClient client, SamTemplate.Table table) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(table.keySchema()))
                .attributeDefinitions(table.attributeDefinitions().stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(a.attributeName())
                                .attributeType(a.attributeType())
                                .build())
                        .toList());
        if (!table.globalSecondaryIndexes().isEmpty()) {
            request.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(index.indexName())
                            .keySchema(keySchema(index.keySchema()))
                            .projection(projection(index))
                            .build())
                    .toList());
        }
        if (!table.localSecondaryIndexes().isEmpty()) {
            request.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(index.indexName())
                            .keySchema(keySchema(index.keySchema()))
                            .projection(projection(index))
                            .build())
                    .toList());
        }
        try {
            client.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return false;
        }
        if (table.timeToLiveAttribute() != null) {
            // The engine sweeps expired items in the background, as DynamoDB does (late): until then they are still
            // returned, so code that relies on TTL must treat an expired item as absent itself.
            client.updateTimeToLive(b -> b.tableName(table.tableName())
                    .timeToLiveSpecification(ttl -> ttl.attributeName(table.timeToLiveAttribute()).enabled(true)));
        }
        return true;
    }

    private static List<KeySchemaElement> keySchema(List<SamTemplate.KeyElement> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build())
                .toList();
    }

    private static Projection projection(SamTemplate.SecondaryIndex index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }
}

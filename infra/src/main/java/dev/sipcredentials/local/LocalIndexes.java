package dev.sipcredentials.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table kept by {@code --db-path} from before the template declared an index: the local stack refuses to serve
 * it ({@link #missing}), since its credentials could not be listed; {@code migrate-listing --db-path} adds the
 * index ({@link #addMissing}). The engine has no UpdateTable, so adding means rebuilding: every item read into
 * memory, the table deleted and created as declared, the items put back as they were.
 */
final class LocalIndexes {
    private LocalIndexes() {
    }

    /** The declared GSIs the existing table lacks (empty when it has them all, or does not exist). */
    static List<String> missing(DynamoDbClient client, SamTemplate.Table declared) {
        TableDescription table;
        try {
            table = client.describeTable(d -> d.tableName(declared.tableName())).table();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
        Set<String> present = table.hasGlobalSecondaryIndexes()
                ? table.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
                .collect(Collectors.toSet())
                : Set.of();
        List<String> missing = new ArrayList<>();
        for (SamTemplate.SecondaryIndex index : declared.globalSecondaryIndexes()) {
            if (!present.contains(index.indexName())) {
                missing.add(index.indexName());
            }
        }
        return missing;
    }

    /** The local stack's refusal of such a table: what is wrong and the one command that fixes it. */
    static String refusal(SamTemplate.Table declared, List<String> missing, java.nio.file.Path dbPath) {
        return "Table " + declared.tableName() + " in --db-path " + dbPath + " has no index " + String.join(", ", missing)
                + ", which the template declares (the table was created by an older version). Its credentials could"
                + " not be listed. Add the index and the listing keys, with the stack stopped:\n"
                + "  java -jar infra/target/sip-credentials-local.jar migrate-listing --db-path " + dbPath
                + "\nor start with a new --db-path.";
    }

    /**
     * Adds what {@link #missing} finds by rebuilding the table. Items are held in memory (a local database is small)
     * and put back unchanged; a crash midway leaves the table as the last completed step left it, and a rerun
     * continues: it finds the index, so it only migrates.
     *
     * @return true when the table was rebuilt
     */
    static boolean addMissing(DynamoDbClient client, SamTemplate.Table declared, PrintStream out) {
        List<String> missing = missing(client, declared);
        if (missing.isEmpty()) {
            return false;
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(ScanRequest.builder().tableName(declared.tableName()).consistentRead(true).build())
                .items().forEach(items::add);
        client.deleteTable(d -> d.tableName(declared.tableName()));
        TableCreator.create(client, declared);
        for (Map<String, AttributeValue> item : items) {
            client.putItem(p -> p.tableName(declared.tableName()).item(item));
        }
        out.printf("%s: added index %s (rebuilt with its %d items)%n", declared.tableName(), String.join(", ", missing),
                items.size());
        return true;
    }
}

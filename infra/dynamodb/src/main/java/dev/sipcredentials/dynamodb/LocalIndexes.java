package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CreateTable's LocalSecondaryIndexes: validated with DynamoDB's texts, and described. Once created, an LSI is an
 * {@link IndexDefinition} with {@code local} set and is kept like a GSI (its own sorted map, updated with the base
 * write); what differs is checked where it matters (consistent reads, ALL_ATTRIBUTES, capacity reporting).
 */
final class LocalIndexes {
    static final int MAX_PER_TABLE = 5;

    private LocalIndexes() {
    }

    /** Refuses LocalSecondaryIndexes DynamoDB would refuse; adds their names to {@code indexNames}. */
    static void validate(JsonNode lsis, JsonNode tableKeySchema, List<String> defined, Set<String> indexNames) {
        if (!lsis.isArray() || lsis.size() == 0) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: List of LocalSecondaryIndexes is empty");
        }
        if (tableKeySchema.size() != 2) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Table KeySchema does not have a "
                    + "range key, which is required when specifying a LocalSecondaryIndex");
        }
        String tableHash = tableKeySchema.get(0).path("AttributeName").asText();
        int n = 1;
        for (JsonNode l : lsis) {
            String indexName = l.path("IndexName").asText(null);
            if (indexName == null) {
                throw Request.constraint(null, "localSecondaryIndexes." + n + ".member.indexName", "Member must not be null");
            }
            JsonNode ks = l.get("KeySchema");
            if (ks == null || !ks.isArray()) {
                throw Request.constraint(null, "localSecondaryIndexes." + n + ".member.keySchema", "Member must not be null");
            }
            if (l.get("Projection") == null) {
                throw Request.constraint(null, "localSecondaryIndexes." + n + ".member.projection", "Member must not be null");
            }
            if (ks.size() < 1 || ks.size() > 2) {
                throw Request.constraint(ks.toString(), "localSecondaryIndexes." + n + ".member.keySchema",
                        ks.size() < 1 ? "Member must have length greater than or equal to 1"
                                : "Member must have length less than or equal to 2");
            }
            List<String> keys = new ArrayList<>();
            ks.forEach(k -> keys.add(k.path("AttributeName").asText(null)));
            for (String k : keys) {
                if (k == null || !defined.contains(k)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Some index key attributes "
                            + "are not defined in AttributeDefinitions. Keys: [" + String.join(", ", keys)
                            + "], AttributeDefinitions: [" + String.join(", ", defined) + "]");
                }
            }
            if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
                throw DynamoDbException.validation(
                        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
            }
            if (!"HASH".equals(ks.get(0).path("KeyType").asText())) {
                throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            }
            if (ks.size() == 2 && !"RANGE".equals(ks.get(1).path("KeyType").asText())) {
                throw DynamoDbException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            if (ks.size() != 2) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Index KeySchema does not have "
                        + "a range key for index: " + indexName);
            }
            if (!keys.get(0).equals(tableHash)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Index KeySchema does not have "
                        + "the same leading hash key as table KeySchema for index: " + indexName + ". index hash key: "
                        + keys.get(0) + ", table hash key: " + tableHash);
            }
            JsonNode projection = l.get("Projection");
            String projectionType = projection.path("ProjectionType").asText(null);
            if (projectionType == null) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Unknown ProjectionType: null");
            }
            if (!List.of("ALL", "KEYS_ONLY", "INCLUDE").contains(projectionType)) {
                throw Request.constraint(projectionType, "localSecondaryIndexes." + n + ".member.projection.projectionType",
                        "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
            }
            JsonNode nonKey = projection.get("NonKeyAttributes");
            if (nonKey != null && !projectionType.equals("INCLUDE")) {
                throw DynamoDbException.validation("One or more parameter values were invalid: ProjectionType is "
                        + projectionType + ", but NonKeyAttributes is specified");
            }
            if (projectionType.equals("INCLUDE") && (nonKey == null || !nonKey.isArray() || nonKey.size() == 0)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: ProjectionType is INCLUDE, "
                        + "but NonKeyAttributes is not specified");
            }
            if (!indexNames.add(indexName)) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Duplicate index name: " + indexName);
            }
            n++;
        }
        if (lsis.size() > MAX_PER_TABLE) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Number of LocalSecondaryIndexes "
                    + "exceeds per-table limit of " + MAX_PER_TABLE);
        }
    }

    /** DescribeTable's LocalSecondaryIndexes: no throughput or status of their own (they share the table's). */
    static void describe(ArrayNode out, JsonNode lsis, String tableArn, Map<String, long[]> indexCounts) {
        for (JsonNode l : lsis) {
            String indexName = l.get("IndexName").textValue();
            long[] counts = indexCounts == null ? null : indexCounts.get(indexName);
            ObjectNode d = out.addObject();
            d.put("IndexName", indexName);
            d.set("KeySchema", l.get("KeySchema").deepCopy());
            d.set("Projection", l.get("Projection").deepCopy());
            d.put("IndexSizeBytes", counts == null ? 0 : counts[1]);
            d.put("ItemCount", counts == null ? 0 : counts[0]);
            d.put("IndexArn", tableArn + "/index/" + indexName);
        }
    }
}

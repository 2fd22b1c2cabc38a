package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A table's schema as CreateTable declared it, validated with DynamoDB's texts; also what is journaled to recreate
 * the table ({@link #spec}).
 */
final class TableDefinition {
    static final String ARN_PREFIX = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    final String name;
    final KeyAttribute hash;
    final KeyAttribute range;
    final Map<String, Character> attributeTypes;
    final List<IndexDefinition> indexes;
    final String billingMode; // PROVISIONED or PAY_PER_REQUEST
    final long readCapacity;
    final long writeCapacity;
    final double creationTime; // epoch seconds
    final String tableId;
    /** The CreateTable request as accepted, plus CreationDateTime and TableId: enough to recreate the table. */
    final ObjectNode spec;

    private TableDefinition(ObjectNode spec) {
        this.spec = spec;
        this.name = spec.get("TableName").textValue();
        this.attributeTypes = new LinkedHashMap<>();
        for (JsonNode d : spec.get("AttributeDefinitions")) {
            attributeTypes.put(d.get("AttributeName").textValue(), d.get("AttributeType").textValue().charAt(0));
        }
        JsonNode ks = spec.get("KeySchema");
        this.hash = key(ks.get(0));
        this.range = ks.size() > 1 ? key(ks.get(1)) : null;
        this.billingMode = spec.path("BillingMode").asText("PROVISIONED");
        this.readCapacity = spec.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong(0);
        this.writeCapacity = spec.path("ProvisionedThroughput").path("WriteCapacityUnits").asLong(0);
        this.creationTime = spec.path("CreationDateTime").asDouble();
        this.tableId = spec.path("TableId").asText();
        List<IndexDefinition> gsis = new ArrayList<>();
        JsonNode list = spec.get("GlobalSecondaryIndexes");
        if (list != null) {
            for (JsonNode g : list) {
                JsonNode gks = g.get("KeySchema");
                JsonNode projection = g.get("Projection");
                gsis.add(new IndexDefinition(g.get("IndexName").textValue(), key(gks.get(0)),
                        gks.size() > 1 ? key(gks.get(1)) : null, projection.get("ProjectionType").textValue(),
                        IndexDefinition.nonKeyAttributes(projection),
                        g.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong(0),
                        g.path("ProvisionedThroughput").path("WriteCapacityUnits").asLong(0)));
            }
        }
        JsonNode lsis = spec.get("LocalSecondaryIndexes");
        if (lsis != null) {
            for (JsonNode l : lsis) {
                JsonNode lks = l.get("KeySchema");
                JsonNode projection = l.get("Projection");
                gsis.add(new IndexDefinition(l.get("IndexName").textValue(), key(lks.get(0)), key(lks.get(1)),
                        projection.get("ProjectionType").textValue(), IndexDefinition.nonKeyAttributes(projection), 0, 0, true));
            }
        }
        this.indexes = List.copyOf(gsis);
    }

    private KeyAttribute key(JsonNode element) {
        String attr = element.get("AttributeName").textValue();
        return new KeyAttribute(attr, attributeTypes.get(attr));
    }

    /** A journaled or snapshotted definition. */
    static TableDefinition fromSpec(ObjectNode spec) {
        return new TableDefinition(spec);
    }

    /**
     * DynamoDB's refusal of a projection or filter that reaches into a key attribute of the table or of an index
     * ({@code pk.x}, {@code pk[0]}): key attributes are scalars.
     */
    void checkScalarKeyPaths(java.util.Set<String> nestedTopLevelAttributes) {
        if (nestedTopLevelAttributes.isEmpty()) {
            return;
        }
        for (KeyAttribute k : keys()) {
            if (nestedTopLevelAttributes.contains(k.name)) {
                throw DynamoDbException.validation(NOT_SCALAR + "Key: " + k.name);
            }
        }
        for (IndexDefinition i : indexes) {
            for (KeyAttribute k : i.keys()) {
                if (nestedTopLevelAttributes.contains(k.name)) {
                    throw DynamoDbException.validation(NOT_SCALAR + "IndexKey: " + k.name);
                }
            }
        }
    }

    private static final String NOT_SCALAR =
            "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ";

    boolean isKeyAttribute(String attribute) {
        return attribute.equals(hash.name) || (range != null && attribute.equals(range.name));
    }

    IndexDefinition index(String indexName) {
        for (IndexDefinition i : indexes) {
            if (i.name.equals(indexName)) {
                return i;
            }
        }
        return null;
    }

    List<KeyAttribute> keys() {
        return range == null ? List.of(hash) : List.of(hash, range);
    }

    /** Validates a CreateTable request as DynamoDB does and returns the definition. */
    static TableDefinition fromCreateTable(JsonNode request, double now) {
        String tableName = Request.tableName(request);
        JsonNode defs = Request.field(request, "AttributeDefinitions");
        JsonNode keySchema = Request.field(request, "KeySchema");
        if (defs == null) {
            throw Request.constraint(null, "attributeDefinitions", "Member must not be null");
        }
        if (keySchema == null) {
            throw Request.constraint(null, "keySchema", "Member must not be null");
        }
        if (!defs.isArray() || !keySchema.isArray()) {
            throw DynamoDbException.validation("AttributeDefinitions and KeySchema must be lists");
        }
        List<String> defined = new ArrayList<>();
        int i = 1;
        for (JsonNode d : defs) {
            String attr = d.path("AttributeName").asText(null);
            String type = d.path("AttributeType").asText(null);
            if (attr == null) {
                throw Request.constraint(null, "attributeDefinitions." + i + ".member.attributeName", "Member must not be null");
            }
            if (type == null) {
                throw Request.constraint(null, "attributeDefinitions." + i + ".member.attributeType", "Member must not be null");
            }
            if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
                throw Request.constraint(type, "attributeDefinitions." + i + ".member.attributeType",
                        "Member must satisfy enum value set: [B, N, S]");
            }
            if (defined.contains(attr)) {
                throw DynamoDbException.validation("Cannot have two attributes with the same name");
            }
            defined.add(attr);
            i++;
        }
        String billing = Request.choice(request, "BillingMode", "PROVISIONED", "PROVISIONED", "PAY_PER_REQUEST");
        JsonNode throughput = Request.field(request, "ProvisionedThroughput");
        if (billing.equals("PAY_PER_REQUEST")) {
            if (throughput != null) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                        + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
        } else if (throughput == null || throughput.path("ReadCapacityUnits").asLong(0) < 1
                || throughput.path("WriteCapacityUnits").asLong(0) < 1) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        Set<String> used = new LinkedHashSet<>();
        checkKeySchema(keySchema, defined, "keySchema", null);
        keySchema.forEach(k -> used.add(k.path("AttributeName").asText()));

        JsonNode lsis = Request.field(request, "LocalSecondaryIndexes");
        Set<String> indexNames = new LinkedHashSet<>();
        if (lsis != null) {
            LocalIndexes.validate(lsis, keySchema, defined, indexNames);
            lsis.forEach(l -> l.get("KeySchema").forEach(k -> used.add(k.path("AttributeName").asText())));
        }
        JsonNode gsis = Request.field(request, "GlobalSecondaryIndexes");
        if (gsis != null) {
            if (!gsis.isArray() || gsis.size() == 0) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty");
            }
            int n = 1;
            for (JsonNode g : gsis) {
                String indexName = g.path("IndexName").asText(null);
                if (indexName == null) {
                    throw Request.constraint(null, "globalSecondaryIndexes." + n + ".member.indexName", "Member must not be null");
                }
                JsonNode gks = g.get("KeySchema");
                if (gks == null || !gks.isArray()) {
                    throw Request.constraint(null, "globalSecondaryIndexes." + n + ".member.keySchema", "Member must not be null");
                }
                checkKeySchema(gks, defined, "globalSecondaryIndexes." + n + ".member.keySchema", indexName);
                gks.forEach(k -> used.add(k.path("AttributeName").asText()));
                JsonNode projection = g.get("Projection");
                String projectionType = projection == null ? null : projection.path("ProjectionType").asText(null);
                if (projectionType == null) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Unknown ProjectionType: null");
                }
                if (!List.of("ALL", "KEYS_ONLY", "INCLUDE").contains(projectionType)) {
                    throw Request.constraint(projectionType, "globalSecondaryIndexes." + n + ".member.projection.projectionType",
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
                JsonNode gThroughput = g.get("ProvisionedThroughput");
                if (billing.equals("PAY_PER_REQUEST") && gThroughput != null) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: ProvisionedThroughput should "
                            + "not be specified for index: " + indexName + " when BillingMode is PAY_PER_REQUEST");
                }
                if (billing.equals("PROVISIONED") && (gThroughput == null
                        || gThroughput.path("ReadCapacityUnits").asLong(0) < 1
                        || gThroughput.path("WriteCapacityUnits").asLong(0) < 1)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: ProvisionedThroughput "
                            + "is not specified for index: " + indexName);
                }
                if (!indexNames.add(indexName)) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Duplicate index name: " + indexName);
                }
                n++;
            }
            if (gsis.size() > 20) {
                throw DynamoDbException.validation("One or more parameter values were invalid: GlobalSecondaryIndex count "
                        + "exceeds the per-table limit of 20");
            }
        }
        if (used.size() != defined.size()) {
            if (gsis == null && lsis == null) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Number of attributes in "
                        + "KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
            }
            throw DynamoDbException.validation("One or more parameter values were invalid: Some AttributeDefinitions are "
                    + "not used. AttributeDefinitions: [" + String.join(", ", defined) + "], keys used: ["
                    + String.join(", ", used) + "]");
        }

        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.put("TableName", tableName);
        spec.set("AttributeDefinitions", defs.deepCopy());
        spec.set("KeySchema", keySchema.deepCopy());
        spec.put("BillingMode", billing);
        if (throughput != null) {
            spec.set("ProvisionedThroughput", throughput.deepCopy());
        }
        if (gsis != null) {
            spec.set("GlobalSecondaryIndexes", gsis.deepCopy());
        }
        if (lsis != null) {
            spec.set("LocalSecondaryIndexes", lsis.deepCopy());
        }
        JsonNode tags = Request.field(request, "Tags");
        if (tags != null && tags.size() > 0) {
            spec.set("Tags", Tags.toJson(Tags.validated(tags)));
        }
        spec.put("CreationDateTime", now);
        spec.put("TableId", UUID.randomUUID().toString());
        return new TableDefinition(spec);
    }

    static void checkKeySchema(JsonNode ks, List<String> defined, String path, String indexName) {
        if (ks.size() < 1) {
            throw Request.constraint("[]", path, "Member must have length greater than or equal to 1");
        }
        if (ks.size() > 2) {
            throw Request.constraint(ks.toString(), path, "Member must have length less than or equal to 2");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode k : ks) {
            keys.add(k.path("AttributeName").asText(null));
        }
        if (indexName == null && keys.size() > defined.size()) {
            throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        for (String k : keys) {
            if (k == null || !defined.contains(k)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Some index key attributes are "
                        + "not defined in AttributeDefinitions. Keys: [" + String.join(", ", keys) + "], AttributeDefinitions: ["
                        + String.join(", ", defined) + "]");
            }
        }
        if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
            throw DynamoDbException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(ks.get(0).path("KeyType").asText())) {
            throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (ks.size() == 2 && !"RANGE".equals(ks.get(1).path("KeyType").asText())) {
            throw DynamoDbException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
    }

    /** The TableDescription of DescribeTable, CreateTable and DeleteTable. */
    ObjectNode describe(String status, long itemCount, long sizeBytes, Map<String, long[]> indexCounts) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.set("AttributeDefinitions", spec.get("AttributeDefinitions").deepCopy());
        t.put("TableName", name);
        t.set("KeySchema", spec.get("KeySchema").deepCopy());
        t.put("TableStatus", status);
        t.put("CreationDateTime", creationTime);
        t.set("ProvisionedThroughput", throughput(readCapacity, writeCapacity));
        t.put("TableSizeBytes", sizeBytes);
        t.put("ItemCount", itemCount);
        t.put("TableArn", ARN_PREFIX + name);
        t.put("TableId", tableId);
        if (billingMode.equals("PAY_PER_REQUEST")) {
            ObjectNode summary = t.putObject("BillingModeSummary");
            summary.put("BillingMode", "PAY_PER_REQUEST");
            summary.put("LastUpdateToPayPerRequestDateTime", creationTime);
        }
        if (spec.has("LocalSecondaryIndexes")) {
            LocalIndexes.describe(t.putArray("LocalSecondaryIndexes"), spec.get("LocalSecondaryIndexes"), ARN_PREFIX + name,
                    indexCounts);
        }
        if (spec.has("GlobalSecondaryIndexes")) {
            ArrayNode list = t.putArray("GlobalSecondaryIndexes");
            for (JsonNode g : spec.get("GlobalSecondaryIndexes")) {
                String indexName = g.get("IndexName").textValue();
                IndexDefinition index = index(indexName);
                long[] counts = indexCounts == null ? null : indexCounts.get(indexName);
                ObjectNode d = list.addObject();
                d.put("IndexName", indexName);
                d.set("KeySchema", g.get("KeySchema").deepCopy());
                d.set("Projection", g.get("Projection").deepCopy());
                d.put("IndexStatus", status.equals("ACTIVE") ? "ACTIVE" : status);
                d.set("ProvisionedThroughput", throughput(index.readCapacity, index.writeCapacity));
                d.put("IndexSizeBytes", counts == null ? 0 : counts[1]);
                d.put("ItemCount", counts == null ? 0 : counts[0]);
                d.put("IndexArn", ARN_PREFIX + name + "/index/" + indexName);
            }
        }
        t.put("DeletionProtectionEnabled", false);
        return t;
    }

    private static ObjectNode throughput(long read, long write) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("NumberOfDecreasesToday", 0);
        p.put("ReadCapacityUnits", read);
        p.put("WriteCapacityUnits", write);
        return p;
    }
}

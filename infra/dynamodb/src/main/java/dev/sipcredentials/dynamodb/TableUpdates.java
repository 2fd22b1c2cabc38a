package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * UpdateTable: provisioned throughput (table and GSIs), billing mode, GSI creation and deletion. Each change is a new
 * spec for the table, applied at once (a new GSI is filled from the items before the answer) and journaled whole;
 * the answer says ACTIVE where DynamoDB says UPDATING for a while. Streams are not implemented: a
 * StreamSpecification is refused.
 */
final class TableUpdates {
    static final long MAX_CAPACITY = 1_000_000_000_000L;

    private final OperationContext context;

    TableUpdates(OperationContext context) {
        this.context = context;
    }

    ObjectNode updateTable(JsonNode request) {
        String name = Request.tableName(request);
        JsonNode throughput = Request.field(request, "ProvisionedThroughput");
        String billing = Request.choice(request, "BillingMode", null, "PROVISIONED", "PAY_PER_REQUEST");
        JsonNode gsiUpdates = Request.field(request, "GlobalSecondaryIndexUpdates");
        if (Request.field(request, "StreamSpecification") != null) {
            throw DynamoDbException.validation("StreamSpecification is not supported by this engine: it has no streams");
        }
        if (throughput != null) {
            checkThroughput(throughput, "provisionedThroughput");
        }
        if (throughput == null && billing == null && (gsiUpdates == null || gsiUpdates.size() == 0)
                && Request.field(request, "SSESpecification") == null) {
            throw DynamoDbException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        if ("PROVISIONED".equals(billing) && throughput == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ProvisionedThroughput must be "
                    + "specified when BillingMode is PROVISIONED");
        }
        if (throughput != null) {
            outOfBounds(throughput);
        }
        Set<String> named = new LinkedHashSet<>();
        if (gsiUpdates != null) {
            for (JsonNode u : gsiUpdates) {
                int actions = (u.hasNonNull("Update") ? 1 : 0) + (u.hasNonNull("Create") ? 1 : 0) + (u.hasNonNull("Delete") ? 1 : 0);
                if (actions == 0) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: One of "
                            + "GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                            + "GlobalSecondaryIndexUpdate.Delete must not be null");
                }
                if (actions > 1) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Only one global "
                            + "secondary index action is allowed per GlobalSecondaryIndexUpdate object");
                }
                JsonNode action = u.hasNonNull("Update") ? u.get("Update") : u.hasNonNull("Create") ? u.get("Create") : u.get("Delete");
                String indexName = action.path("IndexName").asText(null);
                if (indexName == null) {
                    throw Request.constraint(null, "globalSecondaryIndexUpdates.member.indexName", "Member must not be null");
                }
                if (!named.add(indexName)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Only one global "
                            + "secondary index update per index is allowed simultaneously. Index: " + indexName);
                }
            }
        }

        Table table = context.db.table(name);
        if (table == null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND,
                    "Requested resource not found: Table: " + name + " not found");
        }
        synchronized (table) {
            TableDefinition current = table.def;
            ObjectNode spec = current.spec.deepCopy();
            String mode = billing == null ? current.billingMode : billing;
            if (throughput != null && mode.equals("PAY_PER_REQUEST")) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                        + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            if (gsiUpdates != null && gsiUpdates.size() > 5) {
                throw new DynamoDbException("LimitExceededException", "Subscriber limit exceeded: Only 1 online index can "
                        + "be created or deleted simultaneously per table");
            }
            if (throughput != null) {
                long read = throughput.get("ReadCapacityUnits").asLong();
                long write = throughput.get("WriteCapacityUnits").asLong();
                if (current.billingMode.equals("PROVISIONED") && read == current.readCapacity
                        && write == current.writeCapacity && gsiUpdates == null) {
                    throw DynamoDbException.validation("The provisioned throughput for the table will not change. The "
                            + "requested value equals the current value. Current ReadCapacityUnits provisioned for the table: "
                            + current.readCapacity + ". Requested ReadCapacityUnits: " + read + ". Current "
                            + "WriteCapacityUnits provisioned for the table: " + current.writeCapacity
                            + ". Requested WriteCapacityUnits: " + write + ". Refer to the Amazon DynamoDB Developer Guide "
                            + "for current limits and how to request higher limits.");
                }
                spec.set("ProvisionedThroughput", capacity(read, write));
            }
            if (billing != null) {
                spec.put("BillingMode", billing);
                if (billing.equals("PAY_PER_REQUEST")) {
                    spec.remove("ProvisionedThroughput");
                    for (JsonNode g : spec.path("GlobalSecondaryIndexes")) {
                        ((ObjectNode) g).remove("ProvisionedThroughput");
                    }
                }
            }
            if (gsiUpdates != null) {
                applyIndexUpdates(request, gsiUpdates, spec, current, mode);
            }
            if ("PROVISIONED".equals(billing) && current.billingMode.equals("PAY_PER_REQUEST")) {
                List<String> missing = new ArrayList<>();
                for (JsonNode g : spec.path("GlobalSecondaryIndexes")) {
                    if (!g.has("ProvisionedThroughput")) {
                        missing.add(g.get("IndexName").asText());
                    }
                }
                if (!missing.isEmpty()) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: ProvisionedThroughput "
                            + "must be specified for index: " + String.join(",", missing));
                }
            }
            context.db.redefineTable(table, TableDefinition.fromSpec(spec));
        }
        ObjectNode response = OperationContext.object();
        response.set("TableDescription", table.def.describe("ACTIVE", table.itemCount(), table.sizeBytes(), table.indexCounts()));
        return response;
    }

    private static void applyIndexUpdates(JsonNode request, JsonNode gsiUpdates, ObjectNode spec, TableDefinition current,
            String mode) {
        ArrayNode gsis = spec.has("GlobalSecondaryIndexes") ? (ArrayNode) spec.get("GlobalSecondaryIndexes")
                : JsonNodeFactory.instance.arrayNode();
        for (JsonNode u : gsiUpdates) {
            if (u.hasNonNull("Update")) {
                JsonNode update = u.get("Update");
                String indexName = update.path("IndexName").asText();
                JsonNode t = update.get("ProvisionedThroughput");
                if (t == null) {
                    throw Request.constraint(null, "globalSecondaryIndexUpdates.member.update.provisionedThroughput",
                            "Member must not be null");
                }
                checkThroughput(t, "globalSecondaryIndexUpdates.member.update.provisionedThroughput");
                if (t.get("ReadCapacityUnits").asLong() > MAX_CAPACITY || t.get("WriteCapacityUnits").asLong() > MAX_CAPACITY) {
                    throw DynamoDbException.validation("This operation cannot be performed with given input values. Please "
                            + "contact DynamoDB service team for more info: Action Blocked: IndexUpdate");
                }
                ObjectNode target = find(gsis, indexName);
                if (target == null) {
                    throw notAGlobalIndex("update", indexName, current);
                }
                if (mode.equals("PAY_PER_REQUEST")) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: ProvisionedThroughput "
                            + "should not be specified for index: " + indexName + " when BillingMode is PAY_PER_REQUEST");
                }
                target.set("ProvisionedThroughput", capacity(t.get("ReadCapacityUnits").asLong(),
                        t.get("WriteCapacityUnits").asLong()));
            } else if (u.hasNonNull("Delete")) {
                String indexName = u.get("Delete").path("IndexName").asText();
                int at = indexOf(gsis, indexName);
                if (at < 0) {
                    throw notAGlobalIndex("delete", indexName, current);
                }
                gsis.remove(at);
            } else {
                gsis.add(created(request, u.get("Create"), spec, current, mode));
            }
        }
        if (gsis.isEmpty()) {
            spec.remove("GlobalSecondaryIndexes");
        } else {
            spec.set("GlobalSecondaryIndexes", gsis);
        }
        if (gsis.size() > 20) {
            throw new DynamoDbException("LimitExceededException", "Subscriber limit exceeded: GlobalSecondaryIndex count "
                    + "exceeds the per-table limit of 20");
        }
    }

    /** A Create action, validated as CreateTable validates a GSI; its key attributes join the AttributeDefinitions. */
    private static ObjectNode created(JsonNode request, JsonNode create, ObjectNode spec, TableDefinition current,
            String mode) {
        String indexName = create.path("IndexName").asText();
        if (current.index(indexName) != null) {
            throw DynamoDbException.validation("Attempting to create an index which already exists");
        }
        JsonNode ks = create.get("KeySchema");
        if (ks == null || !ks.isArray()) {
            throw Request.constraint(null, "globalSecondaryIndexUpdates.member.create.keySchema", "Member must not be null");
        }
        ArrayNode defs = (ArrayNode) spec.get("AttributeDefinitions");
        JsonNode requestDefs = Request.field(request, "AttributeDefinitions");
        if (requestDefs != null) {
            for (JsonNode d : requestDefs) {
                String attr = d.path("AttributeName").asText();
                JsonNode known = null;
                for (JsonNode existing : defs) {
                    if (existing.path("AttributeName").asText().equals(attr)) {
                        known = existing;
                    }
                }
                if (known == null) {
                    if (!List.of("S", "N", "B").contains(d.path("AttributeType").asText())) {
                        throw Request.constraint(d.path("AttributeType").asText(null), "attributeDefinitions.member.attributeType",
                                "Member must satisfy enum value set: [B, N, S]");
                    }
                    defs.add(d.deepCopy());
                } else if (!known.path("AttributeType").asText().equals(d.path("AttributeType").asText())) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Cannot change the type of "
                            + "attribute " + attr + " from " + known.path("AttributeType").asText() + " to "
                            + d.path("AttributeType").asText());
                }
            }
        }
        List<String> defined = new ArrayList<>();
        defs.forEach(d -> defined.add(d.path("AttributeName").asText()));
        TableDefinition.checkKeySchema(ks, defined, "globalSecondaryIndexUpdates.member.create.keySchema", indexName);
        JsonNode projection = create.get("Projection");
        String projectionType = projection == null ? null : projection.path("ProjectionType").asText(null);
        if (projectionType == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Unknown ProjectionType: null");
        }
        if (!List.of("ALL", "KEYS_ONLY", "INCLUDE").contains(projectionType)) {
            throw Request.constraint(projectionType, "globalSecondaryIndexUpdates.member.create.projection.projectionType",
                    "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
        }
        JsonNode nonKey = projection.get("NonKeyAttributes");
        if (nonKey != null && !projectionType.equals("INCLUDE")) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ProjectionType is "
                    + projectionType + ", but NonKeyAttributes is specified");
        }
        if (projectionType.equals("INCLUDE") && (nonKey == null || nonKey.size() == 0)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ProjectionType is INCLUDE, "
                    + "but NonKeyAttributes is not specified");
        }
        JsonNode t = create.get("ProvisionedThroughput");
        if (mode.equals("PAY_PER_REQUEST") && t != null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ProvisionedThroughput should "
                    + "not be specified for index: " + indexName + " when BillingMode is PAY_PER_REQUEST");
        }
        if (mode.equals("PROVISIONED") && t == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ProvisionedThroughput is not "
                    + "specified for index: " + indexName);
        }
        ObjectNode gsi = JsonNodeFactory.instance.objectNode();
        gsi.put("IndexName", indexName);
        gsi.set("KeySchema", ks.deepCopy());
        gsi.set("Projection", projection.deepCopy());
        if (t != null) {
            checkThroughput(t, "globalSecondaryIndexUpdates.member.create.provisionedThroughput");
            gsi.set("ProvisionedThroughput", capacity(t.get("ReadCapacityUnits").asLong(), t.get("WriteCapacityUnits").asLong()));
        }
        return gsi;
    }

    private static DynamoDbException notAGlobalIndex(String verb, String indexName, TableDefinition current) {
        IndexDefinition index = current.index(indexName);
        if (index != null && index.local) {
            return DynamoDbException.validation("Cannot " + verb + " an index that is not a GlobalSecondaryIndex: " + indexName);
        }
        return new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND,
                "Requested resource not found: Index: " + indexName + " not found");
    }

    private static void checkThroughput(JsonNode t, String path) {
        JsonNode read = t.get("ReadCapacityUnits");
        JsonNode write = t.get("WriteCapacityUnits");
        if (write == null || write.isNull()) {
            throw Request.constraint(null, path + ".writeCapacityUnits", "Member must not be null");
        }
        if (read == null || read.isNull()) {
            throw Request.constraint(null, path + ".readCapacityUnits", "Member must not be null");
        }
        if (write.asLong() < 1) {
            throw Request.constraint(write.asText(), path + ".writeCapacityUnits", "Member must have value greater than or equal to 1");
        }
        if (read.asLong() < 1) {
            throw Request.constraint(read.asText(), path + ".readCapacityUnits", "Member must have value greater than or equal to 1");
        }
    }

    private static void outOfBounds(JsonNode t) {
        if (t.get("ReadCapacityUnits").asLong() > MAX_CAPACITY) {
            throw DynamoDbException.validation("Given value " + t.get("ReadCapacityUnits").asText()
                    + " for ReadCapacityUnits is out of bounds");
        }
        if (t.get("WriteCapacityUnits").asLong() > MAX_CAPACITY) {
            throw DynamoDbException.validation("Given value " + t.get("WriteCapacityUnits").asText()
                    + " for WriteCapacityUnits is out of bounds");
        }
    }

    private static ObjectNode capacity(long read, long write) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("ReadCapacityUnits", read);
        c.put("WriteCapacityUnits", write);
        return c;
    }

    private static int indexOf(ArrayNode gsis, String indexName) {
        for (int i = 0; i < gsis.size(); i++) {
            if (gsis.get(i).path("IndexName").asText().equals(indexName)) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode find(ArrayNode gsis, String indexName) {
        int at = indexOf(gsis, indexName);
        return at < 0 ? null : (ObjectNode) gsis.get(at);
    }
}

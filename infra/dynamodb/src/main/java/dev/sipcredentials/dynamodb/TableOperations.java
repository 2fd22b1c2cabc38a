package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CreateTable, DescribeTable, DeleteTable, ListTables, UpdateTimeToLive, DescribeTimeToLive. Tables are ACTIVE at
 * once (DynamoDB answers CreateTable with CREATING; waiters and polling clients see ACTIVE either way).
 */
final class TableOperations {
    private final OperationContext context;

    TableOperations(OperationContext context) {
        this.context = context;
    }

    private static DynamoDbException notFound(String name) {
        return new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND,
                "Requested resource not found: Table: " + name + " not found");
    }

    ObjectNode createTable(JsonNode request) {
        TableDefinition def = TableDefinition.fromCreateTable(request, System.currentTimeMillis() / 1000.0);
        Table table = context.db.createTable(def);
        if (table == null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_IN_USE, "Table already exists: " + def.name);
        }
        ObjectNode response = OperationContext.object();
        response.set("TableDescription", describe(table, "ACTIVE"));
        return response;
    }

    private static ObjectNode describe(Table table, String status) {
        return table.def.describe(status, table.itemCount(), table.sizeBytes(), table.indexCounts());
    }

    ObjectNode describeTable(JsonNode request) {
        String name = Request.tableName(request);
        Table table = context.db.table(name);
        if (table == null) {
            throw notFound(name);
        }
        ObjectNode response = OperationContext.object();
        response.set("Table", describe(table, "ACTIVE"));
        return response;
    }

    ObjectNode deleteTable(JsonNode request) {
        String name = Request.tableName(request);
        Table table = context.db.deleteTable(name);
        if (table == null) {
            throw notFound(name);
        }
        ObjectNode response = OperationContext.object();
        response.set("TableDescription", describe(table, "DELETING"));
        return response;
    }

    ObjectNode listTables(JsonNode request) {
        String start = Request.string(request, "ExclusiveStartTableName");
        if (start != null) {
            Request.checkTableName(start, "exclusiveStartTableName");
        }
        Integer limit = Request.integer(request, "Limit");
        if (limit != null && limit < 1) {
            throw Request.constraint(limit, "limit", "Member must have value greater than or equal to 1");
        }
        if (limit != null && limit > 100) {
            throw Request.constraint(limit, "limit", "Member must have value less than or equal to 100");
        }
        int max = limit == null ? 100 : limit;
        List<String> names = context.db.tableNames();
        ObjectNode response = OperationContext.object();
        ArrayNode list = response.putArray("TableNames");
        String last = null;
        boolean more = false;
        for (String n : names) {
            if (start != null && n.compareTo(start) <= 0) {
                continue;
            }
            if (list.size() == max) {
                more = true;
                break;
            }
            list.add(n);
            last = n;
        }
        if (more) {
            response.put("LastEvaluatedTableName", last);
        }
        return response;
    }

    ObjectNode updateTimeToLive(JsonNode request) {
        String name = Request.tableName(request);
        JsonNode spec = Request.requiredObject(request, "TimeToLiveSpecification");
        JsonNode enabledNode = spec.get("Enabled");
        String attribute = spec.path("AttributeName").asText(null);
        if (enabledNode == null || !enabledNode.isBoolean()) {
            throw Request.constraint(null, "timeToLiveSpecification.enabled", "Member must not be null");
        }
        if (attribute == null) {
            throw Request.constraint(null, "timeToLiveSpecification.attributeName", "Member must not be null");
        }
        if (attribute.isEmpty() || attribute.length() > 255) {
            throw Request.constraint(attribute, "timeToLiveSpecification.attributeName",
                    "Member must have length greater than or equal to 1");
        }
        Table table = context.db.table(name);
        if (table == null) {
            throw notFound(name);
        }
        boolean enabled = enabledNode.booleanValue();
        synchronized (table) {
            if (enabled && table.ttlAttribute != null) {
                throw DynamoDbException.validation("TimeToLive is already enabled");
            }
            if (!enabled && table.ttlAttribute == null) {
                throw DynamoDbException.validation("TimeToLive is already disabled");
            }
            if (!enabled && !attribute.equals(table.ttlAttribute)) {
                throw DynamoDbException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                        + table.ttlAttribute);
            }
            context.db.setTtl(table, enabled ? attribute : null);
        }
        ObjectNode response = OperationContext.object();
        ObjectNode out = response.putObject("TimeToLiveSpecification");
        out.put("Enabled", enabled);
        out.put("AttributeName", attribute);
        return response;
    }

    ObjectNode describeTimeToLive(JsonNode request) {
        String name = Request.tableName(request);
        Table table = context.db.table(name);
        if (table == null) {
            throw notFound(name);
        }
        ObjectNode response = OperationContext.object();
        ObjectNode d = response.putObject("TimeToLiveDescription");
        String attribute = table.ttlAttribute;
        d.put("TimeToLiveStatus", attribute == null ? "DISABLED" : "ENABLED");
        if (attribute != null) {
            d.put("AttributeName", attribute);
        }
        return response;
    }
}

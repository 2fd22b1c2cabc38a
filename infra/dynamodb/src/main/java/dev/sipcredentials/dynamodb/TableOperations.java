package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CreateTable, DescribeTable, DeleteTable, ListTables, UpdateTimeToLive, DescribeTimeToLive. Tables are ACTIVE at
 * once and gone at once by default; with a table status delay (an engine option) a new table is CREATING and a
 * deleted one DELETING for that long, as DynamoDB's are for a while.
 */
final class TableOperations {
    private final OperationContext context;
    /** Deleted tables still described as DELETING, with the System.nanoTime() until which they are. */
    private final java.util.Map<String, Object[]> deleting = new java.util.concurrent.ConcurrentHashMap<>();

    TableOperations(OperationContext context) {
        this.context = context;
    }

    private static DynamoDbException notFound(String name) {
        return new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND,
                "Requested resource not found: Table: " + name + " not found");
    }

    ObjectNode createTable(JsonNode request) {
        TableDefinition def = TableDefinition.fromCreateTable(request, System.currentTimeMillis() / 1000.0);
        if (stillDeleting(def.name) != null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_IN_USE, "Table already exists: " + def.name);
        }
        Table table = context.db.createTable(def);
        if (table == null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_IN_USE, "Table already exists: " + def.name);
        }
        if (context.tableStatusDelayNanos > 0) {
            table.activeFromNanos = System.nanoTime() + context.tableStatusDelayNanos;
        }
        ObjectNode response = OperationContext.object();
        response.set("TableDescription", describe(table, table.creating() ? "CREATING" : "ACTIVE"));
        return response;
    }

    /** The description of a table deleted less than the status delay ago, else null. */
    private ObjectNode stillDeleting(String name) {
        Object[] entry = deleting.get(name);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - (Long) entry[1] >= 0) {
            deleting.remove(name, entry);
            return null;
        }
        return (ObjectNode) entry[0];
    }

    private static ObjectNode describe(Table table, String status) {
        return table.def.describe(status, table.itemCount(), table.sizeBytes(), table.indexCounts());
    }

    ObjectNode describeTable(JsonNode request) {
        String name = Request.tableName(request);
        Table table = context.db.table(name);
        ObjectNode response = OperationContext.object();
        if (table == null) {
            ObjectNode gone = stillDeleting(name);
            if (gone == null) {
                throw notFound(name);
            }
            response.set("Table", gone);
            return response;
        }
        response.set("Table", describe(table, table.creating() ? "CREATING" : "ACTIVE"));
        return response;
    }

    ObjectNode deleteTable(JsonNode request) {
        String name = Request.tableName(request);
        Table existing = context.db.table(name);
        if (existing != null && existing.creating()) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_IN_USE,
                    "Attempt to change a resource which is still in use: Table is being created: " + name);
        }
        if (existing == null && stillDeleting(name) != null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_IN_USE,
                    "Attempt to change a resource which is still in use: Table is being deleted: " + name);
        }
        Table table = context.db.deleteTable(name);
        if (table == null) {
            throw notFound(name);
        }
        ObjectNode description = describe(table, "DELETING");
        if (context.tableStatusDelayNanos > 0) {
            deleting.put(name, new Object[] {description, System.nanoTime() + context.tableStatusDelayNanos});
        }
        ObjectNode response = OperationContext.object();
        response.set("TableDescription", description);
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

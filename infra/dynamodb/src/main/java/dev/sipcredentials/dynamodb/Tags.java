package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource, ListTagsOfResource (and CreateTable's Tags). A table's tags live in its spec
 * ({@code "Tags"}), so they are journaled, snapshotted and restored with its definition.
 */
final class Tags {
    static final int MAX_TAGS = 50;
    private static final Pattern ANY_ARN = Pattern.compile("^.+:.+:.+:.+:.+:.+/.+$");
    private static final Pattern TABLE_ARN = Pattern.compile("^arn:aws:dynamodb:.+:\\d+:table/[^/]{2}[^/]+$");

    private final OperationContext context;

    Tags(OperationContext context) {
        this.context = context;
    }

    ObjectNode tagResource(JsonNode request) {
        String arn = arn(request, "TagResource");
        JsonNode tags = Request.field(request, "Tags");
        if (tags == null) {
            throw Request.constraint(null, "tags", "Member must not be null");
        }
        String tableName = tableName(arn);
        if (tags.size() == 0) {
            throw DynamoDbException.validation("Atleast one Tag needs to be provided as Input.");
        }
        Table table = context.db.table(tableName);
        if (table == null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND,
                    "Requested resource not found: ResourcArn: " + arn + " not found");
        }
        synchronized (table) {
            Map<String, String> merged = current(table.def);
            merged.putAll(validated(tags));
            if (merged.size() > MAX_TAGS) {
                throw DynamoDbException.validation("Number of Tags exceed the current limit for the provided ResourceArn");
            }
            store(table, merged);
        }
        return OperationContext.object();
    }

    ObjectNode untagResource(JsonNode request) {
        String arn = arn(request, "UntagResource");
        JsonNode keys = Request.field(request, "TagKeys");
        if (keys == null) {
            throw Request.constraint(null, "tagKeys", "Member must not be null");
        }
        String tableName = tableName(arn);
        if (keys.size() == 0) {
            throw DynamoDbException.validation("Atleast one Tag Key needs to be provided as Input.");
        }
        Table table = context.db.table(tableName);
        if (table == null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND, "Requested resource not found");
        }
        synchronized (table) {
            Map<String, String> remaining = current(table.def);
            keys.forEach(k -> remaining.remove(k.asText()));
            store(table, remaining);
        }
        return OperationContext.object();
    }

    ObjectNode listTagsOfResource(JsonNode request) {
        String arn = arn(request, "ListTagsOfResource");
        Table table = context.db.table(tableName(arn));
        if (table == null) {
            throw new DynamoDbException(DynamoDbException.RESOURCE_NOT_FOUND,
                    "Requested resource not found: ResourcArn: " + arn + " not found");
        }
        ObjectNode response = OperationContext.object();
        ArrayNode list = response.putArray("Tags");
        current(table.def).forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        return response;
    }

    /** The ResourceArn, refused as DynamoDB refuses a missing or malformed one. */
    private static String arn(JsonNode request, String operation) {
        String arn = Request.string(request, "ResourceArn");
        if (arn == null) {
            throw DynamoDbException.validation("Invalid TableArn");
        }
        if (!ANY_ARN.matcher(arn).matches()) {
            throw new DynamoDbException("AccessDeniedException", "User: arn:aws:iam::000000000000:user/engine is not "
                    + "authorized to perform: dynamodb:" + operation + " on resource: " + (arn.isEmpty() ? "*" : arn));
        }
        return arn;
    }

    private static String tableName(String arn) {
        if (!TABLE_ARN.matcher(arn).matches()) {
            throw DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        return arn.substring(arn.indexOf(":table/") + 7);
    }

    /** CreateTable's and TagResource's Tags as a map, with DynamoDB's texts for a bad key or value. */
    static Map<String, String> validated(JsonNode tags) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode tag : tags) {
            String key = tag.path("Key").asText(null);
            String value = tag.path("Value").asText(null);
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw DynamoDbException.validation("The Tag Key provided is invalid, Key: " + key);
            }
            if (value == null || value.length() > 256) {
                throw DynamoDbException.validation("The Tag Value provided is invalid, Value: " + value);
            }
            if (key.startsWith("aws:")) {
                throw DynamoDbException.validation("Tag Key cannot be prefixed with aws:, Key: " + key);
            }
            if (out.put(key, value) != null) {
                throw DynamoDbException.validation("Duplicate Tag Keys provided as input: Duplicate Tag Key found " + key);
            }
        }
        if (out.size() > MAX_TAGS) {
            throw DynamoDbException.validation("Number of Tags exceed the current limit for the provided ResourceArn");
        }
        return out;
    }

    /** The spec's Tags, in key order. */
    static Map<String, String> current(TableDefinition def) {
        Map<String, String> out = new TreeMap<>();
        def.spec.path("Tags").forEach(t -> out.put(t.get("Key").asText(), t.get("Value").asText()));
        return out;
    }

    static ArrayNode toJson(Map<String, String> tags) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        return list;
    }

    private void store(Table table, Map<String, String> tags) {
        ObjectNode spec = table.def.spec.deepCopy();
        if (tags.isEmpty()) {
            spec.remove("Tags");
        } else {
            spec.set("Tags", toJson(tags));
        }
        context.db.redefineTable(table, TableDefinition.fromSpec(spec));
    }
}

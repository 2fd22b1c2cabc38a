package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading a request's fields with DynamoDB's own texts for what is missing or malformed ("1 validation error
 * detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null").
 */
final class Request {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private Request() {}

    static String constraintPath(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }

    static DynamoDbException constraint(Object value, String path, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return DynamoDbException.validation(
                "1 validation error detected: Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    static JsonNode field(JsonNode request, String name) {
        JsonNode v = request.get(name);
        return v == null || v.isNull() ? null : v;
    }

    static String string(JsonNode request, String name) {
        JsonNode v = field(request, name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw DynamoDbException.validation("Start of structure or map found where not expected: " + name);
        }
        return v.textValue();
    }

    static String requiredString(JsonNode request, String name) {
        String v = string(request, name);
        if (v == null) {
            throw constraint(null, constraintPath(name), "Member must not be null");
        }
        return v;
    }

    static String tableName(JsonNode request) {
        String name = requiredString(request, "TableName");
        checkTableName(name, "tableName");
        return name;
    }

    static void checkTableName(String name, String path) {
        if (name.length() < 3) {
            throw constraint(name, path, "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            throw constraint(name, path, "Member must have length less than or equal to 255");
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            throw constraint(name, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    static ObjectNode object(JsonNode request, String name) {
        JsonNode v = field(request, name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw DynamoDbException.validation("Unexpected value type in payload: " + name + " must be an object");
        }
        return (ObjectNode) v;
    }

    static ObjectNode requiredObject(JsonNode request, String name) {
        ObjectNode v = object(request, name);
        if (v == null) {
            throw constraint(null, constraintPath(name), "Member must not be null");
        }
        return v;
    }

    static Boolean bool(JsonNode request, String name) {
        JsonNode v = field(request, name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw DynamoDbException.validation("Unexpected value type in payload: " + name + " must be a boolean");
        }
        return v.booleanValue();
    }

    static Integer integer(JsonNode request, String name) {
        JsonNode v = field(request, name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw DynamoDbException.validation("Unexpected value type in payload: " + name + " must be an integer");
        }
        return v.intValue();
    }

    /** An enum-valued field: its value, or the default; DynamoDB's text for anything else. */
    static String choice(JsonNode request, String name, String defaultValue, String... allowed) {
        String v = string(request, name);
        if (v == null) {
            return defaultValue;
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw constraint(v, constraintPath(name), "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
    }

    /** An item or key object: attribute name to attribute value. */
    static Map<String, JsonNode> attributes(JsonNode request, String name) {
        ObjectNode v = object(request, name);
        return v == null ? null : ItemJson.toMap(v);
    }

    static Map<String, JsonNode> requiredAttributes(JsonNode request, String name) {
        return ItemJson.toMap(requiredObject(request, name));
    }

    static Map<String, String> names(JsonNode request) {
        ObjectNode v = object(request, "ExpressionAttributeNames");
        if (v == null) {
            return null;
        }
        Map<String, String> names = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw DynamoDbException.validation("ExpressionAttributeNames values must be strings");
            }
            names.put(e.getKey(), e.getValue().textValue());
        });
        return names;
    }

    static Map<String, JsonNode> values(JsonNode request) {
        return attributes(request, "ExpressionAttributeValues");
    }
}

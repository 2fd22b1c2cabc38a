package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: items and values written as DynamoDB wire JSON, with ' for ". */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode value(String json) {
        try {
            return MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static Map<String, JsonNode> item(String json) {
        try {
            return MAPPER.readValue(json.replace('\'', '"'), new TypeReference<LinkedHashMap<String, JsonNode>>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static Map<String, String> names(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json.replace('\'', '"'), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String text(Map<String, JsonNode> item) {
        try {
            return MAPPER.writeValueAsString(item).replace('"', '\'');
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

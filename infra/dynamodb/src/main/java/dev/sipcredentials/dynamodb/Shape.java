package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The declared shape of a request member, checked the way DynamoDB checks a request before it looks at any table:
 * first the JSON types ({@code SerializationException}, e.g. "TRUE_VALUE cannot be converted to String"), then the
 * declared constraints, all of them at once ("2 validation errors detected: Value null at 'tableName' failed to
 * satisfy constraint: Member must not be null; ..."; at most ten listed). The texts are DynamoDB's, as its Java
 * front end (Coral) words them.
 *
 * <p>The walk costs a few type tests per member and attribute value of an already parsed request; subtrees
 * without constraints are not walked a second time.
 */
final class Shape {
    enum Kind { STRING, BOOLEAN, INTEGER, LONG, BLOB, LIST, MAP, STRUCT }

    private static final String MODEL = "com.amazonaws.dynamodb.v20120810.";
    private static final int MAX_ERRORS = 10;

    final Kind kind;
    /** STRUCT: its model name (KeySchemaElement); MAP: the Java value type named in its error text. */
    private String name;
    /** STRUCT: "Unexpected field type" for a scalar instead of "Unexpected value type in payload". */
    private boolean field;
    /** LIST whose elements are maps: Coral's cast error for a scalar. */
    private boolean parameterized;
    /** LIST and MAP: the element shape. */
    private Shape element;
    /** STRUCT: the members in declaration order. */
    private final Map<String, Shape> members = new LinkedHashMap<>();

    private boolean notNull;
    private Integer minLength;
    private Integer maxLength;
    private Long min;
    private Long max;
    private Pattern pattern;
    private String patternText;
    private List<String> allowed;
    private Shape keys; // MAP: constraints on its keys
    private Shape values; // MAP: length constraints on its values
    private Boolean constrained; // computed once: whether this shape or anything under it has constraints

    private Shape(Kind kind) {
        this.kind = kind;
    }

    static Shape string() {
        return new Shape(Kind.STRING);
    }

    static Shape bool() {
        return new Shape(Kind.BOOLEAN);
    }

    static Shape integer() {
        return new Shape(Kind.INTEGER);
    }

    static Shape longNumber() {
        return new Shape(Kind.LONG);
    }

    static Shape blob() {
        return new Shape(Kind.BLOB);
    }

    static Shape list(Shape element) {
        Shape s = new Shape(Kind.LIST);
        s.element = element;
        return s;
    }

    /** A list of maps, e.g. BatchGetItem's Keys. */
    static Shape listOfMaps(Shape element) {
        Shape s = list(element);
        s.parameterized = true;
        return s;
    }

    /** A map from strings to {@code element}; {@code javaType} is how Coral's error text names the value type. */
    static Shape map(String javaType, Shape element) {
        Shape s = new Shape(Kind.MAP);
        s.name = javaType.contains(".") ? javaType : MODEL + javaType;
        s.element = element;
        return s;
    }

    /** A structure; {@code namesAndShapes} alternate member names and shapes, in the model's order. */
    static Shape struct(String modelName, Object... namesAndShapes) {
        Shape s = new Shape(Kind.STRUCT);
        s.name = modelName;
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            s.members.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return s;
    }

    /** A structure member whose scalar value Coral calls an "Unexpected field type". */
    static Shape fieldStruct(String modelName, Object... namesAndShapes) {
        Shape s = struct(modelName, namesAndShapes);
        s.field = true;
        return s;
    }

    Shape notNull() {
        notNull = true;
        return this;
    }

    Shape length(Integer atLeast, Integer atMost) {
        minLength = atLeast;
        maxLength = atMost;
        return this;
    }

    Shape range(Long atLeast, Long atMost) {
        min = atLeast;
        max = atMost;
        return this;
    }

    Shape pattern(String regex) {
        pattern = Pattern.compile(regex);
        patternText = regex;
        return this;
    }

    Shape oneOf(String... values) {
        allowed = List.of(values);
        return this;
    }

    Shape keys(Shape keyConstraints) {
        keys = keyConstraints;
        return this;
    }

    Shape values(Shape valueConstraints) {
        values = valueConstraints;
        return this;
    }

    Shape addMember(String name, Shape shape) {
        members.put(name, shape);
        return this;
    }

    Shape member(String name) {
        return members.get(name);
    }

    // ---- types ------------------------------------------------------------------------------------------------

    static DynamoDbException serialization(String message) {
        return new DynamoDbException(DynamoDbException.SERIALIZATION, message);
    }

    /**
     * Checks the JSON types of {@code request}'s declared members (others are ignored, as DynamoDB does), and
     * converts what Coral converts ("true" for a Boolean, 1.5 for an Integer) in place.
     */
    void checkTypes(ObjectNode request) {
        Iterator<Map.Entry<String, JsonNode>> it = request.fields();
        List<Map.Entry<String, JsonNode>> converted = null;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Shape m = members.get(e.getKey());
            if (m == null || e.getValue().isNull()) {
                continue;
            }
            JsonNode c = m.check(e.getValue());
            if (c != e.getValue()) {
                if (converted == null) {
                    converted = new ArrayList<>(1);
                }
                converted.add(Map.entry(e.getKey(), c));
            }
        }
        if (converted != null) {
            converted.forEach(e -> request.set(e.getKey(), e.getValue()));
        }
    }

    /** The value, converted where Coral converts it; SerializationException where its type is wrong. */
    private JsonNode check(JsonNode v) {
        switch (kind) {
            case STRING:
                if (v.isTextual()) {
                    return v;
                }
                throw scalarMismatch(v, "String", "class java.lang.String");
            case BOOLEAN:
                if (v.isBoolean()) {
                    return v;
                }
                if (v.isTextual()) {
                    switch (v.textValue().toUpperCase(java.util.Locale.ROOT)) {
                        case "TRUE", "1", "YES" -> {
                            return BooleanNode.TRUE;
                        }
                        case "FALSE", "0", "NO" -> {
                            return BooleanNode.FALSE;
                        }
                        default -> throw serialization("Unexpected token received from parser");
                    }
                }
                throw scalarMismatch(v, "Boolean", "class java.lang.Boolean");
            case INTEGER:
            case LONG: {
                String type = kind == Kind.INTEGER ? "Integer" : "Long";
                if (v.isNumber()) {
                    return v.isIntegralNumber() ? v : LongNode.valueOf((long) Math.floor(v.doubleValue()));
                }
                if (v.isTextual()) {
                    throw serialization("STRING_VALUE cannot be converted to " + type);
                }
                throw scalarMismatch(v, type, "class java.lang." + type);
            }
            case BLOB:
                return checkBlob(v);
            case LIST:
                if (v.isArray()) {
                    for (JsonNode e : v) {
                        if (!e.isNull()) {
                            element.check(e);
                        }
                    }
                    return v;
                }
                if (v.isObject()) {
                    throw serialization("Start of structure or map found where not expected");
                }
                throw serialization(parameterized ? PARAMETERIZED : "Unexpected field type");
            case MAP:
                if (v.isObject()) {
                    for (JsonNode e : v) {
                        if (!e.isNull()) {
                            element.check(e);
                        }
                    }
                    return v;
                }
                if (v.isArray()) {
                    throw serialization("Unrecognized collection type java.util.Map<java.lang.String, " + name + ">");
                }
                throw serialization(element.kind == Kind.LIST && element.parameterized ? PARAMETERIZED
                        : "Unexpected field type");
            case STRUCT:
                if (v.isObject()) {
                    checkTypes((ObjectNode) v);
                    return v;
                }
                if (v.isArray()) {
                    throw serialization("Unrecognized collection type class " + MODEL + name);
                }
                throw serialization(field ? "Unexpected field type" : "Unexpected value type in payload");
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    private static final String PARAMETERIZED = "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl "
            + "cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl "
            + "and java.lang.Class are in module java.base of loader 'bootstrap')";

    private static DynamoDbException scalarMismatch(JsonNode v, String type, String collectionType) {
        if (v.isBoolean()) {
            return serialization((v.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type);
        }
        if (v.isNumber()) {
            boolean whole = v.isIntegralNumber() || v.doubleValue() % 1 == 0;
            return serialization((whole ? "NUMBER_VALUE" : "DECIMAL_VALUE") + " cannot be converted to " + type);
        }
        if (v.isArray()) {
            return serialization("Unrecognized collection type " + collectionType);
        }
        return serialization("Start of structure or map found where not expected");
    }

    private static JsonNode checkBlob(JsonNode v) {
        if (v.isTextual()) {
            String text = v.textValue();
            if (text.length() % 4 != 0) {
                throw serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(text);
                if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
                    throw serialization("Invalid last non-pad Base64 character dectected");
                }
            } catch (IllegalArgumentException e) {
                throw serialization("Invalid last non-pad Base64 character dectected");
            }
            return v;
        }
        if (v.isArray()) {
            throw serialization("Unrecognized collection type class java.nio.ByteBuffer");
        }
        if (v.isObject()) {
            throw serialization("Start of structure or map found where not expected");
        }
        throw serialization("only base-64-encoded strings are convertible to bytes");
    }

    // ---- constraints ------------------------------------------------------------------------------------------

    /** The declared constraints of a type-checked request; all failures in one ValidationException. */
    void checkConstraints(ObjectNode request) {
        List<String> errors = new ArrayList<>(2);
        members(request, "", errors);
        if (!errors.isEmpty()) {
            throw DynamoDbException.validation(errors.size() + " validation error" + (errors.size() > 1 ? "s" : "")
                    + " detected: " + String.join("; ", errors));
        }
    }

    private boolean constrained() {
        if (constrained == null) {
            constrained = false; // a recursive shape (AttributeValue) is its own child: no constraints by itself
            boolean c = notNull || minLength != null || maxLength != null || min != null || max != null
                    || pattern != null || allowed != null || keys != null || values != null;
            if (element != null) {
                c |= element.constrained();
            }
            for (Shape m : members.values()) {
                c |= m.constrained();
            }
            constrained = c;
        }
        return constrained;
    }

    private void members(JsonNode struct, String parent, List<String> errors) {
        for (Map.Entry<String, Shape> m : members.entrySet()) {
            if (m.getValue().constrained()) {
                JsonNode v = struct.get(m.getKey());
                m.getValue().constraints(v == null || v.isNull() ? null : v, parent, Request.constraintPath(m.getKey()),
                        errors);
            }
        }
    }

    private void constraints(JsonNode v, String parent, String attribute, List<String> errors) {
        String path = parent.isEmpty() ? attribute : parent + "." + attribute;
        if (notNull && v == null) {
            add(errors, v, path, "Member must not be null");
        }
        if (v == null) {
            return;
        }
        if (pattern != null && v.isTextual() && !pattern.matcher(v.textValue()).matches()) {
            add(errors, v, path, "Member must satisfy regular expression pattern: " + patternText);
        }
        if (min != null && v.isNumber() && v.longValue() < min) {
            add(errors, v, path, "Member must have value greater than or equal to " + min);
        }
        if (max != null && v.isNumber() && v.longValue() > max) {
            add(errors, v, path, "Member must have value less than or equal to " + max);
        }
        if (minLength != null && length(v) < minLength) {
            add(errors, v, path, "Member must have length greater than or equal to " + minLength);
        }
        if (maxLength != null && length(v) > maxLength) {
            add(errors, v, path, "Member must have length less than or equal to " + maxLength);
        }
        if (allowed != null && v.isTextual() && !allowed.contains(v.textValue())) {
            add(errors, v, path, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        if (keys != null && v.isObject()) {
            Iterator<String> names = v.fieldNames();
            while (names.hasNext()) {
                if (!keys.accepts(names.next())) {
                    add(errors, v, path, "Map keys must satisfy constraint: [" + keys.describe() + "]");
                }
            }
        }
        if (values != null && v.isObject()) {
            for (JsonNode value : v) {
                int n = length(value);
                if ((values.minLength != null && n < values.minLength) || (values.maxLength != null && n > values.maxLength)) {
                    add(errors, v, path, "Map value must satisfy constraint: [" + values.describe() + "]");
                }
            }
        }
        if (kind == Kind.LIST && element.constrained()) {
            for (int i = 0; i < v.size() && errors.size() < MAX_ERRORS; i++) {
                JsonNode e = v.get(i);
                element.constraints(e.isNull() ? null : e, path + "." + (i + 1), "member", errors);
            }
        } else if (kind == Kind.MAP && element.constrained()) {
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext() && errors.size() < MAX_ERRORS) {
                Map.Entry<String, JsonNode> e = it.next();
                element.constraints(e.getValue().isNull() ? null : e.getValue(), path + "." + e.getKey(), "member", errors);
            }
        } else if (kind == Kind.STRUCT) {
            members(v, path, errors);
        }
    }

    private boolean accepts(String key) {
        return (minLength == null || key.length() >= minLength) && (maxLength == null || key.length() <= maxLength)
                && (pattern == null || pattern.matcher(key).matches());
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        if (maxLength != null) {
            parts.add("Member must have length less than or equal to " + maxLength);
        }
        if (minLength != null) {
            parts.add("Member must have length greater than or equal to " + minLength);
        }
        if (pattern != null) {
            parts.add("Member must satisfy regular expression pattern: " + patternText);
        }
        return String.join(", ", parts);
    }

    private static int length(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue().length();
        }
        return v.size();
    }

    private static void add(List<String> errors, JsonNode v, String path, String constraint) {
        if (errors.size() < MAX_ERRORS) {
            String shown = v == null ? "null" : "'" + show(v) + "'";
            errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
        }
    }

    /** A value as DynamoDB's messages show it: text as is, lists as [a, b], structures as JSON. */
    private static String show(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.isNull() ? "null" : show(e)));
            return "[" + String.join(", ", parts) + "]";
        }
        return v.toString();
    }
}

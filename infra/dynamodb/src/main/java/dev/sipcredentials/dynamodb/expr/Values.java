package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.dynamodb.DynamoDbException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Attribute-value semantics shared by the engine and the expressions: DynamoDB's validation texts, equality
 * (numbers by value, sets regardless of order), key ordering (N numerically, S by UTF-8 bytes, B by unsigned bytes),
 * and sizes as DynamoDB counts them for the 400 KB item limit and capacity units.
 */
public final class Values {
    private Values() {}

    static final String PARAM_INVALID = "One or more parameter values were invalid: ";
    // The real-DynamoDB conformance suite (nubo-db/dynamodb-conformance, 2026) has these without the
    // "1 validation error detected: " prefix that moto's tests show; we follow the newer observation.
    static final String EMPTY_SS = PARAM_INVALID + "An string set  may not be empty";
    static final String EMPTY_NS = PARAM_INVALID + "An number set  may not be empty";
    static final String EMPTY_BS = PARAM_INVALID + "Binary sets should not be empty";

    static boolean isEmptySetProblem(String problem) {
        return problem == EMPTY_SS || problem == EMPTY_NS || problem == EMPTY_BS;
    }

    /**
     * Throws DynamoDB's ValidationException for a malformed attribute value: not exactly one type field, an empty
     * set, duplicates in a set, a number that is not a number or out of DynamoDB's range (38 digits, 1E-130..9.9E125),
     * bad base64. {@code where} describes it for the message where DynamoDB names it.
     *
     * <p>{@code where} is not part of the message: DynamoDB names no location for item values. Callers that need a
     * location (ExpressionAttributeValues) use {@link #problem} and wrap the text.
     */
    public static void validate(JsonNode value, String where) {
        String problem = problem(value);
        if (problem != null) {
            throw DynamoDbException.validation(problem);
        }
    }

    /** Validates every attribute of an item (names non-empty, values as {@link #validate}). */
    public static void validateItem(Map<String, JsonNode> item) {
        for (Map.Entry<String, JsonNode> e : item.entrySet()) {
            if (e.getKey().isEmpty()) {
                throw DynamoDbException.validation(PARAM_INVALID + "An AttributeValue may not contain an empty attribute name");
            }
            validate(e.getValue(), e.getKey());
        }
    }

    /**
     * DynamoDB's text for what is wrong with {@code value}, or null when it is a valid attribute value. JSON of the
     * wrong shape (a string where a list belongs) throws a SerializationException, as DynamoDB's wire layer does.
     */
    static String problem(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, value == null || value.isNull()
                    ? "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
                    : "Unexpected value type in payload");
        }
        int types = 0;
        String problem = null;
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue; // a null member counts as absent, as on the wire
            }
            String p;
            switch (field.getKey()) {
                case "S":
                    requireText(v, "String");
                    p = null;
                    break;
                case "N":
                    requireText(v, "String");
                    p = numberProblem(v.textValue());
                    break;
                case "B":
                    p = null;
                    requireBase64(v);
                    break;
                case "BOOL":
                    requireBoolean(v);
                    p = null;
                    break;
                case "NULL":
                    requireBoolean(v);
                    p = isTrue(v) ? null : PARAM_INVALID + "Null attribute value types must have the value of true";
                    break;
                case "SS":
                    p = stringSetProblem(v);
                    break;
                case "NS":
                    p = numberSetProblem(v);
                    break;
                case "BS":
                    p = binarySetProblem(v);
                    break;
                case "L":
                    p = listProblem(v);
                    break;
                case "M":
                    p = mapProblem(v);
                    break;
                default:
                    continue; // unknown members are ignored by DynamoDB's deserializer
            }
            types++;
            if (problem == null) {
                problem = p;
            }
        }
        if (problem != null) {
            return problem;
        }
        if (types == 0) {
            return "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
        }
        if (types > 1) {
            return "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
        }
        return null;
    }

    /** A BOOL or NULL member as DynamoDB reads it: a JSON boolean, or the strings true/1/yes (any case). */
    static boolean isTrue(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String t = v.asText();
        return t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("yes");
    }

    private static void requireText(JsonNode v, String javaType) {
        if (v.isTextual()) {
            return;
        }
        throw serialization(v, javaType);
    }

    private static DynamoDbException serialization(JsonNode v, String javaType) {
        String text;
        if (v.isBoolean()) {
            text = (v.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + javaType;
        } else if (v.isIntegralNumber()) {
            text = "NUMBER_VALUE cannot be converted to " + javaType;
        } else if (v.isNumber()) {
            text = "DECIMAL_VALUE cannot be converted to " + javaType;
        } else if (v.isArray()) {
            text = "Unrecognized collection type class java.lang." + javaType;
        } else if (v.isObject()) {
            text = "Start of structure or map found where not expected";
        } else {
            text = "Unexpected token received from parser";
        }
        return new DynamoDbException(DynamoDbException.SERIALIZATION, text);
    }

    private static void requireBoolean(JsonNode v) {
        if (v.isBoolean()) {
            return;
        }
        if (v.isTextual()) {
            String t = v.textValue().toUpperCase(java.util.Locale.ROOT);
            if (t.equals("TRUE") || t.equals("FALSE") || t.equals("1") || t.equals("0") || t.equals("YES")
                    || t.equals("NO")) {
                return;
            }
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, "Unexpected token received from parser");
        }
        throw serialization(v, "Boolean");
    }

    private static void requireBase64(JsonNode v) {
        if (!v.isTextual()) {
            if (v.isArray()) {
                throw new DynamoDbException(DynamoDbException.SERIALIZATION,
                        "Unrecognized collection type class java.nio.ByteBuffer");
            }
            if (v.isObject()) {
                throw new DynamoDbException(DynamoDbException.SERIALIZATION,
                        "Start of structure or map found where not expected");
            }
            throw new DynamoDbException(DynamoDbException.SERIALIZATION,
                    "only base-64-encoded strings are convertible to bytes");
        }
        String s = v.textValue();
        if (s.length() % 4 != 0) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION,
                    "Base64 encoded length is expected a multiple of 4 bytes but found: " + s.length());
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(s);
            if (!Base64.getEncoder().encodeToString(bytes).equals(s)) {
                throw new IllegalArgumentException("non-canonical");
            }
        } catch (IllegalArgumentException e) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, "Invalid last non-pad Base64 character dectected");
        }
    }

    private static void requireArray(JsonNode v, String javaType) {
        if (v.isArray()) {
            return;
        }
        String text = v.isObject() ? "Start of structure or map found where not expected" : "Unexpected field type";
        throw new DynamoDbException(DynamoDbException.SERIALIZATION, text);
    }

    private static String stringSetProblem(JsonNode v) {
        requireArray(v, "String");
        if (v.isEmpty()) {
            return EMPTY_SS;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode m : v) {
            requireText(m, "String");
            if (!seen.add(m.textValue())) {
                return PARAM_INVALID + "Input collection " + listText(v) + " contains duplicates.";
            }
        }
        return null;
    }

    private static String numberSetProblem(JsonNode v) {
        requireArray(v, "String");
        if (v.isEmpty()) {
            return EMPTY_NS;
        }
        Set<BigDecimal> seen = new HashSet<>();
        for (JsonNode m : v) {
            requireText(m, "String");
            String p = numberProblem(m.textValue());
            if (p != null) {
                return p;
            }
            if (!seen.add(new BigDecimal(m.textValue()).stripTrailingZeros())) {
                return "Input collection contains duplicates";
            }
        }
        return null;
    }

    private static String binarySetProblem(JsonNode v) {
        requireArray(v, "ByteBuffer");
        if (v.isEmpty()) {
            return EMPTY_BS;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode m : v) {
            requireBase64(m);
            if (!seen.add(m.textValue())) {
                return PARAM_INVALID + "Input collection " + listText(v) + "of type BS contains duplicates.";
            }
        }
        return null;
    }

    private static String listProblem(JsonNode v) {
        requireArray(v, "AttributeValue");
        for (JsonNode m : v) {
            String p = problem(m);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String mapProblem(JsonNode v) {
        if (!v.isObject()) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, v.isArray()
                    ? "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"
                    : "Unexpected field type");
        }
        Iterator<JsonNode> it = v.elements();
        while (it.hasNext()) {
            String p = problem(it.next());
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String listText(JsonNode array) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(array.get(i).asText());
        }
        return b.append(']').toString();
    }

    /** DynamoDB's text for a number string it refuses, or null. */
    static String numberProblem(String text) {
        if (text.isEmpty()) {
            return "The parameter cannot be converted to a numeric value";
        }
        BigDecimal n = parseNumber(text);
        if (n == null) {
            return "The parameter cannot be converted to a numeric value: " + text;
        }
        if (n.signum() == 0) {
            return null;
        }
        BigDecimal stripped = n.stripTrailingZeros();
        long exponent = (long) stripped.precision() - stripped.scale() - 1; // n = d.ddd x 10^exponent
        if (exponent > 125) {
            return "Number overflow. Attempting to store a number with magnitude larger than supported range";
        }
        if (exponent < -130) {
            return "Number underflow. Attempting to store a number with magnitude smaller than supported range";
        }
        if (stripped.precision() > 38) {
            return "Attempting to store more than 38 significant digits in a Number";
        }
        return null;
    }

    /** The number, or null when DynamoDB would not read it as one (no hex, no NaN, no Infinity, no spaces). */
    static BigDecimal parseNumber(String text) {
        int n = text.length();
        if (n == 0 || n > 4096) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return null;
            }
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The number of a valid N value. */
    static BigDecimal number(String text) {
        return new BigDecimal(text);
    }

    /** The type field of a valid attribute value: "S", "N", ... */
    static String typeOf(JsonNode value) {
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!value.get(name).isNull()) {
                return name;
            }
        }
        return "";
    }

    /**
     * The value as DynamoDB stores and returns it: numbers (N, NS members, inside L and M) without leading or
     * trailing zeros and without exponent ("00042" is "42", "1.50" is "1.5", "1.5E2" is "150", "-0" is "0"), and BOOL
     * and NULL as JSON booleans (the wire also accepts "true", "1", "yes" and their opposites). The
     * same node when nothing changes; a valid value expected.
     */
    public static JsonNode normalize(JsonNode value) {
        String t = typeOf(value);
        JsonNode v = value.get(t);
        switch (t) {
            case "N": {
                String n = normalNumber(v.textValue());
                return n.equals(v.textValue()) ? value : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode().put("N", n);
            }
            case "NS": {
                com.fasterxml.jackson.databind.node.ArrayNode out = null;
                for (int i = 0; i < v.size(); i++) {
                    String m = v.get(i).textValue();
                    String n = normalNumber(m);
                    if (out == null && !n.equals(m)) {
                        out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(v.size());
                        for (int j = 0; j < i; j++) {
                            out.add(v.get(j).textValue());
                        }
                    }
                    if (out != null) {
                        out.add(n);
                    }
                }
                return out == null ? value : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .set("NS", out);
            }
            case "L": {
                com.fasterxml.jackson.databind.node.ArrayNode out = null;
                for (int i = 0; i < v.size(); i++) {
                    JsonNode m = v.get(i);
                    JsonNode n = normalize(m);
                    if (out == null && n != m) {
                        out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(v.size());
                        for (int j = 0; j < i; j++) {
                            out.add(v.get(j));
                        }
                    }
                    if (out != null) {
                        out.add(n);
                    }
                }
                return out == null ? value : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .set("L", out);
            }
            case "M": {
                com.fasterxml.jackson.databind.node.ObjectNode out = null;
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode n = normalize(e.getValue());
                    if (n != e.getValue()) {
                        if (out == null) {
                            out = ((com.fasterxml.jackson.databind.node.ObjectNode) v).deepCopy();
                        }
                        out.set(e.getKey(), n);
                    }
                }
                return out == null ? value : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .set("M", out);
            }
            case "BOOL":
            case "NULL":
                return v.isBoolean() ? value
                        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put(t, isTrue(v));
            default:
                return value;
        }
    }

    /** {@link #normalize} of every attribute: the same map when nothing changes, else a new one. */
    public static Map<String, JsonNode> normalizeItem(Map<String, JsonNode> item) {
        Map<String, JsonNode> out = null;
        for (Map.Entry<String, JsonNode> e : item.entrySet()) {
            JsonNode n = normalize(e.getValue());
            if (n != e.getValue()) {
                if (out == null) {
                    out = new java.util.LinkedHashMap<>(item);
                }
                out.put(e.getKey(), n);
            }
        }
        return out == null ? item : out;
    }

    /** The plain spelling DynamoDB returns for a number. */
    static String normalNumber(String text) {
        boolean plain = true;
        int n = text.length();
        for (int i = 0; i < n && plain; i++) {
            char c = text.charAt(i);
            plain = (c >= '0' && c <= '9') || (c == '-' && i == 0 && n > 1) || c == '.';
        }
        if (plain && text.indexOf('.') < 0) {
            // An integer: already normal unless it has leading zeros or is "-0".
            int first = text.charAt(0) == '-' ? 1 : 0;
            if (text.charAt(first) != '0' || n - first == 1 && first == 0) {
                return text;
            }
        }
        BigDecimal d = number(text);
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** DynamoDB equality: same type; N by numeric value; sets as sets; M and L deeply. */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        String ta = typeOf(a);
        if (!ta.equals(typeOf(b))) {
            return false;
        }
        JsonNode va = a.get(ta);
        JsonNode vb = b.get(ta);
        switch (ta) {
            case "S":
            case "B":
                return va.textValue().equals(vb.textValue());
            case "N":
                return number(va.textValue()).compareTo(number(vb.textValue())) == 0;
            case "BOOL":
            case "NULL":
                return isTrue(va) == isTrue(vb);
            case "SS":
            case "BS":
                return stringSetEqual(va, vb);
            case "NS":
                return numberSetEqual(va, vb);
            case "L":
                if (va.size() != vb.size()) {
                    return false;
                }
                for (int i = 0; i < va.size(); i++) {
                    if (!equal(va.get(i), vb.get(i))) {
                        return false;
                    }
                }
                return true;
            case "M":
                if (va.size() != vb.size()) {
                    return false;
                }
                Iterator<Map.Entry<String, JsonNode>> it = va.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!equal(e.getValue(), vb.get(e.getKey()))) {
                        return false;
                    }
                }
                return true;
            default:
                return va.equals(vb);
        }
    }

    private static boolean stringSetEqual(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        Set<String> sa = new HashSet<>();
        for (JsonNode m : a) {
            sa.add(m.textValue());
        }
        for (JsonNode m : b) {
            if (!sa.contains(m.textValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean numberSetEqual(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        Set<BigDecimal> sa = new HashSet<>();
        for (JsonNode m : a) {
            sa.add(number(m.textValue()).stripTrailingZeros());
        }
        for (JsonNode m : b) {
            if (!sa.contains(number(m.textValue()).stripTrailingZeros())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a set value (SS, NS, BS members as JSON) holds the scalar member {@code m} of the matching type. */
    static boolean setContains(String setType, JsonNode members, JsonNode scalar) {
        if (setType.equals("NS")) {
            BigDecimal want = number(scalar.textValue());
            for (JsonNode m : members) {
                if (number(m.textValue()).compareTo(want) == 0) {
                    return true;
                }
            }
            return false;
        }
        String want = scalar.textValue();
        for (JsonNode m : members) {
            if (m.textValue().equals(want)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Order of two key values of the same scalar type (S, N or B) as DynamoDB sorts range keys: negative, zero or
     * positive.
     */
    public static int compareKeys(JsonNode a, JsonNode b) {
        String t = typeOf(a);
        JsonNode va = a.get(t);
        JsonNode vb = b.get(t);
        if (vb == null) {
            return t.compareTo(typeOf(b)); // different types: any stable order
        }
        switch (t) {
            case "N":
                return number(va.textValue()).compareTo(number(vb.textValue()));
            case "S":
                return compareUtf8(va.textValue(), vb.textValue());
            case "B":
                return compareBytes(Base64.getDecoder().decode(va.textValue()), Base64.getDecoder().decode(vb.textValue()));
            default:
                throw new IllegalArgumentException("not a key type: " + t);
        }
    }

    /** Strings in the order of their UTF-8 bytes, which is the order of their code points. */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF: they sort after U+E000..U+FFFF in UTF-8.
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1;
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    static int compareBytes(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** A canonical string of a key value (e.g. N "1.50" and "1.5" give the same), usable in hash maps. */
    public static String canonicalKey(JsonNode value) {
        String t = typeOf(value);
        JsonNode v = value.get(t);
        switch (t) {
            case "S":
                return "S" + v.textValue();
            case "N":
                return "N" + canonicalNumber(v.textValue());
            case "B":
                return "B" + v.textValue();
            default:
                return t + v.toString();
        }
    }

    /** One spelling per numeric value. */
    static String canonicalNumber(String text) {
        BigDecimal n = number(text);
        if (n.signum() == 0) {
            return "0";
        }
        return n.stripTrailingZeros().toString();
    }

    /** The size DynamoDB counts for an attribute value (UTF-8 bytes of strings, number size rule, overheads). */
    public static int size(JsonNode value) {
        String t = typeOf(value);
        JsonNode v = value.get(t);
        switch (t) {
            case "S":
                return utf8Length(v.textValue());
            case "N":
                return numberSize(v.textValue());
            case "B":
                return base64Length(v.textValue());
            case "BOOL":
            case "NULL":
                return 1;
            case "SS": {
                int sum = 0;
                for (JsonNode m : v) {
                    sum += utf8Length(m.textValue());
                }
                return sum;
            }
            case "NS": {
                int sum = 0;
                for (JsonNode m : v) {
                    sum += numberSize(m.textValue());
                }
                return sum;
            }
            case "BS": {
                int sum = 0;
                for (JsonNode m : v) {
                    sum += base64Length(m.textValue());
                }
                return sum;
            }
            case "L": {
                int sum = 3; // list overhead, plus one byte per element
                for (JsonNode m : v) {
                    sum += 1 + size(m);
                }
                return sum;
            }
            case "M": {
                int sum = 3; // map overhead, plus one byte per entry and its name
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sum += 1 + utf8Length(e.getKey()) + size(e.getValue());
                }
                return sum;
            }
            default:
                return 0;
        }
    }

    /** The size of an item: the sum of UTF-8 name lengths and value sizes. */
    public static int itemSize(Map<String, JsonNode> item) {
        int sum = 0;
        for (Map.Entry<String, JsonNode> e : item.entrySet()) {
            sum += utf8Length(e.getKey()) + size(e.getValue());
        }
        return sum;
    }

    /**
     * DynamoDB stores a number as base-100 digits (pairs of decimal digits aligned on even powers of ten) plus one
     * byte of exponent, and one more byte for a negative number; zero takes one byte.
     */
    static int numberSize(String text) {
        BigDecimal n = number(text);
        if (n.signum() == 0) {
            return 1;
        }
        BigDecimal s = n.stripTrailingZeros();
        int digits = s.precision();
        int first = digits - s.scale() - 1; // power of ten of the first significant digit
        int last = first - digits + 1;
        int pairs = Math.floorDiv(first, 2) - Math.floorDiv(last, 2) + 1;
        return 1 + pairs + (n.signum() < 0 ? 1 : 0);
    }

    static int base64Length(String s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        int pad = s.charAt(n - 1) == '=' ? (s.charAt(n - 2) == '=' ? 2 : 1) : 0;
        return n / 4 * 3 - pad;
    }

    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

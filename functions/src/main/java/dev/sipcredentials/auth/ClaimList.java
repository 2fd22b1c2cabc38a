package dev.sipcredentials.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A list claim read exactly, every element checked, all or nothing. Two sources:
 * <ul>
 *   <li>{@link #elements}: the claim's JSON value in the bearer token's payload: an array of non-empty strings
 *       ({@code ["41","42"]}), or a string holding such an array (for an issuer that cannot write arrays);
 *   <li>{@link #parse}: a claim as API Gateway hands it over, read only when it is a string holding a JSON array of
 *       strings (API Gateway passes string claims through unchanged).
 * </ul>
 * API Gateway's flattening of an array claim is not read at all: {@code ["41 42"]} arrives as {@code [41 42]} and
 * {@code ["\"42\",", "\"43\""]} as {@code ["42", "43"]}, which cannot be told apart from the lists 41, 42 and 42, 43.
 * A number, a nested array, an empty element and any element the caller's rule refuses make the claim grant nothing.
 */
final class ClaimList {
    /** Claims are small; anything longer is not a list we issued. */
    static final int MAX_LENGTH = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ClaimList() {
    }

    /** The elements, in order, when the claim is a string holding a JSON array and every element passes; else null. */
    static List<String> parse(String claim, Predicate<String> element) {
        if (claim == null || claim.length() > MAX_LENGTH) {
            return null;
        }
        JsonNode array;
        try {
            array = JSON.readTree(claim);
        } catch (Exception notJson) {
            return null;
        }
        return checked(strings(array), element);
    }

    /**
     * The elements of a claim's JSON value (from a token payload), in order: an array of strings, or a string holding
     * one; null when it is neither, or an element does not pass.
     */
    static List<String> elements(JsonNode value, Predicate<String> element) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return parse(value.textValue(), element);
        }
        return checked(strings(value), element);
    }

    private static List<String> checked(List<String> values, Predicate<String> element) {
        if (values == null) {
            return null;
        }
        for (String value : values) {
            if (!element.test(value)) {
                return null;
            }
        }
        return values;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray() || array.size() > MAX_LENGTH / 4) {
            return null;
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual() || element.textValue().isEmpty()) {
                return null;
            }
            values.add(element.textValue());
        }
        return values;
    }
}

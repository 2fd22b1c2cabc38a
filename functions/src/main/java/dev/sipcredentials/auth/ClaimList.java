package dev.sipcredentials.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A list claim read in exactly two forms, every element checked, all or nothing:
 * <ul>
 *   <li>API Gateway's flattening of a JSON array of strings: {@code [41 42]}, elements separated by one space,
 *       no space after {@code [} or before {@code ]};
 *   <li>a real JSON array of non-empty strings: {@code ["41","42"]} (what an authorizer that does not flatten, or a
 *       token claim that is a string holding JSON, hands over).
 * </ul>
 * Anything else (a bare string, commas, tabs, doubled spaces, numbers or nested arrays inside JSON) and any element
 * the caller's rule refuses make the claim unreadable: {@link #parse} returns null and the claim grants nothing.
 * Why so strict: a lenient reader turned {@code ["41 42"]} into account 42 and {@code ["41,99"]} into 99, and let
 * elements that themselves look like list syntax flatten into a different list. With every element held to the
 * tenant id's own pattern (no space, comma, bracket or quote), the two forms cannot be confused.
 */
final class ClaimList {
    /** Claims are small; anything longer is not a list we issued. */
    static final int MAX_LENGTH = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ClaimList() {
    }

    /** The elements, in order, when the claim is one of the two forms and every element passes; null otherwise. */
    static List<String> parse(String claim, Predicate<String> element) {
        if (claim == null || claim.length() > MAX_LENGTH) {
            return null;
        }
        List<String> values = isJsonArray(claim) ? jsonArray(claim) : flattened(claim);
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

    /** A JSON array of strings starts with {@code [} and a quote; the flattened form has no quote in it. */
    private static boolean isJsonArray(String claim) {
        String text = claim.strip();
        if (!text.startsWith("[")) {
            return false;
        }
        String rest = text.substring(1).stripLeading();
        return rest.startsWith("\"");
    }

    private static List<String> jsonArray(String claim) {
        JsonNode array;
        try {
            array = JSON.readTree(claim);
        } catch (Exception notJson) {
            return null;
        }
        if (array == null || !array.isArray()) {
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

    private static List<String> flattened(String claim) {
        if (claim.length() < 2 || claim.charAt(0) != '[' || claim.charAt(claim.length() - 1) != ']') {
            return null;
        }
        String inner = claim.substring(1, claim.length() - 1);
        List<String> values = new ArrayList<>();
        if (inner.isEmpty()) {
            return values;
        }
        int start = 0;
        while (true) {
            int space = inner.indexOf(' ', start);
            int end = space < 0 ? inner.length() : space;
            if (end == start) {
                // An empty element: a leading, trailing or doubled space.
                return null;
            }
            values.add(inner.substring(start, end));
            if (space < 0) {
                return values;
            }
            start = space + 1;
        }
    }
}

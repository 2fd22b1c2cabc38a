package dev.sipcredentials.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Attribute-value semantics shared by the engine and the expressions: DynamoDB's validation texts, equality
 * (numbers by value, sets regardless of order), key ordering (N numerically, S by UTF-8 bytes, B by unsigned bytes),
 * and sizes as DynamoDB counts them for the 400 KB item limit and capacity units.
 */
public final class Values {
  private Values() {}

  /**
   * Throws DynamoDB's ValidationException for a malformed attribute value: not exactly one type field, an empty
   * set, duplicates in a set, a number that is not a number or out of DynamoDB's range (38 digits, 1E-130..9.9E125),
   * bad base64. {@code where} describes it for the message where DynamoDB names it.
   */
  public static void validate(JsonNode value, String where) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Validates every attribute of an item (names non-empty, values as {@link #validate}). */
  public static void validateItem(Map<String, JsonNode> item) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** DynamoDB equality: same type; N by numeric value; sets as sets; M and L deeply. */
  public static boolean equal(JsonNode a, JsonNode b) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Order of two key values of the same scalar type (S, N or B) as DynamoDB sorts range keys: negative, zero or
   * positive.
   */
  public static int compareKeys(JsonNode a, JsonNode b) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** A canonical string of a key value (e.g. N "1.50" and "1.5" give the same), usable in hash maps. */
  public static String canonicalKey(JsonNode value) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The size DynamoDB counts for an attribute value (UTF-8 bytes of strings, number size rule, overheads). */
  public static int size(JsonNode value) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The size of an item: the sum of UTF-8 name lengths and value sizes. */
  public static int itemSize(Map<String, JsonNode> item) {
    throw new UnsupportedOperationException("not built yet");
  }
}

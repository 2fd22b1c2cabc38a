package dev.sipcredentials.deepslate;

/** One offending input: the field (a body property or a path parameter) and what is wrong with it. */
record FieldError(String field, String message) {
}

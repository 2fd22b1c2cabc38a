package dev.sipcredentials.dynamodb;

/** A key attribute of a table or index: its name and scalar type (S, N or B). */
final class KeyAttribute {
    final String name;
    final char type;

    KeyAttribute(String name, char type) {
        this.name = name;
        this.type = type;
    }
}

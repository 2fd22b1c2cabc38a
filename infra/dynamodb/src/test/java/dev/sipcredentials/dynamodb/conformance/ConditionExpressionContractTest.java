package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.b;
import static dev.sipcredentials.dynamodb.conformance.Av.bool;
import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.l;
import static dev.sipcredentials.dynamodb.conformance.Av.m;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.ns;
import static dev.sipcredentials.dynamodb.conformance.Av.nul;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static dev.sipcredentials.dynamodb.conformance.Av.ss;

import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The ConditionExpression grammar, evaluated against one stored item: every condition is tried as the condition of
 * a DeleteItem that would fail the item's {@code guard}, so a condition that holds changes nothing else either.
 */
class ConditionExpressionContractTest {

    /** Values every case may use; each case only passes the ones its expression names (unused ones are an error). */
    private static final Map<String, AttributeValue> VALUES = item(
            ":four", n(4), ":five", n(5), ":six", n(6), ":seven", n(7), ":fiveS", s("5"),
            ":hello", s("hello"), ":hellp", s("hellp"), ":hel", s("hel"), ":world", s("world"), ":lo", s("lo"),
            ":a", s("a"), ":z", s("z"), ":x", s("x"), ":one", n(1), ":two", n(2), ":three", n(3), ":eleven", n(11),
            ":tN", s("N"), ":tS", s("S"), ":tSS", s("SS"), ":tNS", s("NS"), ":tL", s("L"), ":tM", s("M"),
            ":tNULL", s("NULL"), ":tBOOL", s("BOOL"), ":tB", s("B"), ":true", bool(true), ":b", b((byte) 1, (byte) 2));

    private static Map<String, AttributeValue> subject(String pk) {
        return item(
                "pk", s(pk),
                "n", n(5),
                "s", s("hello world"),
                "ss", ss("a", "b"),
                "ns", ns("1", "2"),
                "l", l(n(1), s("x"), m("k", s("v"))),
                "m", m("k", s("v"), "nest", m("z", n(1))),
                "bin", b((byte) 1, (byte) 2, (byte) 3),
                "t", bool(true),
                "nul", nul());
    }

    /** Whether {@code condition} holds on the subject item, as DynamoDB decides it (PutItem of the same item). */
    private static boolean holds(DynamoTarget t, String table, String pk, String condition, Map<String, String> names) {
        Map<String, AttributeValue> values = new HashMap<>();
        VALUES.forEach((name, value) -> {
            if (condition.matches(".*" + name + "\\b.*")) {
                values.put(name, value);
            }
        });
        try {
            t.db().putItem(r -> r.tableName(table).item(subject(pk))
                    .conditionExpression(condition)
                    .expressionAttributeValues(values.isEmpty() ? null : values)
                    .expressionAttributeNames(names.isEmpty() ? null : names));
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        }
    }

    private static void check(DynamoTarget t, Object... conditionsAndOutcomes) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(subject(pk)));
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < conditionsAndOutcomes.length; i += 2) {
            String condition = (String) conditionsAndOutcomes[i];
            boolean expected = (Boolean) conditionsAndOutcomes[i + 1];
            try {
                softly.assertThat(holds(t, table, pk, condition, Map.of())).as(condition).isEqualTo(expected);
            } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
                softly.fail("%s: expected %s, got %s %s: %s", condition, expected, e.statusCode(),
                        e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
            }
        }
        softly.assertAll();
    }

    @Contract
    void comparators(DynamoTarget t) {
        check(t,
                "n = :five", true, "n = :four", false,
                "n <> :five", false, "n <> :four", true,
                "n < :six", true, "n < :five", false,
                "n <= :five", true, "n <= :four", false,
                "n > :four", true, "n > :five", false,
                "n >= :five", true, "n >= :six", false,
                "s < :hellp", true, "s > :hello", true,
                ":five = n", true,
                "bin = :b", false, "t = :true", true,
                "n = :fiveS", false, "n <> :fiveS", true,
                "absent = :five", false, "absent <> :five", true,
                "m.nest.z = :one", true, "l[0] = :one", true, "l[2].k = :a", false);
    }

    @Contract
    void orderingAcrossTypesAndFunctionsOfMissingAttributesAreFalseNotErrors(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers HTTP 500 to < or BETWEEN across types and to size() of a missing "
                + "attribute");
        check(t,
                "n < :fiveS", false, "n >= :fiveS", false, "n BETWEEN :hello AND :hellp", false,
                "size(absent) = :one", false);
    }

    @Contract
    void betweenAndIn(DynamoTarget t) {
        check(t,
                "n BETWEEN :four AND :six", true, "n BETWEEN :five AND :five", true, "n BETWEEN :six AND :seven", false,
                "s BETWEEN :hello AND :hellp", true,
                "n IN (:four, :five)", true, "n IN (:four)", false, "n IN (:fiveS, :six)", false,
                "s IN (:hello)", false, "absent IN (:five)", false);
    }

    @Contract
    void logicalOperatorsAndPrecedence(DynamoTarget t) {
        check(t,
                "n = :five AND s = :hello", false, "n = :five OR s = :hello", true,
                "NOT n = :four", true, "NOT n = :five", false,
                // NOT binds tighter than AND, AND tighter than OR: true OR (false AND false)
                "n = :five OR n = :four AND s = :hello", true,
                "(n = :five OR n = :four) AND s = :hello", false,
                "NOT n = :five OR n = :five", true, "NOT (n = :five OR n = :four)", false,
                "n = :four OR n = :six OR n = :five", true,
                "n = :five AND NOT attribute_exists(absent) AND (s = :hello OR t = :true)", true);
    }

    @Contract
    void attributeExistsAndNotExists(DynamoTarget t) {
        check(t,
                "attribute_exists(n)", true, "attribute_exists(absent)", false,
                "attribute_not_exists(absent)", true, "attribute_not_exists(n)", false,
                "attribute_exists(nul)", true, "attribute_exists(m.nest.z)", true, "attribute_exists(m.nest.y)", false,
                "attribute_exists(l[2].k)", true, "attribute_exists(l[3])", false, "attribute_not_exists(l[5])", true);
    }

    @Contract
    void attributeType(DynamoTarget t) {
        check(t,
                "attribute_type(n, :tN)", true, "attribute_type(n, :tS)", false, "attribute_type(s, :tS)", true,
                "attribute_type(ss, :tSS)", true, "attribute_type(ns, :tNS)", true, "attribute_type(l, :tL)", true,
                "attribute_type(m, :tM)", true, "attribute_type(nul, :tNULL)", true, "attribute_type(t, :tBOOL)", true,
                "attribute_type(bin, :tB)", true, "attribute_type(absent, :tS)", false, "attribute_type(m.nest, :tM)", true);
    }

    @Contract
    void beginsWithAndContains(DynamoTarget t) {
        check(t,
                "begins_with(s, :hel)", true, "begins_with(s, :world)", false, "begins_with(absent, :hel)", false,
                "contains(s, :lo)", true, "contains(s, :z)", false,
                "contains(ss, :a)", true, "contains(ss, :z)", false, "contains(ns, :one)", true,
                "contains(l, :x)", true, "contains(l, :one)", true, "contains(l, :a)", false,
                "NOT contains(ss, :z)", true);
    }

    @Contract
    void size(DynamoTarget t) {
        check(t,
                "size(s) = :eleven", true, "size(ss) = :two", true, "size(ns) = :two", true,
                "size(l) = :three", true, "size(m) = :two", true, "size(bin) = :three", true,
                "size(s) > :four", true, "size(l) BETWEEN :one AND :two", false,
                "size(m.nest) = :one", true);
    }

    @Contract
    void sizeOfAStringCountsCharactersNotUtf8Bytes(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        // "abÿ": three characters, four bytes in UTF-8
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "w", s("ab\u00ff"))));
        org.assertj.core.api.Assertions.assertThat(t.db().scan(r -> r.tableName(table)
                .filterExpression("pk = :pk AND size(w) = :three")
                .expressionAttributeValues(item(":pk", s(pk), ":three", n(3)))).count()).isEqualTo(1);
        t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .conditionExpression("size(w) = :three").expressionAttributeValues(item(":three", n(3))));
    }

    @Contract
    void attributeNamePlaceholders(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(subject(pk)));
        org.assertj.core.api.Assertions.assertThat(holds(t, table, pk, "#n = :five AND #m.#nest.z = :one",
                Map.of("#n", "n", "#m", "m", "#nest", "nest"))).isTrue();
        org.assertj.core.api.Assertions.assertThat(holds(t, table, pk, "#dotted = :five",
                Map.of("#dotted", "m.nest"))).as("a placeholder names one attribute, dots and all").isFalse();
    }

    private static void rejected(DynamoTarget t, String condition, Map<String, AttributeValue> values,
            Map<String, String> names, String message, boolean messageDeviates) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk)))
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .expressionAttributeNames(names)), message, messageDeviates);
        org.assertj.core.api.Assertions.assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk))))
                .hasItem()).as("nothing stored").isFalse();
    }

    @Contract
    void undefinedValuePlaceholderIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers HTTP 500 to an undefined placeholder in a ConditionExpression");
        rejected(t, "a = :nope", null, null,
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :nope", false);
    }

    @Contract
    void undefinedNamePlaceholderIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers HTTP 500 to an undefined placeholder in a ConditionExpression");
        rejected(t, "#nope = :v", item(":v", n(1)), null,
                "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #nope", false);
    }

    @Contract
    void unusedValuesAndNamesAreRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "does not reject unused placeholders beside a PutItem ConditionExpression");
        rejected(t, "a = :v", item(":v", n(1), ":unused", n(2)), null,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}", false);
        rejected(t, "a = :v", item(":v", n(1)), Map.of("#unused", "x"),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}", false);
    }

    @Contract
    void emptyExpressionAttributeValuesAreRejected(DynamoTarget t) {
        rejected(t, "attribute_exists(a)", Map.of(), null, "ExpressionAttributeValues must not be empty",
                false);
    }

    @Contract
    void reservedWordsAreRejected(DynamoTarget t) {
        rejected(t, "name = :v", item(":v", n(1)), null,
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name", false);
    }

    @Contract
    void syntaxErrorsAreRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers HTTP 500 to a ConditionExpression syntax error");
        // The "near" text after the token is DynamoDB's own window over the input; references disagree on it, so only
        // the part up to it is asserted.
        for (String bad : new String[] {"a = ", "a = :v AND", "(a = :v", "a :v"}) {
            String table = t.table(DynamoTarget.HASH);
            Expect.validationStartingWith(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(t.key())))
                            .conditionExpression(bad)
                            .expressionAttributeValues(item(":v", n(1)))),
                    bad.equals("a :v") ? "Invalid ConditionExpression: Syntax error; token: \":v\", near: \""
                            : "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"");
        }
    }

    @Contract
    void comparingAPathWithItselfIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "evaluates a = a instead of rejecting it");
        rejected(t, "a = a", null, null, "Invalid ConditionExpression: The first operand must be distinct from the "
                + "remaining operands for this operator or function; operator: =, first operand: [a]", false);
    }

    @Contract
    void redundantParenthesesAreRejected(DynamoTarget t) {
        rejected(t, "((a = :v))", item(":v", n(1)), null,
                "Invalid ConditionExpression: The expression has redundant parentheses;", false);
    }

    @Contract
    void betweenWithTheBoundsReversedIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "evaluates BETWEEN with lower > upper as false instead of rejecting it");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk)))
                        .conditionExpression("a BETWEEN :six AND :four")
                        .expressionAttributeValues(item(":six", n(6), ":four", n(4)))),
                "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
                        + "lower bound; lower bound operand: AttributeValue: {N:6}, upper bound operand: AttributeValue: {N:4}");
    }

    @Contract
    void anUnknownAttributeTypeIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts an unknown type name in attribute_type");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validationStartingWith(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk)))
                        .conditionExpression("attribute_type(a, :t)")
                        .expressionAttributeValues(item(":t", s("XX")))),
                "Invalid ConditionExpression: Invalid attribute type name found; type: XX, valid types: ");
    }

    @Contract
    void anUnknownFunctionIsRejected(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "answers HTTP 500 to an unknown function in a ConditionExpression");
        rejected(t, "no_such_function(a)", null, null,
                "Invalid ConditionExpression: Invalid function name; function: no_such_function", false);
    }
}

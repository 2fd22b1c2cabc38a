package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.l;
import static dev.sipcredentials.dynamodb.conformance.Av.m;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.ns;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static dev.sipcredentials.dynamodb.conformance.Av.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** UpdateItem: SET, REMOVE, ADD, DELETE, if_not_exists, list_append, + and -, ReturnValues, and their errors. */
class UpdateExpressionContractTest {

    private static UpdateItemResponse update(DynamoTarget t, String pk, String expression,
            Map<String, AttributeValue> values, ReturnValue returnValue) {
        String table = t.table(DynamoTarget.HASH);
        return t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .updateExpression(expression)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .returnValues(returnValue));
    }

    private static Map<String, AttributeValue> stored(DynamoTarget t, String pk) {
        String table = t.table(DynamoTarget.HASH);
        var response = t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk))).consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    private static void put(DynamoTarget t, Map<String, AttributeValue> item) {
        String table = t.table(DynamoTarget.HASH);
        t.db().putItem(r -> r.tableName(table).item(item));
    }

    @Contract
    void setCreatesAMissingItemAndReturnsAllNew(DynamoTarget t) {
        String pk = t.key();
        UpdateItemResponse response = update(t, pk, "SET a = :a, b = :b",
                item(":a", s("x"), ":b", n(2)), ReturnValue.ALL_NEW);
        assertThat(response.attributes()).isEqualTo(item("pk", s(pk), "a", s("x"), "b", n(2)));
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "a", s("x"), "b", n(2)));
    }

    @Contract
    void returnValuesNameTheAttributesAsDocumented(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "a", n(1), "b", n(2), "c", n(3)));
        assertThat(update(t, pk, "SET a = :v", item(":v", n(10)), ReturnValue.UPDATED_OLD).attributes())
                .isEqualTo(item("a", n(1)));
        assertThat(update(t, pk, "SET a = :v", item(":v", n(11)), ReturnValue.UPDATED_NEW).attributes())
                .isEqualTo(item("a", n(11)));
        assertThat(update(t, pk, "SET b = :v", item(":v", n(20)), ReturnValue.ALL_OLD).attributes())
                .isEqualTo(item("pk", s(pk), "a", n(11), "b", n(2), "c", n(3)));
        assertThat(update(t, pk, "REMOVE c", Map.of(), ReturnValue.ALL_NEW).attributes())
                .isEqualTo(item("pk", s(pk), "a", n(11), "b", n(20)));
        assertThat(update(t, pk, "SET d = :v", item(":v", n(4)), ReturnValue.NONE).hasAttributes()).isFalse();
        assertThat(update(t, pk, "SET e = :v", item(":v", n(5)), ReturnValue.UPDATED_OLD).hasAttributes()).isFalse();
    }

    @Contract
    void updatedValuesOfANestedPathAreReturnedAsThatPathOnly(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "m", m("a", n(1), "b", n(2))));
        assertThat(update(t, pk, "SET m.a = :v", item(":v", n(9)), ReturnValue.UPDATED_NEW).attributes())
                .isEqualTo(item("m", m("a", n(9))));
        Map<String, AttributeValue> updatedOld =
                update(t, pk, "SET m.b = :v", item(":v", n(8)), ReturnValue.UPDATED_OLD).attributes();
        if (!t.deviates(DynamoTarget.Kind.MOTO, "UPDATED_OLD of a nested path returns the whole top-level map")) {
            assertThat(updatedOld).isEqualTo(item("m", m("b", n(2))));
        }
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "m", m("a", n(9), "b", n(8))));
    }

    @Contract
    void plusAndMinusAddAndSubtractNumbers(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "a", n(10), "b", n("1.5")));
        update(t, pk, "SET a = a + :d, b = b - :d, c = :d - a", item(":d", n(3)), ReturnValue.NONE);
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "a", n(13), "b", n("-1.5"), "c", n(-7)));
    }

    @Contract
    void ifNotExistsDefaultsOnlyAMissingAttribute(DynamoTarget t) {
        String pk = t.key();
        String counter = "SET hits = if_not_exists(hits, :zero) + :one, firstSeen = if_not_exists(firstSeen, :now)";
        update(t, pk, counter, item(":zero", n(0), ":one", n(1), ":now", s("t1")), ReturnValue.NONE);
        update(t, pk, counter, item(":zero", n(0), ":one", n(1), ":now", s("t2")), ReturnValue.NONE);
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "hits", n(2), "firstSeen", s("t1")));
    }

    @Contract
    void listAppendAppendsAndPrepends(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "l", l(s("b"))));
        update(t, pk, "SET l = list_append(l, :tail)", item(":tail", l(s("c"), s("d"))), ReturnValue.NONE);
        update(t, pk, "SET l = list_append(:head, l)", item(":head", l(s("a"))), ReturnValue.NONE);
        update(t, pk, "SET fresh = list_append(if_not_exists(fresh, :empty), :one)",
                item(":empty", l(), ":one", l(n(1))), ReturnValue.NONE);
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "l", l(s("a"), s("b"), s("c"), s("d")), "fresh", l(n(1))));
    }

    @Contract
    void removeDeletesAttributesAndListElements(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "a", s("x"), "l", l(n(0), n(1), n(2)), "m", m("k", s("v"), "keep", s("w"))));
        update(t, pk, "REMOVE a, l[0], m.k, notThere", Map.of(), ReturnValue.NONE);
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "l", l(n(1), n(2)), "m", m("keep", s("w"))));
    }

    @Contract
    void setWritesNestedPathsAndListElements(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "m", m("nest", m()), "l", l(n(0), n(1))));
        update(t, pk, "SET m.nest.#k = :v, l[1] = :v, l[5] = :w", item(":v", s("x"), ":w", s("end")), ReturnValue.NONE,
                Map.of("#k", "key"));
        assertThat(stored(t, pk)).isEqualTo(item(
                "pk", s(pk), "m", m("nest", m("key", s("x"))), "l", l(n(0), s("x"), s("end"))));
    }

    @Contract
    void listElementsBeyondTheEndAreAppendedInIndexOrderNotInWritingOrder(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "l", l(n(0), n(1))));
        // both indexes are past the end of a 2-element list: each SET appends, lowest index first
        update(t, pk, "SET l[4] = :x, l[2] = :y", item(":x", s("x"), ":y", s("y")), ReturnValue.NONE);
        if (!t.deviates(DynamoTarget.Kind.MOTO, "applies list-index SETs in writing order: the second overwrites the first")) {
            assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "l", l(n(0), n(1), s("y"), s("x"))));
        }
    }

    private static void update(DynamoTarget t, String pk, String expression, Map<String, AttributeValue> values,
            ReturnValue returnValue, Map<String, String> names) {
        String table = t.table(DynamoTarget.HASH);
        t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .updateExpression(expression).expressionAttributeValues(values).expressionAttributeNames(names)
                .returnValues(returnValue));
    }

    @Contract
    void addIncrementsNumbersAndUnitesSets(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "n", n(5), "tags", ss("a", "b")));
        update(t, pk, "ADD n :two, tags :more, fresh :two, nums :nums",
                item(":two", n(2), ":more", ss("b", "c"), ":nums", ns("1", "2")), ReturnValue.NONE);
        Map<String, AttributeValue> after = stored(t, pk);
        assertThat(after.get("n")).isEqualTo(n(7));
        assertThat(after.get("fresh")).isEqualTo(n(2));
        assertThat(after.get("tags").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(after.get("nums").ns()).containsExactlyInAnyOrder("1", "2");
    }

    @Contract
    void deleteRemovesSetElementsAndTheAttributeWhenTheSetEmpties(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "tags", ss("a", "b", "c"), "one", ss("x")));
        update(t, pk, "DELETE tags :drop, one :x", item(":drop", ss("a", "c", "zz"), ":x", ss("x")), ReturnValue.NONE);
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "tags", ss("b")));
    }

    @Contract
    void allFourClausesInOneExpression(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "gone", s("x"), "n", n(1), "tags", ss("a", "b")));
        update(t, pk, "SET s = :s REMOVE gone ADD n :one DELETE tags :a",
                item(":s", s("set"), ":one", n(1), ":a", ss("a")), ReturnValue.NONE);
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "n", n(2), "tags", ss("b"), "s", s("set")));
    }

    @Contract
    void updatingAKeyAttributeIsRejected(DynamoTarget t) {
        String pk = t.key();
        Expect.validation(() -> update(t, pk, "SET pk = :v", item(":v", s("other")), ReturnValue.NONE),
                "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
        assertThat(stored(t, pk)).isNull();
    }

    @Contract
    void arithmeticOnAMissingAttributeIsRejected(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk)));
        Expect.validation(() -> update(t, pk, "SET a = nope + :one", item(":one", n(1)), ReturnValue.NONE),
                "The provided expression refers to an attribute that does not exist in the item");
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk)));
    }

    @Contract
    void settingAPathUnderAMissingMapIsRejected(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk)));
        Expect.validation(() -> update(t, pk, "SET nope.child = :one", item(":one", n(1)), ReturnValue.NONE),
                "The document path provided in the update expression is invalid for update");
    }

    @Contract
    void addOfAStringIsAnIncorrectOperandType(DynamoTarget t) {
        String pk = t.key();
        Expect.validation(() -> update(t, pk, "ADD a :v", item(":v", s("text")), ReturnValue.NONE),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
                t.deviates(DynamoTarget.Kind.MOTO,
                        "says \"An operand in the update expression has an incorrect data type\""));
        if (!t.deviates(DynamoTarget.Kind.MOTO, "a rejected ADD on a missing item still creates the item")) {
            assertThat(stored(t, pk)).isNull();
        }
    }

    @Contract
    void overlappingPathsAreRejected(DynamoTarget t) {
        String pk = t.key();
        Expect.validation(() -> update(t, pk, "SET a = :v REMOVE a", item(":v", n(1)), ReturnValue.NONE),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
                        + "paths; path one: [a], path two: [a]");
    }

    @Contract
    void aClauseUsedTwiceIsRejected(DynamoTarget t) {
        String pk = t.key();
        Expect.validation(() -> update(t, pk, "SET a = :v SET b = :v", item(":v", n(1)), ReturnValue.NONE),
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
    }

    @Contract
    void aSyntaxErrorNamesTheToken(DynamoTarget t) {
        String pk = t.key();
        // The "near" text after the token is DynamoDB's own window over the input; only the part up to it is asserted.
        Expect.validationStartingWith(() -> update(t, pk, "SET a = ", Map.of(), ReturnValue.NONE),
                "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"");
        Expect.validationStartingWith(() -> update(t, pk, "SET a = :v :w", item(":v", n(1), ":w", n(2)),
                ReturnValue.NONE), "Invalid UpdateExpression: Syntax error; token: \":w\"");
    }

    @Contract
    void aReservedWordAsAnAttributeNameIsRejected(DynamoTarget t) {
        String pk = t.key();
        Expect.validation(() -> update(t, pk, "SET size = :v", item(":v", n(1)), ReturnValue.NONE),
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: size");
        update(t, pk, "SET #size = :v", item(":v", n(1)), ReturnValue.NONE, Map.of("#size", "size"));
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "size", n(1)));
    }

    @Contract
    void anUndefinedValueOrNameIsRejected(DynamoTarget t) {
        String pk = t.key();
        Expect.validation(() -> update(t, pk, "SET a = :nope, b = :v", item(":v", n(1)), ReturnValue.NONE),
                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :nope");
        if (t.deviates(DynamoTarget.Kind.MOTO, "answers HTTP 500 to an undefined name placeholder")) {
            return;
        }
        Expect.validation(() -> update(t, pk, "SET #nope = :v, #a = :v", item(":v", n(1)), ReturnValue.NONE,
                        Map.of("#a", "a")),
                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #nope");
    }

    @Contract
    void aFailedConditionWritesNothing(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "v", n(1)));
        String table = t.table(DynamoTarget.HASH);
        Expect.error(() -> t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                        .updateExpression("SET v = :two").conditionExpression("v = :two")
                        .expressionAttributeValues(item(":two", n(2)))),
                ConditionalCheckFailedException.class, "The conditional request failed");
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "v", n(1)));
    }

    @Contract
    void listAppendOfANonListIsAnIncorrectOperandType(DynamoTarget t) {
        String pk = t.key();
        put(t, item("pk", s(pk), "l", l()));
        Expect.validation(() -> update(t, pk, "SET l = list_append(l, :v)", item(":v", s("x")), ReturnValue.NONE),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
                        + "list_append, operand type: S");
        assertThat(stored(t, pk)).isEqualTo(item("pk", s(pk), "l", l()));
    }
}

package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.b;
import static dev.sipcredentials.dynamodb.conformance.Av.bool;
import static dev.sipcredentials.dynamodb.conformance.Av.bs;
import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.l;
import static dev.sipcredentials.dynamodb.conformance.Av.m;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.ns;
import static dev.sipcredentials.dynamodb.conformance.Av.nul;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static dev.sipcredentials.dynamodb.conformance.Av.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** PutItem, GetItem, DeleteItem: round trips, projections, ReturnValues, conditions and their failures. */
class ItemContractTest {

    static Map<String, AttributeValue> everyType(String pk) {
        return item(
                "pk", s(pk),
                "s", s("text"),
                "blank", s(""),
                "n", n("-12.5"),
                "b", b((byte) 0, (byte) 1, (byte) 255),
                "t", bool(true),
                "f", bool(false),
                "nul", nul(),
                "ss", ss("a", "b"),
                "ns", ns("1", "2.5"),
                "bs", bs(new byte[] {1}, new byte[] {2, 3}),
                "l", l(s("x"), n("1"), l(), m()),
                "m", m("nest", m("deep", s("v")), "arr", l(bool(true))));
    }

    private static Map<String, AttributeValue> get(DynamoTarget t, String table, Map<String, AttributeValue> key) {
        return t.db().getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    @Contract
    void putThenGetReturnsEveryAttributeTypeAsStored(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Map<String, AttributeValue> stored = everyType(pk);
        t.db().putItem(r -> r.tableName(table).item(stored));

        Map<String, AttributeValue> read = get(t, table, item("pk", s(pk)));
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(stored.keySet());
        stored.forEach((name, value) -> {
            AttributeValue got = read.get(name);
            if (value.hasSs()) {
                assertThat(got.ss()).as(name).containsExactlyInAnyOrderElementsOf(value.ss());
            } else if (value.hasNs()) {
                assertThat(got.ns()).as(name).containsExactlyInAnyOrderElementsOf(value.ns());
            } else if (value.hasBs()) {
                assertThat(got.bs()).as(name).containsExactlyInAnyOrderElementsOf(value.bs());
            } else {
                assertThat(got).as(name).isEqualTo(value);
            }
        });
    }

    @Contract
    void numbersComeBackInCanonicalForm(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "stores and returns numbers as sent (no canonical form)");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item(
                "pk", s(pk), "a", n("0001.500"), "b", n("1e3"), "c", n("-0.10"), "d", n("100"))));
        Map<String, AttributeValue> read = get(t, table, item("pk", s(pk)));
        assertThat(read.get("a")).isEqualTo(n("1.5"));
        assertThat(read.get("b")).isEqualTo(n("1000"));
        assertThat(read.get("c")).isEqualTo(n("-0.1"));
        assertThat(read.get("d")).isEqualTo(n("100"));
    }

    @Contract
    void getOfAMissingItemHasNoItem(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        GetItemResponse response = t.db().getItem(r -> r.tableName(table).key(item("pk", s(t.key()))));
        assertThat(response.hasItem()).isFalse();
    }

    @Contract
    void getWithAProjectionReturnsOnlyTheNamedPaths(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(everyType(pk)));
        Map<String, AttributeValue> read = t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .projectionExpression("#s, m.nest.deep, l[1], absent")
                .expressionAttributeNames(Map.of("#s", "s"))).item();
        assertThat(read).isEqualTo(item(
                "s", s("text"),
                "m", m("nest", m("deep", s("v"))),
                "l", l(n("1"))));
    }

    @Contract
    void putReplacesTheWholeItemAndReturnsTheOldOneWhenAsked(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        var first = t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "a", s("1"), "b", s("2")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(first.hasAttributes()).isFalse();

        var second = t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "c", s("3")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(second.attributes()).isEqualTo(item("pk", s(pk), "a", s("1"), "b", s("2")));
        assertThat(get(t, table, item("pk", s(pk)))).isEqualTo(item("pk", s(pk), "c", s("3")));
    }

    @Contract
    void putAcceptsOnlyNoneOrAllOldReturnValues(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk)))
                .returnValues(ReturnValue.ALL_NEW)), "ReturnValues can only be ALL_OLD or NONE",
                t.deviates(DynamoTarget.Kind.MOTO, "says \"Return values set to invalid value\""));
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk)))).hasItem()).isFalse();
    }

    @Contract
    void deleteRemovesTheItemAndReturnsItWhenAsked(DynamoTarget t) {
        String table = t.table(DynamoTarget.RANGE);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "sk", s("1"), "a", n(1))));
        var deleted = t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(pk), "sk", s("1")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).isEqualTo(item("pk", s(pk), "sk", s("1"), "a", n(1)));
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk), "sk", s("1")))).hasItem()).isFalse();

        var again = t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(pk), "sk", s("1")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(again.hasAttributes()).isFalse();
    }

    @Contract
    void deleteAcceptsOnlyNoneOrAllOldReturnValues(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        Expect.validation(() -> t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(t.key())))
                .returnValues(ReturnValue.UPDATED_NEW)), "ReturnValues can only be ALL_OLD or NONE",
                t.deviates(DynamoTarget.Kind.MOTO, "says \"Return values set to invalid value\""));
    }

    @Contract
    void aFailedPutConditionLeavesTheItemAndSaysSo(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "v", n(1))));
        ConditionalCheckFailedException e = Expect.error(() -> t.db().putItem(r -> r.tableName(table)
                        .item(item("pk", s(pk), "v", n(2)))
                        .conditionExpression("attribute_not_exists(pk)")),
                ConditionalCheckFailedException.class, "The conditional request failed");
        assertThat(e.hasItem()).isFalse();
        assertThat(get(t, table, item("pk", s(pk)))).isEqualTo(item("pk", s(pk), "v", n(1)));
    }

    @Contract
    void putConditionFailureReturnsTheOldItemWhenAskedForAllOld(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "v", n(1), "tag", ss("x"))));
        ConditionalCheckFailedException e = Expect.error(() -> t.db().putItem(r -> r.tableName(table)
                        .item(item("pk", s(pk), "v", n(2)))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "The conditional request failed");
        assertThat(e.item()).isEqualTo(item("pk", s(pk), "v", n(1), "tag", ss("x")));
    }

    @Contract
    void conditionFailureOnAMissingItemCarriesNoItemEvenWhenAskedForAllOld(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        ConditionalCheckFailedException e = Expect.error(() -> t.db().deleteItem(r -> r.tableName(table)
                        .key(item("pk", s(pk)))
                        .conditionExpression("attribute_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "The conditional request failed");
        assertThat(e.hasItem()).isFalse();
    }

    @Contract
    void deleteAndUpdateConditionFailuresReturnTheOldItemWhenAskedForAllOld(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Map<String, AttributeValue> old = item("pk", s(pk), "v", n(7));
        t.db().putItem(r -> r.tableName(table).item(old));
        ConditionalCheckFailedException onDelete = Expect.error(() -> t.db().deleteItem(r -> r.tableName(table)
                        .key(item("pk", s(pk)))
                        .conditionExpression("v = :one")
                        .expressionAttributeValues(Map.of(":one", n(1)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "The conditional request failed");
        assertThat(onDelete.item()).isEqualTo(old);

        ConditionalCheckFailedException onUpdate = Expect.error(() -> t.db().updateItem(r -> r.tableName(table)
                        .key(item("pk", s(pk)))
                        .updateExpression("SET v = :one")
                        .conditionExpression("v = :one")
                        .expressionAttributeValues(Map.of(":one", n(1)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "The conditional request failed");
        assertThat(onUpdate.item()).isEqualTo(old);
        assertThat(get(t, table, item("pk", s(pk)))).isEqualTo(old);
    }

    @Contract
    void conditionFailureWithReturnValuesNoneCarriesNoItem(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk))));
        ConditionalCheckFailedException e = Expect.error(() -> t.db().putItem(r -> r.tableName(table)
                        .item(item("pk", s(pk)))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)),
                ConditionalCheckFailedException.class, "The conditional request failed");
        assertThat(e.hasItem()).isFalse();
    }

    @Contract
    void emptyStringsAndBinariesAreAllowedOutsideKeys(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "s", s(""), "b", b(), "m", m("e", s("")))));
        assertThat(get(t, table, item("pk", s(pk)))).isEqualTo(item("pk", s(pk), "s", s(""), "b", b(), "m", m("e", s(""))));
    }
}

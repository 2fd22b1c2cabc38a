package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static dev.sipcredentials.dynamodb.conformance.Av.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The legacy (pre-expression) parameters: Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter,
 * ConditionalOperator, and DynamoDB's refusal to mix them with expressions.
 */
class LegacyParametersContractTest {

    private static Condition cond(ComparisonOperator op, AttributeValue... values) {
        return Condition.builder().comparisonOperator(op).attributeValueList(values).build();
    }

    private static ExpectedAttributeValue expect(ComparisonOperator op, AttributeValue... values) {
        return ExpectedAttributeValue.builder().comparisonOperator(op).attributeValueList(values).build();
    }

    @Contract
    void expectedGuardsPutDeleteAndUpdate(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        // Exists=false: only when absent
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "n", n(1)))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build())));
        Expect.error(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "n", n(2)))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))),
                ConditionalCheckFailedException.class, "The conditional request failed");
        // Value alone means equal
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "n", n(2)))
                .expected(Map.of("n", ExpectedAttributeValue.builder().value(n(1)).build())));
        // ComparisonOperator, joined by OR
        t.skipWhere(DynamoTarget.Kind.MOTO, "ignores ConditionalOperator OR (joins the Expected conditions with AND)");
        t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .attributeUpdates(Map.of("n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n(5)).build()))
                .expected(Map.of("n", expect(ComparisonOperator.GT, n(100)), "missing", expect(ComparisonOperator.NULL)))
                .conditionalOperator(ConditionalOperator.OR));
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk)))).item().get("n")).isEqualTo(n(7));
        Expect.error(() -> t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .expected(Map.of("n", expect(ComparisonOperator.BETWEEN, n(8), n(9))))),
                ConditionalCheckFailedException.class, "The conditional request failed");
        t.db().deleteItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .expected(Map.of("n", expect(ComparisonOperator.IN, n(6), n(7)))));
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk)))).hasItem()).isFalse();
    }

    @Contract
    void attributeUpdatesPutAddAndDelete(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "gone", s("x"), "tags", ss("a", "b", "c"))));
        Map<String, AttributeValue> updated = t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .attributeUpdates(Map.of(
                        "name", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("n")).build(),
                        "count", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n(3)).build(),
                        "gone", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
                        "tags", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(ss("b")).build()))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(updated).containsOnlyKeys("pk", "name", "count", "tags");
        assertThat(updated.get("name")).isEqualTo(s("n"));
        assertThat(updated.get("count")).isEqualTo(n(3));
        assertThat(updated.get("tags").ss()).containsExactlyInAnyOrder("a", "c");
        if (t.deviates(DynamoTarget.Kind.MOTO, "HTTP 500 for an ADD of a string in AttributeUpdates")) {
            return;
        }

        Expect.validation(() -> t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .attributeUpdates(Map.of("name", AttributeValueUpdate.builder().action(AttributeAction.ADD)
                        .value(s("x")).build()))),
                "One or more parameter values were invalid: ADD action is not supported for the type S");
        Expect.validation(() -> t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .attributeUpdates(Map.of("name", AttributeValueUpdate.builder().action(AttributeAction.PUT).build()))),
                "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is "
                        + "specified");
    }

    @Contract
    void keyConditionsAndQueryFilterSelectAsTheirExpressionsWould(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "KeyConditions BETWEEN with a QueryFilter returns items outside the range, some twice");
        String table = t.table(DynamoTarget.RANGE);
        String pk = t.key();
        for (String sk : List.of("a", "b", "c", "d")) {
            t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "sk", s(sk), "v", n(sk.charAt(0) - 'a'))));
        }
        QueryResponse between = t.db().query(r -> r.tableName(table).keyConditions(Map.of(
                "pk", cond(ComparisonOperator.EQ, s(pk)), "sk", cond(ComparisonOperator.BETWEEN, s("b"), s("d"))))
                .queryFilter(Map.of("v", cond(ComparisonOperator.NE, n(2)))));
        assertThat(between.items()).extracting(i -> i.get("sk").s()).containsExactly("b", "d");
        assertThat(between.scannedCount()).isEqualTo(3);

        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditions(Map.of(
                "sk", cond(ComparisonOperator.EQ, s("a"))))),
                "Query condition missed key schema element: pk");
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditions(Map.of(
                "pk", cond(ComparisonOperator.EQ, s(pk)), "sk", cond(ComparisonOperator.NE, s("a"))))),
                "Attempted conditional constraint is not an indexable operation");
        Expect.validation(() -> t.db().query(r -> r.tableName(table).keyConditions(Map.of(
                "pk", cond(ComparisonOperator.EQ, s(pk))))
                .queryFilter(Map.of("sk", cond(ComparisonOperator.EQ, s("a"))))),
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Contract
    void scanFilterJoinsItsConditionsWithConditionalOperator(DynamoTarget t) {
        String table = t.newTableName("legacy");
        t.createTable(DynamoTarget.hashTableRequest(table).build());
        for (int i = 0; i < 5; i++) {
            int v = i;
            t.db().putItem(r -> r.tableName(table).item(item("pk", s("p" + v), "v", n(v), "s", s("x" + v))));
        }
        List<String> both = t.db().scan(r -> r.tableName(table).scanFilter(Map.of(
                "v", cond(ComparisonOperator.GE, n(1)), "s", cond(ComparisonOperator.BEGINS_WITH, s("x3")))))
                .items().stream().map(i -> i.get("pk").s()).sorted().toList();
        assertThat(both).containsExactly("p3");
        if (t.deviates(DynamoTarget.Kind.MOTO, "ignores ConditionalOperator OR in a ScanFilter")) {
            return;
        }
        List<String> either = t.db().scan(r -> r.tableName(table).conditionalOperator(ConditionalOperator.OR)
                .scanFilter(Map.of("v", cond(ComparisonOperator.LT, n(1)), "s", cond(ComparisonOperator.CONTAINS, s("4")))))
                .items().stream().map(i -> i.get("pk").s()).sorted().toList();
        assertThat(either).containsExactly("p0", "p4");
        Expect.validation(() -> t.db().scan(r -> r.tableName(table)
                .scanFilter(Map.of("v", cond(ComparisonOperator.BETWEEN, n(1))))),
                "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator");
    }

    @Contract
    void legacyAndExpressionParametersDoNotMix(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "accepts Expected beside a ConditionExpression");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk)))
                .conditionExpression("attribute_not_exists(pk)")
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {Expected} Expression parameters: {ConditionExpression}");
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk)))).hasItem()).isFalse();
        Expect.validation(() -> t.db().updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .updateExpression("SET v = :v").expressionAttributeValues(item(":v", n(1)))
                .attributeUpdates(Map.of("w", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(n(1)).build()))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}");
    }

    @Contract
    void attributesToGetReturnsTheNamedAttributesAndRefusesDuplicates(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "GetItem ignores AttributesToGet; accepts a name twice in it");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(pk), "a", n(1), "b", n(2))));
        assertThat(t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk))).attributesToGet("b", "missing")).item())
                .isEqualTo(item("b", n(2)));
        Expect.validation(() -> t.db().getItem(r -> r.tableName(table).key(item("pk", s(pk))).attributesToGet("a", "a")),
                "One or more parameter values were invalid: Duplicate value in attribute name: a");
        Expect.validation(() -> t.db().scan(r -> r.tableName(table).attributesToGet("b", "b")),
                "One or more parameter values were invalid: Duplicate value in attribute name: b");
    }
}

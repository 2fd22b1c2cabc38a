package dev.sipcredentials.dynamodb.conformance;

import static dev.sipcredentials.dynamodb.conformance.Av.item;
import static dev.sipcredentials.dynamodb.conformance.Av.n;
import static dev.sipcredentials.dynamodb.conformance.Av.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems (four actions, cancellation, idempotency, limits) and TransactGetItems. */
class TransactionContractTest {

    private static Map<String, AttributeValue> get(DynamoTarget t, String table, Map<String, AttributeValue> key) {
        var response = t.db().getItem(r -> r.tableName(table).key(key).consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    @Contract
    void allFourActionsCommitTogether(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String created = t.key();
        String updated = t.key();
        String deleted = t.key();
        String checked = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(updated), "n", n(1))));
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(deleted))));
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(checked), "state", s("open"))));

        t.db().transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item("pk", s(created), "v", s("new")))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(updated)))
                        .updateExpression("SET n = n + :one").expressionAttributeValues(item(":one", n(1)))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(item("pk", s(deleted)))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(item("pk", s(checked)))
                        .conditionExpression("#s = :open").expressionAttributeNames(Map.of("#s", "state"))
                        .expressionAttributeValues(item(":open", s("open")))).build()));

        assertThat(get(t, table, item("pk", s(created)))).isEqualTo(item("pk", s(created), "v", s("new")));
        assertThat(get(t, table, item("pk", s(updated)))).isEqualTo(item("pk", s(updated), "n", n(2)));
        assertThat(get(t, table, item("pk", s(deleted)))).isNull();
        assertThat(get(t, table, item("pk", s(checked)))).isEqualTo(item("pk", s(checked), "state", s("open")));
    }

    @Contract
    void aFailedConditionCancelsEverythingWithReasonsInItemOrder(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String fresh = t.key();
        String guarded = t.key();
        String counted = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(guarded), "state", s("closed"))));
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(counted), "n", n(1))));

        TransactionCanceledException e = Expect.error(() -> t.db().transactWriteItems(r -> r.transactItems(
                        put(table, item("pk", s(fresh))),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(item("pk", s(guarded)))
                                .conditionExpression("#s = :open").expressionAttributeNames(Map.of("#s", "state"))
                                .expressionAttributeValues(item(":open", s("open")))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(counted)))
                                .updateExpression("SET n = n + :one").expressionAttributeValues(item(":one", n(1)))).build())),
                TransactionCanceledException.class,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, "
                        + "None]");

        List<CancellationReason> reasons = e.cancellationReasons();
        assertThat(reasons).extracting(CancellationReason::code).containsExactly("None", "ConditionalCheckFailed", "None");
        assertThat(reasons.get(1).message()).isEqualTo("The conditional request failed");
        assertThat(reasons.get(1).item()).isEqualTo(item("pk", s(guarded), "state", s("closed")));
        assertThat(reasons.get(0).hasItem()).isFalse();
        assertThat(get(t, table, item("pk", s(fresh)))).isNull();
        assertThat(get(t, table, item("pk", s(counted)))).isEqualTo(item("pk", s(counted), "n", n(1)));
    }

    @Contract
    void aFailedConditionWithoutAllOldCarriesNoItem(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String existing = t.key();
        t.db().putItem(r -> r.tableName(table).item(item("pk", s(existing))));
        TransactionCanceledException e = Expect.error(() -> t.db().transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(item("pk", s(existing), "v", n(1)))
                                .conditionExpression("attribute_not_exists(pk)")).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(item("pk", s(t.key())))
                                .conditionExpression("attribute_exists(pk)")
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())),
                TransactionCanceledException.class,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, "
                        + "ConditionalCheckFailed]");
        assertThat(e.cancellationReasons()).allSatisfy(reason -> assertThat(reason.hasItem()).isFalse());
        assertThat(get(t, table, item("pk", s(existing)))).isEqualTo(item("pk", s(existing)));
    }

    @Contract
    void anIdenticalRetryUnderTheSameTokenSucceedsWithoutWritingAgain(DynamoTarget t) {
        t.skipWhere(DynamoTarget.Kind.MOTO, "does not honour ClientRequestToken (every retry writes again)");
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        String token = "token-" + pk;
        TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(pk)))
                .updateExpression("ADD n :one").expressionAttributeValues(item(":one", n(1)))).build();
        t.db().transactWriteItems(r -> r.clientRequestToken(token).transactItems(increment));
        t.db().transactWriteItems(r -> r.clientRequestToken(token).transactItems(increment));
        assertThat(get(t, table, item("pk", s(pk)))).isEqualTo(item("pk", s(pk), "n", n(1)));

        Expect.error(() -> t.db().transactWriteItems(r -> r.clientRequestToken(token).transactItems(
                        put(table, item("pk", s(pk), "other", s("request"))))),
                "IdempotentParameterMismatchException");
        assertThat(catchMismatch(t, token, table, pk)).isInstanceOf(IdempotentParameterMismatchException.class);
        assertThat(get(t, table, item("pk", s(pk)))).isEqualTo(item("pk", s(pk), "n", n(1)));
    }

    private static Throwable catchMismatch(DynamoTarget t, String token, String table, String pk) {
        return org.assertj.core.api.Assertions.catchThrowable(() -> t.db().transactWriteItems(r -> r
                .clientRequestToken(token).transactItems(put(table, item("pk", s(pk), "another", s("request"))))));
    }

    @Contract
    void twoActionsOnOneItemAreRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        String pk = t.key();
        Expect.validation(() -> t.db().transactWriteItems(r -> r.transactItems(
                        put(table, item("pk", s(pk), "v", n(1))),
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(item("pk", s(pk)))).build())),
                "Transaction request cannot include multiple operations on one item");
        assertThat(get(t, table, item("pk", s(pk)))).isNull();
    }

    @Contract
    void aHundredActionsAreAcceptedAndAHundredAndOneRejected(DynamoTarget t) {
        String table = t.table(DynamoTarget.HASH);
        List<TransactWriteItem> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(put(table, item("pk", s(t.key()))));
        }
        t.db().transactWriteItems(r -> r.transactItems(hundred));
        assertThat(get(t, table, hundred.get(99).put().item())).isNotNull();

        List<TransactWriteItem> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(put(table, item("pk", s(t.key()))));
        }
        Expect.validationContaining(() -> t.db().transactWriteItems(r -> r.transactItems(tooMany)),
                "Member must have length less than or equal to 100");
        assertThat(get(t, table, tooMany.get(0).put().item())).isNull();
    }

    @Contract
    void aTransactionOnAMissingTableIsResourceNotFound(DynamoTarget t) {
        String missing = t.newTableName("nope");
        Expect.error(() -> t.db().transactWriteItems(r -> r.transactItems(put(missing, item("pk", s("a"))))),
                ResourceNotFoundException.class, "Requested resource not found");
    }

    @Contract
    void transactGetReturnsItemsInRequestOrderWithEmptyResponsesForMissingOnes(DynamoTarget t) {
        String hash = t.table(DynamoTarget.HASH);
        String range = t.table(DynamoTarget.RANGE);
        String a = t.key();
        t.db().putItem(r -> r.tableName(hash).item(item("pk", s(a), "v", n(1), "w", n(2))));
        t.db().putItem(r -> r.tableName(range).item(item("pk", s(a), "sk", s("x"), "v", n(3))));

        TransactGetItemsResponse response = t.db().transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(range).key(item("pk", s(a), "sk", s("x")))).build(),
                TransactGetItem.builder().get(g -> g.tableName(hash).key(item("pk", s(t.key())))).build(),
                TransactGetItem.builder().get(g -> g.tableName(hash).key(item("pk", s(a))).projectionExpression("w"))
                        .build()));
        assertThat(response.responses()).hasSize(3);
        assertThat(response.responses().get(0).item()).isEqualTo(item("pk", s(a), "sk", s("x"), "v", n(3)));
        assertThat(response.responses().get(1).hasItem()).isFalse();
        if (!t.deviates(DynamoTarget.Kind.MOTO, "TransactGetItems ignores ProjectionExpression")) {
            assertThat(response.responses().get(2).item()).isEqualTo(item("w", n(2)));
        }
    }
}

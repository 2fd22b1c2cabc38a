package dev.sipcredentials.dynamodb;

import static dev.sipcredentials.dynamodb.EngineClients.item;
import static dev.sipcredentials.dynamodb.EngineClients.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** The fault hooks, as the SDK sees them. */
class FaultsTest {
    static DynamoDbEngine engine;
    static DynamoDbClient once;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.start(DynamoDbEngine.options());
        once = EngineClients.noRetries(engine.endpoint());
        EngineClients.createHashTable(once, "faults");
    }

    @AfterEach
    void clear() {
        engine.faults().clear();
    }

    @AfterAll
    static void stop() {
        once.close();
        engine.close();
    }

    @Test
    void failNextFailsThatManyRequestsOfThatOperationThenRecovers() {
        engine.faults().failNext("PutItem", 2, "ProvisionedThroughputExceededException");
        assertThat(once.getItem(r -> r.tableName("faults").key(key("x"))).hasItem()).isFalse(); // other operations pass
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> once.putItem(r -> r.tableName("faults").item(item("pk", "f"))))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
        }
        assertThat(once.getItem(r -> r.tableName("faults").key(key("f"))).hasItem()).as("nothing written").isFalse();
        once.putItem(r -> r.tableName("faults").item(item("pk", "f")));
        assertThat(once.getItem(r -> r.tableName("faults").key(key("f"))).hasItem()).isTrue();
    }

    @Test
    void internalServerErrorIs500AndTheSdkRetriesIt() {
        engine.faults().failNext(null, 1, "InternalServerError");
        assertThatThrownBy(() -> once.getItem(r -> r.tableName("faults").key(key("a"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                });
        engine.faults().failNext(null, 2, "ThrottlingException");
        try (DynamoDbClient retrying = EngineClients.client(engine.endpoint())) {
            retrying.putItem(r -> r.tableName("faults").item(item("pk", "retried")));
        }
        assertThat(once.getItem(r -> r.tableName("faults").key(key("retried"))).hasItem()).isTrue();
    }

    @Test
    void commitThenDropWritesButAnswersNothing() {
        engine.faults().commitThenDrop("PutItem", 1);
        assertThatThrownBy(() -> once.putItem(r -> r.tableName("faults").item(item("pk", "dropped", "token", "t1"))))
                .isInstanceOf(SdkClientException.class);
        assertThat(once.getItem(r -> r.tableName("faults").key(key("dropped"))).hasItem()).as("carried out").isTrue();

        // the SDK's retry of a conditional put whose answer was lost fails its condition, with the item to tell
        engine.faults().commitThenDrop("PutItem", 1);
        try (DynamoDbClient retrying = EngineClients.client(engine.endpoint())) {
            assertThatThrownBy(() -> retrying.putItem(r -> r.tableName("faults").item(item("pk", "lost", "token", "t2"))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                    .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                            e -> assertThat(e.item().get("token").s()).isEqualTo("t2"));
        }
    }

    @Test
    void delaySlowsEveryRequestOfThatOperation() {
        engine.faults().delay("GetItem", Duration.ofMillis(300));
        long start = System.nanoTime();
        once.getItem(r -> r.tableName("faults").key(key("slow")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        engine.faults().delay("GetItem", Duration.ZERO);
        start = System.nanoTime();
        once.getItem(r -> r.tableName("faults").key(key("slow")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
    }
}

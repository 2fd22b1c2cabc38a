package dev.sipcredentials.store;

import dev.sipcredentials.idempotency.IdempotencyRecord;
import dev.sipcredentials.idempotency.IdempotencyStore;
import dev.sipcredentials.provisioning.Tenant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@link IdempotencyStore} on the credentials table: Idempotency-Key records ({@link IdempotencyItem}) claimed and
 * completed with conditional PutItems only, through the enhanced client, each call within its own deadline.
 */
public final class IdempotencyTable implements IdempotencyStore {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public IdempotencyTable(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    /**
     * The key's record is free when absent, expired (TTL deletes lazily, so expiry is checked here too),
     * released, or pending past its lease; the last two only for the same request body.
     */
    private static final String CLAIMABLE = "attribute_not_exists(#pk) OR #expiresAt <= :nowSeconds"
            + " OR (#fingerprint = :fingerprint AND (#state = :released"
            + " OR (#state = :pending AND #leaseUntil < :nowMillis)))";

    @Override
    public String scopeOf(Tenant tenant) {
        return KeyScheme.scope(tenant);
    }

    @Override
    public ClaimResult claim(IdempotencyRecord claim, Duration timeout) {
        Instant now = Instant.now(clock);
        Expression claimable = Expression.builder()
                .expression(CLAIMABLE)
                .expressionNames(Map.of("#pk", KeyScheme.PK, "#expiresAt", IdempotencyItems.EXPIRES_AT,
                        "#fingerprint", IdempotencyItems.FINGERPRINT, "#state", IdempotencyItems.STATE,
                        "#leaseUntil", IdempotencyItems.LEASE_UNTIL))
                .expressionValues(Map.of(
                        ":nowSeconds", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                        ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                        ":fingerprint", AttributeValue.fromS(claim.fingerprint()),
                        ":released", AttributeValue.fromS(IdempotencyRecord.State.RELEASED.name()),
                        ":pending", AttributeValue.fromS(IdempotencyRecord.State.PENDING.name())))
                .build();
        try {
            idempotencyRecords(timeout).putItem(PutItemEnhancedRequest.builder(IdempotencyItem.class)
                    .item(IdempotencyItem.of(claim))
                    .conditionExpression(claimable)
                    // The record in the way comes back with the failed condition: no read, no race between
                    // looking and writing.
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return ClaimResult.claimed();
        } catch (ConditionalCheckFailedException e) {
            if (e.item() == null || e.item().isEmpty()) {
                return ClaimResult.unavailable();
            }
            return ClaimResult.existing(IdempotencyItem.SCHEMA.mapToItem(e.item()).record(claim.scope(), claim.key()));
        } catch (SdkException e) {
            return ClaimResult.unavailable();
        }
    }

    @Override
    public boolean complete(IdempotencyRecord record, Duration timeout) {
        IdempotencyItem item = IdempotencyItem.of(record);
        if (item == null) {
            item = IdempotencyItem.of(record.released());
        }
        try {
            idempotencyRecords(timeout).putItem(PutItemEnhancedRequest.builder(IdempotencyItem.class)
                    .item(item)
                    // Only over our own claim: a request that took over an abandoned claim keeps its record.
                    .conditionExpression(Expression.builder().expression("#claimToken = :claimToken")
                            .putExpressionName("#claimToken", IdempotencyItems.CLAIM_TOKEN)
                            .putExpressionValue(":claimToken", AttributeValue.fromS(record.claimToken()))
                            .build())
                    .build());
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /** The idempotency records through the enhanced client, this call's time limit on every request. */
    private DynamoDbTable<IdempotencyItem> idempotencyRecords(Duration timeout) {
        return TimedDynamoDbClient.enhanced(dynamoDb, timeout).table(tableName, IdempotencyItem.SCHEMA);
    }
}

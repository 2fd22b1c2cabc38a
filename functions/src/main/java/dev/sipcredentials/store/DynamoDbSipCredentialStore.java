package dev.sipcredentials.store;

import dev.sipcredentials.credentials.AccountCredential;
import dev.sipcredentials.credentials.OrganizationCredential;
import dev.sipcredentials.credentials.SipCredentialStore;
import dev.sipcredentials.credentials.WriteOutcome;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@link SipCredentialStore} on one DynamoDB table, with conditional writes only. */
public final class DynamoDbSipCredentialStore implements SipCredentialStore {
    private static final String NOT_EXISTS = "attribute_not_exists(" + CredentialItems.PK + ")";
    /** Two creates of one SIP account racing in transactions can cancel each other; one retry decides. */
    private static final int TRANSACTION_CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final PasswordSealer passwords;

    /** Passwords sealed as the settings say ({@link PasswordSealers#fromSettings()}). */
    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, clock, PasswordSealers.fromSettings());
    }

    public DynamoDbSipCredentialStore(DynamoDbClient dynamoDb, String tableName, Clock clock, PasswordSealer passwords) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
        this.passwords = passwords;
    }

    @Override
    public WriteOutcome createAccountCredential(String accountId, AccountCredential credential, String writeToken,
                                                Duration timeout) {
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(CredentialItems.accountCredential(accountId, credential, writeToken, Instant.now(clock)))
                .conditionExpression(NOT_EXISTS)
                // On a failed condition DynamoDB hands back the existing item, so a retry of our own write
                // whose first response was lost is told apart from someone else's item without a read.
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))
                .build();
        try {
            dynamoDb.putItem(request);
            return WriteOutcome.CREATED;
        } catch (ConditionalCheckFailedException e) {
            return CredentialItems.writtenWith(e.item(), writeToken) ? WriteOutcome.CREATED : WriteOutcome.ALREADY_EXISTS;
        } catch (SdkException e) {
            return classify(e);
        }
    }

    @Override
    public WriteOutcome createOrganizationCredential(OrganizationCredential credential, String writeToken,
                                                     Duration timeout) {
        Instant now = Instant.now(clock);
        SealedPassword password;
        try {
            password = passwords.seal(credential.password(), CredentialItems.passwordAad(credential));
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            // KMS throttled or failing: worth the client's retry; refused (e.g. access denied): our fault.
            return e.isThrottlingException() || e.statusCode() >= 500
                    ? WriteOutcome.TRANSIENT_FAILURE : WriteOutcome.STORE_FAILURE;
        } catch (SdkException e) {
            return classify(e); // KMS unreachable or timed out
        } catch (RuntimeException e) {
            return WriteOutcome.STORE_FAILURE; // no key configured: refuse rather than store plaintext
        }
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                // The same token on every attempt makes DynamoDB treat a retry of a committed transaction
                // (its response lost) as a success rather than a second write or a failed condition.
                .clientRequestToken(writeToken)
                .transactItems(
                        put(CredentialItems.organizationCredential(credential, password, writeToken, now)),
                        put(CredentialItems.organizationGuard(credential, writeToken, now)))
                .overrideConfiguration(c -> c.apiCallTimeout(timeout))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(request);
                return WriteOutcome.CREATED;
            } catch (TransactionCanceledException e) {
                if (guardExisted(e.cancellationReasons())) {
                    return WriteOutcome.ALREADY_EXISTS;
                }
                if (!conflicted(e.cancellationReasons()) || attempt >= TRANSACTION_CONFLICT_ATTEMPTS) {
                    return WriteOutcome.TRANSIENT_FAILURE;
                }
                sleepBeforeRetry(attempt);
            } catch (SdkException e) {
                return classify(e);
            }
        }
    }

    private TransactWriteItem put(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(tableName).item(item).conditionExpression(NOT_EXISTS).build())
                .build();
    }

    private static boolean guardExisted(List<CancellationReason> reasons) {
        // Item 0 is the record (a fresh UUID), item 1 the guard of the SIP account.
        return reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code());
    }

    private static boolean conflicted(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(10L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the SDK's own retries: is it worth the client's retry, or a fault on our side? */
    private static WriteOutcome classify(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof AbortedException) {
            return WriteOutcome.TRANSIENT_FAILURE;
        }
        if (e instanceof DynamoDbException service) {
            int status = service.statusCode();
            if (status >= 500 || service.isThrottlingException()) {
                return WriteOutcome.TRANSIENT_FAILURE;
            }
            return WriteOutcome.STORE_FAILURE;
        }
        if (e instanceof SdkClientException) {
            // Connection refused or reset, DNS, socket timeouts: the store was not reachable.
            return WriteOutcome.TRANSIENT_FAILURE;
        }
        return WriteOutcome.STORE_FAILURE;
    }
}

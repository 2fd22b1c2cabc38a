package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.WriteOutcome;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one classification of store faults, after the SDK's own retries, for reads and writes alike and for DynamoDB
 * and KMS (sealing) alike: worth the client's retry (throttled, timed out, unreachable, a 5xx), or ours to fix
 * (refused, misconfigured, no key, a ciphertext that does not open). Each table maps it to its own result.
 */
final class StoreFaults {
    private StoreFaults() {
    }

    static boolean isTransient(RuntimeException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof AbortedException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        // Connection refused or reset, DNS, socket timeouts: the store was not reachable.
        return e instanceof SdkClientException;
    }

    /** A write (or the sealing before it) that failed: nothing stored, retryable or not. */
    static WriteOutcome writeOutcome(RuntimeException e) {
        return isTransient(e) ? WriteOutcome.TRANSIENT_FAILURE : WriteOutcome.STORE_FAILURE;
    }
}

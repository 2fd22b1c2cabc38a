package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Duration;

/**
 * A Lambda Context whose remaining time counts down from a small budget, as Lambda's does from the function's
 * timeout: lets deadline tests run in a second or two instead of 29.
 */
final class TestContexts {
    private TestContexts() {
    }

    static Context withBudget(Duration budget) {
        long deadlineNanos = System.nanoTime() + budget.toNanos();
        return new Context() {
            @Override
            public int getRemainingTimeInMillis() {
                return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
            }

            @Override
            public String getAwsRequestId() {
                return "test-invocation";
            }

            @Override
            public String getLogGroupName() {
                return "test";
            }

            @Override
            public String getLogStreamName() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "test-function";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:123456789012:function:test-function";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return null; // RequestLog falls back to stdout
            }
        };
    }
}

package dev.sipcredentials.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The synthetic Lambda contexts of every module's tests and benchmarks: only the remaining time is real. Without a
 * logger, handlers' log lines go to stdout; the quiet one drops them.
 */
public final class LambdaContexts {
    private static final LambdaLogger SILENT = new LambdaLogger() {
        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }
    };

    private LambdaContexts() {
    }

    /** Always {@code remainingMillis} left; logs to stdout. */
    public static Context withRemainingMillis(int remainingMillis) {
        return new Synthetic(() -> remainingMillis, null, "LambdaContexts.withRemainingMillis(" + remainingMillis + ")");
    }

    /**
     * Remaining time counting down from {@code budget}, as Lambda's does from the function's timeout: deadline tests
     * run in a second or two instead of 29. Logs to stdout.
     */
    public static Context withBudget(Duration budget) {
        long deadlineNanos = System.nanoTime() + budget.toNanos();
        return new Synthetic(() -> (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L), null,
                "LambdaContexts.withBudget(" + budget + ")");
    }

    /** 29 s left (Lambda's timeout), log lines dropped: for benchmarks. */
    public static Context quiet() {
        return new Synthetic(() -> 29_000, SILENT, "LambdaContexts.quiet()");
    }

    private static final class Synthetic implements Context {
        private final IntSupplier remainingMillis;
        private final LambdaLogger logger;
        private final String description;

        Synthetic(IntSupplier remainingMillis, LambdaLogger logger, String description) {
            this.remainingMillis = remainingMillis;
            this.logger = logger;
            this.description = description;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return remainingMillis.getAsInt();
        }

        @Override
        public LambdaLogger getLogger() {
            return logger;
        }

        @Override
        public String getAwsRequestId() {
            return "lambda-request-1";
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
            return 512;
        }

        @Override
        public String toString() {
            return description;
        }
    }
}

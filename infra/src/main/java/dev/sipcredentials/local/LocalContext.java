package dev.sipcredentials.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda Context of one local invocation; the remaining time counts down from the function's Timeout. */
final class LocalContext implements Context {

    private final String requestId;
    private final SamTemplate.Function function;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(String requestId, SamTemplate.Function function, long startNanos) {
        this(requestId, function, startNanos, null);
    }

    /** With {@code metrics}, the EMF lines the function logs are counted there. */
    LocalContext(String requestId, SamTemplate.Function function, long startNanos, LocalMetrics metrics) {
        this(requestId, function, startNanos, metrics, true);
    }

    /** {@code printStructured} false: the function's JSON log lines are counted for metrics, not printed. */
    LocalContext(String requestId, SamTemplate.Function function, long startNanos, LocalMetrics metrics,
            boolean printStructured) {
        this.requestId = requestId;
        this.function = function;
        this.deadlineNanos = startNanos + function.timeoutSeconds() * 1_000_000_000L;
        this.logger = StdoutLambdaLogger.forEnvironment(function.environment(), requestId, metrics, printStructured);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + function.logicalId();
    }

    @Override
    public String getFunctionName() {
        return function.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + SamTemplate.LOCAL_REGION + ":" + SamTemplate.LOCAL_ACCOUNT_ID + ":function:"
                + function.logicalId();
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
    public int getRemainingTimeInMillis() {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(0, remaining);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}

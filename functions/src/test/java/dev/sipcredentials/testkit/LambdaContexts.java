package dev.sipcredentials.testkit;

import com.amazonaws.services.lambda.runtime.Context;

import java.lang.reflect.Proxy;

/** Lambda contexts for handler tests: only the remaining time is real; no logger, so logs go to stdout. */
public final class LambdaContexts {
    private LambdaContexts() {
    }

    public static Context withRemainingMillis(int remainingMillis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> remainingMillis;
                    case "getMemoryLimitInMB" -> 512;
                    case "getAwsRequestId" -> "lambda-request-1";
                    case "getFunctionName" -> "test-function";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "LambdaContexts.withRemainingMillis(" + remainingMillis + ")";
                    default -> null;
                });
    }
}

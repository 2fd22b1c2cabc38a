package dev.sipcredentials.observability;

import com.amazonaws.services.lambda.runtime.Context;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether a request is the first this execution environment serves. SnapStart priming calls the handlers with a
 * context that has no request id before the snapshot; those calls do not count, so the first real request after a
 * restore is the cold one, as it is after a plain init.
 */
public final class ColdStart {
    private static final AtomicBoolean SERVED = new AtomicBoolean();

    private ColdStart() {
    }

    /** True exactly once per JVM (per class loader), for the first request with a request id. */
    public static boolean take(Context context) {
        if (context == null || context.getAwsRequestId() == null) {
            return false;
        }
        return SERVED.compareAndSet(false, true);
    }
}

package dev.sipcredentials.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {
    private final List<String> lines = new ArrayList<>();
    private final List<LogLevel> levels = new ArrayList<>();

    private Context context() {
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log(message, LogLevel.UNDEFINED);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message), LogLevel.UNDEFINED);
            }

            @Override
            public void log(String message, LogLevel level) {
                lines.add(message);
                levels.add(level);
            }
        };
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getLogger") ? logger : null);
    }

    @Test
    void theLineNamesTheCallerAndIsLoggedAtInfo() {
        RequestLog.line(context(), "bandwidth", "req-1", "user \"7\"", 201, "created=1", System.nanoTime());

        assertThat(lines).singleElement().asString()
                .startsWith("{\"api\":\"bandwidth\",\"requestId\":\"req-1\",\"caller\":\"user \\\"7\\\"\",\"status\":201,");
        assertThat(levels).containsExactly(LogLevel.INFO);
    }

    @Test
    void anUnknownCallerIsNullAndAFailureIsLoggedAtError() {
        RequestLog.line(context(), "deepslate", "req-2", null, 403, "refused", System.nanoTime());
        RequestLog.failure(context(), "deepslate", "req-2", new IllegalStateException("secret"));

        assertThat(lines.get(0)).contains("\"caller\":null,\"status\":403");
        assertThat(lines.get(1)).doesNotContain("secret");
        assertThat(levels).containsExactly(LogLevel.INFO, LogLevel.ERROR);
    }
}

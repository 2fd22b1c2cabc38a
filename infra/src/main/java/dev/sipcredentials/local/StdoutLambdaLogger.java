package dev.sipcredentials.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogFormat;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Lambda writes context.getLogger() output to the function's log stream; locally that is stdout, one line per log
 * call, formatted as the Java runtime (aws-lambda-java-runtime-interface-client) formats it:
 * <ul>
 *   <li>{@code LogFormat: JSON} (the function's LoggingConfig, as {@code AWS_LAMBDA_LOG_FORMAT}): a String message
 *       becomes {@code {"timestamp":"…Z","level":"INFO","message":"…","AWSRequestId":"…"}}, level UNDEFINED for
 *       {@code log(String)}; messages below {@code AWS_LAMBDA_LOG_LEVEL} are dropped (UNDEFINED never is);
 *   <li>{@code TEXT}: the message as it is;
 *   <li>{@code byte[]} messages are never formatted (the runtime's rule), which is how a function gets an EMF document
 *       to the top level of its log event.
 * </ul>
 * A trailing newline of the message ends the line instead of adding an empty one. Every line written is also
 * offered to {@link LocalMetrics}, which counts the EMF documents as CloudWatch Logs would extract them.
 *
 * <p>Locally the structured lines (messages that are JSON documents: the request log line, the EMF metrics) are what
 * Lambda would get, not what a person at a terminal reads; the local stack prints them only with
 * {@code --log-format json} and otherwise leaves the gateway's one access line per request. Plain messages (a warning,
 * a stack trace) are printed either way.
 */
final class StdoutLambdaLogger implements LambdaLogger {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String requestId;
    private final LogFormat format;
    private final LogLevel minimumLevel;
    private final LocalMetrics metrics;
    private final boolean printStructured;

    StdoutLambdaLogger(String requestId, LogFormat format, LogLevel minimumLevel, LocalMetrics metrics) {
        this(requestId, format, minimumLevel, metrics, true);
    }

    StdoutLambdaLogger(String requestId, LogFormat format, LogLevel minimumLevel, LocalMetrics metrics,
            boolean printStructured) {
        this.requestId = requestId;
        this.format = format;
        this.minimumLevel = minimumLevel;
        this.metrics = metrics;
        this.printStructured = printStructured;
    }

    /** The format and level Lambda gives a function with these environment variables (its LoggingConfig). */
    static StdoutLambdaLogger forEnvironment(java.util.Map<String, String> environment, String requestId,
            LocalMetrics metrics) {
        return forEnvironment(environment, requestId, metrics, true);
    }

    /** {@code printStructured} false: JSON-document messages are counted for metrics but not printed. */
    static StdoutLambdaLogger forEnvironment(java.util.Map<String, String> environment, String requestId,
            LocalMetrics metrics, boolean printStructured) {
        LogFormat format = "JSON".equalsIgnoreCase(environment.get("AWS_LAMBDA_LOG_FORMAT")) ? LogFormat.JSON
                : LogFormat.TEXT;
        String level = environment.get("AWS_LAMBDA_LOG_LEVEL");
        LogLevel minimum = level == null ? LogLevel.UNDEFINED : LogLevel.fromString(level);
        return new StdoutLambdaLogger(requestId, format, minimum, metrics, printStructured);
    }

    @Override
    public void log(String message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(String message, LogLevel level) {
        if (!enabled(level)) {
            return;
        }
        String text = message == null ? "null" : message;
        write(format == LogFormat.JSON ? json(text, level) : withoutTrailingNewline(text), isDocument(text));
    }

    @Override
    public void log(byte[] message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        if (enabled(level)) {
            String text = message == null ? "null" : new String(message, StandardCharsets.UTF_8);
            write(withoutTrailingNewline(text), isDocument(text));
        }
    }

    private boolean enabled(LogLevel level) {
        return level == LogLevel.UNDEFINED || level.ordinal() >= minimumLevel.ordinal();
    }

    private static boolean isDocument(String message) {
        String text = message.strip();
        return text.startsWith("{") && text.endsWith("}");
    }

    private void write(String line, boolean structured) {
        if (printStructured || !structured) {
            System.out.println(line);
        }
        if (metrics != null) {
            metrics.accept(line);
        }
    }

    private String json(String message, LogLevel level) {
        StringBuilder line = new StringBuilder(message.length() + 128);
        line.append("{\"timestamp\":\"").append(TIMESTAMP.format(java.time.Instant.now())).append("\",\"level\":\"")
                .append(level.name()).append("\",\"message\":");
        quote(line, message);
        line.append(",\"AWSRequestId\":");
        quote(line, requestId);
        return line.append('}').toString();
    }

    private static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String withoutTrailingNewline(String text) {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return text.substring(0, end);
    }
}

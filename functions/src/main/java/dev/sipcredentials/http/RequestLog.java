package dev.sipcredentials.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * One line per request, for support to find a request by its id. Carries counts and outcome only: bodies,
 * names, hashes and passwords are never logged.
 */
public final class RequestLog {
    private RequestLog() {
    }

    /** @param caller the token's subject ({@code RequestClaims#caller}): who made the request; null when unknown */
    public static void line(Context context, String api, String requestId, String caller, int status, String outcome,
                            long startNanos) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        String line = "{\"api\":\"" + api + "\",\"requestId\":\"" + jsonSafe(requestId) + "\",\"caller\":"
                + (caller == null ? "null" : "\"" + jsonSafe(caller) + "\"") + ",\"status\":" + status
                + ",\"outcome\":\"" + jsonSafe(outcome) + "\",\"ms\":" + millis + "}";
        emit(context, line, LogLevel.INFO);
    }

    public static void failure(Context context, String api, String requestId, Throwable error) {
        // The class and our own frames identify the fault; the message is left out because SDK and parser
        // messages can quote request content.
        StringBuilder line = new StringBuilder("{\"api\":\"").append(api).append("\",\"requestId\":\"")
                .append(jsonSafe(requestId)).append("\",\"error\":\"").append(error.getClass().getName())
                .append("\",\"at\":\"");
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            line.append(i == 0 ? "" : " < ").append(jsonSafe(frames[i].toString()));
        }
        line.append("\"}");
        emit(context, line.toString(), LogLevel.ERROR);
    }

    private static void emit(Context context, String line, LogLevel level) {
        if (context != null && context.getLogger() != null) {
            // With a level, so the function's ApplicationLogLevel (template.yaml) filters it, and JSON log format
            // keeps the line as the message.
            context.getLogger().log(line + "\n", level);
        } else {
            System.out.println(line);
        }
    }

    private static String jsonSafe(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

package dev.sipcredentials.observability;

/**
 * Reads today's handlers' outcome summaries (the {@code outcome} of their log line) as counts, so that the metrics
 * can be emitted from the one per-request log spot without reshaping the handlers. A request pipeline that builds
 * a {@link RouteOutcome} itself calls {@link RequestMetrics#emit} directly and needs none of this.
 *
 * <p>The summaries: {@code created=N duplicates=N refused=N storeErrors=N throttled=N} (XML batch; its refused
 * entries broke an entry rule, all 400s), {@code refused:CODE} (XML, whole request), {@code created} and the
 * error names ({@code DUPLICATE_CREDENTIAL}, {@code STORE_UNAVAILABLE}, {@code INTERNAL_ERROR}, ...: JSON),
 * {@code replayed} and {@code internal-error} (both); a suffix {@code idempotency-record-not-written} may follow.
 */
public final class HandlerSummaries {
    private static final String NOT_RECORDED = " idempotency-record-not-written";

    private HandlerSummaries() {
    }

    public static RouteOutcome outcome(int status, String summary) {
        if (summary == null) {
            return RouteOutcome.NONE;
        }
        String text = summary.endsWith(NOT_RECORDED)
                ? summary.substring(0, summary.length() - NOT_RECORDED.length()) : summary;
        return switch (text) {
            // A replay repeats an earlier answer: that request was counted when it ran. An internal error stored
            // nothing; it shows as the route's 5xx (API Gateway's metric) and as the log line's outcome.
            case "replayed", "internal-error" -> RouteOutcome.NONE;
            case "created" -> RouteOutcome.NONE.withCreated(1);
            case "DUPLICATE_CREDENTIAL" -> RouteOutcome.NONE.withDuplicates(1);
            case "STORE_UNAVAILABLE" -> RouteOutcome.NONE.withThrottled(1);
            case "INTERNAL_ERROR" -> RouteOutcome.NONE.withStoreErrors(1);
            default -> text.startsWith("created=") ? batch(text) : whole(status);
        };
    }

    private static RouteOutcome whole(int status) {
        // 503 without a write outcome: the idempotency store was unavailable; the client is told to retry.
        return status == 503 ? RouteOutcome.NONE.withThrottled(1) : RouteOutcome.refusedWith(status);
    }

    private static RouteOutcome batch(String text) {
        RouteOutcome outcome = RouteOutcome.NONE;
        for (String pair : text.split(" ")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(pair.substring(equals + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            outcome = switch (pair.substring(0, equals)) {
                case "created" -> outcome.withCreated(n);
                case "duplicates" -> outcome.withDuplicates(n);
                case "refused" -> outcome.withRefused(RefusalClass.INVALID, n);
                case "storeErrors" -> outcome.withStoreErrors(n);
                case "throttled" -> outcome.withThrottled(n);
                default -> outcome;
            };
        }
        return outcome;
    }
}

package dev.sipcredentials.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerSummariesTest {

    @Test
    void xmlBatchSummaryGivesEveryCount() {
        RouteOutcome outcome = HandlerSummaries.outcome(201,
                "created=2 duplicates=1 refused=3 storeErrors=4 throttled=5 idempotency-record-not-written");
        assertThat(outcome.toString()).isEqualTo(
                "created=2 duplicates=1 refused=3 storeErrors=4 throttled=5 RefusedInvalid=3");
    }

    @Test
    void wholeRequestRefusalsAreClassedByStatus() {
        assertThat(HandlerSummaries.outcome(403, "refused:1200").refused(RefusalClass.FORBIDDEN)).isEqualTo(1);
        assertThat(HandlerSummaries.outcome(415, "UNSUPPORTED_MEDIA_TYPE").refused(RefusalClass.MEDIA_TYPE))
                .isEqualTo(1);
        assertThat(HandlerSummaries.outcome(422, "IDEMPOTENCY_KEY_REUSED").refused(RefusalClass.UNPROCESSABLE))
                .isEqualTo(1);
        assertThat(HandlerSummaries.outcome(413, "refused:1103").refused(RefusalClass.TOO_LARGE)).isEqualTo(1);
        assertThat(HandlerSummaries.outcome(400, "VALIDATION_FAILED").refused(RefusalClass.INVALID)).isEqualTo(1);
        assertThat(HandlerSummaries.outcome(409, "REQUEST_IN_PROGRESS").refused(RefusalClass.CONFLICT)).isEqualTo(1);
        assertThat(HandlerSummaries.outcome(503, "refused:19004").throttled()).isEqualTo(1);
    }

    @Test
    void jsonWriteOutcomes() {
        assertThat(HandlerSummaries.outcome(201, "created").created()).isEqualTo(1);
        assertThat(HandlerSummaries.outcome(409, "DUPLICATE_CREDENTIAL").toString())
                .isEqualTo("created=0 duplicates=1 refused=0 storeErrors=0 throttled=0");
        assertThat(HandlerSummaries.outcome(503, "STORE_UNAVAILABLE").throttled()).isEqualTo(1);
        assertThat(HandlerSummaries.outcome(500, "INTERNAL_ERROR").storeErrors()).isEqualTo(1);
    }

    @Test
    void replaysAndInternalErrorsCountNothingButTheRequest() {
        assertThat(HandlerSummaries.outcome(201, "replayed").toString())
                .isEqualTo(RouteOutcome.NONE.toString());
        assertThat(HandlerSummaries.outcome(500, "internal-error").refused()).isZero();
        assertThat(HandlerSummaries.outcome(500, null).storeErrors()).isZero();
    }
}

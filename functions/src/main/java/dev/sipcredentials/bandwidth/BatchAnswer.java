package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.HttpResponses;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.WriteOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * What decides the answer, per document position: the rule the entry broke, or its write's outcome. This, not
 * the answer (which echoes Hash1/Hash1b), is what an Idempotency-Key's record keeps; the replay rebuilds the
 * answer from it and the byte-identical request, independent of the rules in force by then.
 */
record BatchAnswer(BandwidthError[] refusals, WriteOutcome[] outcomes) {
    static final String KEPT_PREFIX = "entries/v1:";

    /** {@code entries/v1:} then per position the refusal's name or the outcome's, comma-separated. */
    String kept() {
        StringBuilder kept = new StringBuilder(KEPT_PREFIX.length() + 16 * refusals.length).append(KEPT_PREFIX);
        for (int i = 0; i < refusals.length; i++) {
            kept.append(i == 0 ? "" : ",").append(refusals[i] != null ? "R" + refusals[i].name()
                    : outcomes[i].name());
        }
        return kept.toString();
    }

    /** @throws IllegalArgumentException when {@code kept} is not {@link #kept()} of a batch of {@code size} */
    static BatchAnswer of(String kept, int size) {
        String[] entries = kept.substring(KEPT_PREFIX.length()).split(",", -1);
        if (entries.length != size) {
            throw new IllegalArgumentException("kept outcomes do not match the request");
        }
        BandwidthError[] refusals = new BandwidthError[size];
        WriteOutcome[] outcomes = new WriteOutcome[size];
        for (int i = 0; i < size; i++) {
            if (entries[i].startsWith("R")) {
                refusals[i] = BandwidthError.valueOf(entries[i].substring(1));
            } else {
                outcomes[i] = WriteOutcome.valueOf(entries[i]);
            }
        }
        return new BatchAnswer(refusals, outcomes);
    }

    /**
     * The answer. Its size is checked before it is returned (so before an Idempotency-Key records it): an answer
     * Lambda could not return would reach the client as API Gateway's 500 although entries were stored. A refused
     * entry echoes each field bounded ({@link EchoBound}); if the answer is still too large, refused entries echo no
     * fields at all (their ErrorCode and Description only).
     */
    Reply reply(String accountId, List<SubmittedCredential> submitted) {
        Reply reply = reply(accountId, submitted, true);
        if (HttpResponses.encodedBodyBytes(reply.body()) > HttpResponses.MAX_ENCODED_BODY_BYTES) {
            Reply compact = reply(accountId, submitted, false);
            return compact.withOutcome(compact.outcome() + " refusals-echo-omitted");
        }
        return reply;
    }

    private Reply reply(String accountId, List<SubmittedCredential> submitted, boolean echoRefused) {
        List<SipCredentialsXmlWriter.EntryError> errors = new ArrayList<>();
        List<SubmittedCredential> created = new ArrayList<>(submitted.size());
        boolean retryable = false;
        boolean storeFault = false;
        // Counts for the log line and the metrics (observability.HandlerSummaries reads them).
        int refused = 0;
        int duplicates = 0;
        int throttled = 0;
        int storeErrors = 0;
        for (int i = 0; i < submitted.size(); i++) {
            SubmittedCredential entry = submitted.get(i);
            if (refusals[i] != null) {
                refused++;
                errors.add(new SipCredentialsXmlWriter.EntryError(refusals[i].code(), refusals[i].description(),
                        echoRefused ? EchoBound.of(entry) : null));
                continue;
            }
            switch (outcomes[i]) {
                case CREATED -> created.add(entry);
                case ALREADY_EXISTS -> {
                    duplicates++;
                    errors.add(entryError(BandwidthError.ALREADY_EXISTS,
                            BandwidthError.alreadyExists(entry.name(), accountId), entry));
                }
                case TRANSIENT_FAILURE -> {
                    retryable = true;
                    throttled++;
                    errors.add(entryError(BandwidthError.STORE_UNAVAILABLE, null, entry));
                }
                case NOT_ATTEMPTED -> {
                    retryable = true;
                    throttled++;
                    errors.add(entryError(BandwidthError.NOT_ATTEMPTED, null, entry));
                }
                case STORE_FAILURE -> {
                    storeFault = true;
                    storeErrors++;
                    errors.add(entryError(BandwidthError.STORE_FAILURE, null, entry));
                }
            }
        }
        String summary = "created=" + created.size() + " duplicates=" + duplicates + " refused=" + refused
                + " storeErrors=" + storeErrors + " throttled=" + throttled;
        if (!created.isEmpty()) {
            return Reply.of(201, SipCredentialsXmlWriter.created(errors, created), summary);
        }
        if (retryable) {
            return Reply.of(503, SipCredentialsXmlWriter.refused(BandwidthError.STORE_UNAVAILABLE.code(),
                    BandwidthError.RETRY_DESCRIPTION, errors), summary);
        }
        if (storeFault) {
            return Reply.of(500, SipCredentialsXmlWriter.refused(BandwidthError.STORE_FAILURE.code(),
                    BandwidthError.STORE_FAILURE.description(), errors), summary);
        }
        return Reply.of(400, SipCredentialsXmlWriter.refused(null, BandwidthError.ALL_INVALID_DESCRIPTION, errors),
                summary);
    }

    private static SipCredentialsXmlWriter.EntryError entryError(BandwidthError error, String description,
                                                                 SubmittedCredential entry) {
        return new SipCredentialsXmlWriter.EntryError(error.code(),
                description != null ? description : error.description(), entry);
    }
}

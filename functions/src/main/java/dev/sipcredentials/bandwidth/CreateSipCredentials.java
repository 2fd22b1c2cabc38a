package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.HttpResponses;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.AccountBatchCreator;
import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.WriteOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The route logic of Bandwidth's batch create: the rules per entry, the batch creator for the valid ones, and the
 * status policy of the answer (201 when anything was created; else 503 when an entry may succeed on retry, 500 for
 * a store fault, 400 when every entry was refused). Each entry's outcome is reported at its document position.
 */
final class CreateSipCredentials {
    /**
     * SnapStart priming: a valid batch of 64 (base64, as API Gateway may pass it) runs through parse, rules, the
     * writer pool and the batch bookkeeping up to the writes, which have no time left (503, nothing written); a
     * batch whose every entry is refused runs to its 400.
     */
    static final PrimingRequest[] PRIMING = {priming(true, 503), priming(false, 400)};
    private static final int PRIMING_BATCH = 64;

    private final AccountBatchCreator creator;

    CreateSipCredentials(AccountBatchCreator creator) {
        this.creator = creator;
    }

    /** The body: an empty (or blank) one is refused before the XML reader sees it. */
    static List<SubmittedCredential> read(byte[] body, String requestId) throws Reply.Refused {
        if (isBlank(body)) {
            throw BandwidthDialect.refusal(BandwidthError.EMPTY_BODY).refusal();
        }
        try {
            return SipCredentialsXmlReader.read(body);
        } catch (SipCredentialsXmlReader.RequestException e) {
            throw BandwidthDialect.refusal(e.error()).refusal();
        }
    }

    Reply create(Call<List<SubmittedCredential>> call) {
        String accountId = ((Tenant.Account) call.tenant()).accountId();
        List<SubmittedCredential> submitted = call.body();
        int size = submitted.size();
        BandwidthError[] refusals = new BandwidthError[size];
        List<AccountCredential> valid = new ArrayList<>(size);
        List<Integer> validPositions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            SipCredentialRules.Checked checked = SipCredentialRules.check(submitted.get(i));
            if (checked.error() != null) {
                refusals[i] = checked.error();
            } else {
                valid.add(checked.credential());
                validPositions.add(i);
            }
        }
        Results none = new Results(refusals, new WriteOutcome[size]);
        if (valid.isEmpty()) {
            // Nothing to write: the answer depends on the body alone, so an Idempotency-Key is not even claimed.
            return respond(accountId, submitted, none);
        }
        return call.once(call.requestId(), write -> {
            List<WriteOutcome> outcomes = creator.create(accountId, valid, write.token(), write.deadline(),
                    call.caller());
            WriteOutcome[] outcomeAt = new WriteOutcome[size];
            for (int v = 0; v < validPositions.size(); v++) {
                outcomeAt[validPositions.get(v)] = outcomes.get(v);
            }
            return new Results(refusals, outcomeAt);
        }, new Call.Replayable<>() {
            @Override
            public Reply reply(Results results) {
                return respond(accountId, submitted, results);
            }

            @Override
            public String kept(Results results, Reply reply) {
                return results.kept();
            }

            @Override
            public Reply replay(int status, String kept) {
                if (!kept.startsWith(Results.KEPT_PREFIX)) {
                    // A record written before answers were kept as outcomes: its body as it was (expires in 24 h).
                    return Reply.of(status, kept, "replayed");
                }
                return respond(accountId, submitted, Results.of(kept, size));
            }
        });
    }

    /**
     * What decides the answer, per document position: the rule the entry broke, or its write's outcome. This, not
     * the answer (which echoes Hash1/Hash1b), is what an Idempotency-Key's record keeps; the replay rebuilds the
     * answer from it and the byte-identical request, independent of the rules in force by then.
     */
    record Results(BandwidthError[] refusals, WriteOutcome[] outcomes) {
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
        static Results of(String kept, int size) {
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
            return new Results(refusals, outcomes);
        }
    }

    /**
     * The answer. Its size is checked before it is returned (so before an Idempotency-Key records it): an answer
     * Lambda could not return would reach the client as API Gateway's 500 although entries were stored. A refused
     * entry echoes each field bounded ({@link EchoBound}); if the answer is still too large, refused entries echo no
     * fields at all (their ErrorCode and Description only).
     */
    private static Reply respond(String accountId, List<SubmittedCredential> submitted, Results results) {
        Reply reply = respond(accountId, submitted, results, true);
        if (HttpResponses.encodedBodyBytes(reply.body()) > HttpResponses.MAX_ENCODED_BODY_BYTES) {
            Reply compact = respond(accountId, submitted, results, false);
            return compact.withOutcome(compact.outcome() + " refusals-echo-omitted");
        }
        return reply;
    }

    private static Reply respond(String accountId, List<SubmittedCredential> submitted, Results results,
                                 boolean echoRefused) {
        BandwidthError[] refusals = results.refusals();
        WriteOutcome[] outcomes = results.outcomes();
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

    /** {@code valid}: entries that pass the rules; otherwise each UserName has a space (refused with 1010). */
    private static PrimingRequest priming(boolean valid, int expectedStatus) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SipCredentials>");
        for (int i = 0; i < PRIMING_BATCH; i++) {
            xml.append("<SipCredential><UserName>").append(valid ? "prime" : "prime ").append(i)
                    .append("</UserName><Domain>snapstart.invalid</Domain><Hash1>0123456789abcdef</Hash1>")
                    .append("<Hash1b>fedcba9876543210</Hash1b></SipCredential>");
        }
        xml.append("</SipCredentials>");
        return new PrimingRequest("POST /accounts/{accountId}/sipcredentials", Map.of("accountId", "prime"),
                "application/xml", xml.toString(), true, expectedStatus);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}

package dev.sipcredentials.idempotency;

import dev.sipcredentials.provisioning.Deadline;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.sealing.ServiceMacKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sipcredentials.idempotency.IdempotentRequests.Kind.EXECUTED;
import static dev.sipcredentials.idempotency.IdempotentRequests.Kind.IN_PROGRESS;
import static dev.sipcredentials.idempotency.IdempotentRequests.Kind.KEY_REUSED;
import static dev.sipcredentials.idempotency.IdempotentRequests.Kind.REPLAYED;
import static dev.sipcredentials.idempotency.IdempotentRequests.Kind.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotentRequestsTest {
    private static final Tenant SCOPE = Tenant.account("41");
    private static final byte[] BODY = "<SipCredentials/>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_BODY = "<SipCredentials> </SipCredentials>".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** The DynamoDB store's conditions, in memory; can refuse claims or completions. */
    static final class MemoryStore implements IdempotencyStore {
        final Map<String, IdempotencyRecord> records = new HashMap<>();
        Instant now = T0;
        boolean claimsFail;
        boolean completionsFail;
        /** Hands back our own claim as "existing", as a retried PutItem whose response was lost does. */
        boolean loseClaimResponse;

        @Override
        public String scopeOf(Tenant tenant) {
            return tenant.toString();
        }

        @Override
        public synchronized ClaimResult claim(IdempotencyRecord claim, Duration timeout) {
            if (claimsFail) {
                return ClaimResult.unavailable();
            }
            String id = claim.scope() + "#" + claim.key();
            IdempotencyRecord old = records.get(id);
            boolean free = old == null || !old.expiresAt().isAfter(now)
                    || old.fingerprint().equals(claim.fingerprint())
                    && (old.state() == IdempotencyRecord.State.RELEASED
                    || old.state() == IdempotencyRecord.State.PENDING && old.leaseUntil().isBefore(now));
            if (!free) {
                return ClaimResult.existing(old);
            }
            records.put(id, claim);
            return loseClaimResponse ? ClaimResult.existing(claim) : ClaimResult.claimed();
        }

        @Override
        public synchronized boolean complete(IdempotencyRecord record, Duration timeout) {
            String id = record.scope() + "#" + record.key();
            if (completionsFail || !records.get(id).claimToken().equals(record.claimToken())) {
                return false;
            }
            records.put(id, record);
            return true;
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final List<String> runs = new ArrayList<>();

    private final ServiceMacKey key = ServiceMacKey.ephemeral();

    private IdempotentRequests requests() {
        return new IdempotentRequests(store, Clock.fixed(store.now, ZoneOffset.UTC), key);
    }

    private IdempotentRequests.Outcome<IdempotentRequests.Answer> run(String key, byte[] body, int status) {
        return requests().execute(SCOPE, key, body, Deadline.after(Duration.ofSeconds(10)), token -> {
            runs.add(token);
            return new IdempotentRequests.Answer(status, "answer " + runs.size());
        }, response -> response);
    }

    @Test
    void firstRequestRunsAndARepeatReplaysItsAnswerWithoutRunning() {
        var first = run("k", BODY, 201);
        var repeat = run("k", BODY, 201);

        assertThat(first.kind()).isEqualTo(EXECUTED);
        assertThat(first.recorded()).isTrue();
        assertThat(repeat.kind()).isEqualTo(REPLAYED);
        assertThat(repeat.replayed()).isEqualTo(new IdempotentRequests.Answer(201, "answer 1"));
        assertThat(runs).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAReuseAndDoesNotRun() {
        run("k", BODY, 201);

        assertThat(run("k", OTHER_BODY, 201).kind()).isEqualTo(KEY_REUSED);
        assertThat(run("other-key", OTHER_BODY, 201).kind()).isEqualTo(EXECUTED);
        assertThat(runs).hasSize(2);
    }

    @Test
    void aRepeatWhileTheFirstRunsIsInProgressAndAnotherBodyStillAReuse() {
        List<IdempotentRequests.Kind> seenInside = new ArrayList<>();
        requests().execute(SCOPE, "k", BODY, Deadline.after(Duration.ofSeconds(10)), token -> {
            seenInside.add(run("k", BODY, 201).kind());
            seenInside.add(run("k", OTHER_BODY, 201).kind());
            return new IdempotentRequests.Answer(201, "first");
        }, response -> response);

        assertThat(seenInside).containsExactly(IN_PROGRESS, KEY_REUSED);
        assertThat(runs).isEmpty();
    }

    @Test
    void a5xxAnswerIsNotKeptAndTheRetryRunsAgainWithTheSameWriteToken() {
        var failed = run("k", BODY, 503);
        var retry = run("k", BODY, 201);
        var repeat = run("k", BODY, 201);

        assertThat(failed.kind()).isEqualTo(EXECUTED);
        assertThat(retry.kind()).isEqualTo(EXECUTED);
        assertThat(repeat.kind()).isEqualTo(REPLAYED);
        assertThat(repeat.replayed().status()).isEqualTo(201);
        assertThat(runs).hasSize(2).containsOnly(requests().writeToken(SCOPE, "k", BODY));
    }

    @Test
    void whenTheClaimCannotBeWrittenNothingRuns() {
        store.claimsFail = true;

        assertThat(run("k", BODY, 201).kind()).isEqualTo(UNAVAILABLE);
        assertThat(runs).isEmpty();
    }

    @Test
    void withTooLittleTimeLeftTheKeyIsNotClaimedAndNothingRuns() {
        var outcome = requests().execute(SCOPE, "k", BODY, Deadline.after(Duration.ofMillis(50)),
                token -> new IdempotentRequests.Answer(201, "x"), response -> response);

        assertThat(outcome.kind()).isEqualTo(UNAVAILABLE);
        assertThat(store.records).isEmpty();
    }

    @Test
    void anUnrecordedAnswerLeavesTheKeyPendingUntilItsLeaseEndsThenTheRequestRunsAgain() {
        store.completionsFail = true;
        var first = run("k", BODY, 201);
        store.completionsFail = false;

        assertThat(first.kind()).isEqualTo(EXECUTED);
        assertThat(first.recorded()).isFalse();
        assertThat(run("k", BODY, 201).kind()).isEqualTo(IN_PROGRESS);
        store.now = T0.plus(IdempotentRequests.LEASE).plusSeconds(1);
        assertThat(run("k", BODY, 201).kind()).isEqualTo(EXECUTED);
        assertThat(runs).hasSize(2).containsOnly(requests().writeToken(SCOPE, "k", BODY));
    }

    @Test
    void anExpiredRecordIsForgotten() {
        run("k", BODY, 201);
        store.now = T0.plus(IdempotentRequests.RETENTION);

        assertThat(run("k", OTHER_BODY, 201).kind()).isEqualTo(EXECUTED);
    }

    @Test
    void ourOwnClaimComingBackFromARetriedWriteStillRuns() {
        store.loseClaimResponse = true;

        assertThat(run("k", BODY, 201).kind()).isEqualTo(EXECUTED);
        assertThat(runs).hasSize(1);
    }

    @Test
    void theWriteTokenIsStableFor36CharactersAndDiffersByScopeKeyAndBody() {
        String token = requests().writeToken(SCOPE, "k", BODY);

        assertThat(token).hasSize(36).isEqualTo(requests().writeToken(SCOPE, "k", BODY.clone()));
        assertThat(List.of(requests().writeToken(Tenant.account("42"), "k", BODY),
                requests().writeToken(SCOPE, "k2", BODY),
                requests().writeToken(SCOPE, "k", OTHER_BODY))).doesNotContain(token).doesNotHaveDuplicates();
    }

    @Test
    void anActionThatThrowsReleasesTheKeySoTheRetryRuns() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> requests().execute(SCOPE, "k", BODY,
                Deadline.after(Duration.ofSeconds(10)), token -> {
                    throw new IllegalStateException("bug");
                }, response -> (IdempotentRequests.Answer) response)).isInstanceOf(IllegalStateException.class);

        assertThat(run("k", BODY, 201).kind()).isEqualTo(EXECUTED);
    }

    @Test
    void organizationScopeIgnoresTheCaseOfItsUuids() {
        assertThat(Tenant.organization("6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B",
                "0B9A8C7D-6E5F-4A3B-9C2D-1E0F9A8B7C6D"))
                .isEqualTo(Tenant.organization("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                        "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"));
    }

    /** Finding 1 of issue #23: the record's fingerprint and the write token were digests anyone could recompute. */
    @Test
    void neitherTheFingerprintNorTheWriteTokenIsADigestAnyoneCanRecomputeFromAGuess() throws Exception {
        run("k", BODY, 201);
        String fingerprint = store.records.values().iterator().next().fingerprint();
        byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(BODY);
        assertThat(fingerprint).isNotIn(java.util.HexFormat.of().formatHex(sha256),
                java.util.Base64.getEncoder().encodeToString(sha256),
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha256));
        assertThat(fingerprint).doesNotContain(java.util.HexFormat.of().formatHex(sha256));
        String digestToken = java.util.UUID.nameUUIDFromBytes((store.scopeOf(SCOPE) + "\nk\n"
                + java.util.HexFormat.of().formatHex(sha256)).getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(runs).containsExactly(requests().writeToken(SCOPE, "k", BODY)).doesNotContain(digestToken);
        // The same request under another service key (another deployment) has another fingerprint and token.
        IdempotentRequests elsewhere = new IdempotentRequests(new MemoryStore(), Clock.systemUTC(),
                ServiceMacKey.ephemeral());
        assertThat(elsewhere.fingerprint(BODY)).isNotEqualTo(fingerprint);
        assertThat(elsewhere.writeToken(SCOPE, "k", BODY)).isNotEqualTo(runs.get(0));
    }

    @Test
    void aRecordFromBeforeTheMacIsStillReplayedForItsOwnBodyAndRefusedForAnother() {
        store.records.put(store.scopeOf(SCOPE) + "#k", new IdempotencyRecord(store.scopeOf(SCOPE), "k",
                IdempotentRequests.legacyFingerprint(BODY), "old-claim", IdempotencyRecord.State.COMPLETED,
                T0.minusSeconds(60), T0.plus(IdempotentRequests.RETENTION), 201, "old answer"));

        var repeat = run("k", BODY, 201);
        assertThat(repeat.kind()).isEqualTo(REPLAYED);
        assertThat(repeat.replayed()).isEqualTo(new IdempotentRequests.Answer(201, "old answer"));
        assertThat(run("k", OTHER_BODY, 201).kind()).isEqualTo(KEY_REUSED);
        assertThat(runs).isEmpty();
    }

    @Test
    void withoutTheServiceKeyNothingIsClaimedAndNothingRuns() {
        IdempotentRequests keyless = new IdempotentRequests(store, Clock.fixed(store.now, ZoneOffset.UTC),
                new ServiceMacKey(() -> {
                    throw new IllegalStateException("KMS refused");
                }, Clock.systemUTC()));

        var outcome = keyless.execute(SCOPE, "k", BODY, Deadline.after(Duration.ofSeconds(10)),
                token -> new IdempotentRequests.Answer(201, "x"), response -> response);

        assertThat(outcome.kind()).isEqualTo(UNAVAILABLE);
        assertThat(store.records).isEmpty();
    }
}

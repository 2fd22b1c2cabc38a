package dev.sipcredentials.http;

import dev.sipcredentials.auth.RequestClaims;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.provisioning.Deadline;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.util.function.Function;

/**
 * One request as a route receives it, every shared check passed: the granted tenant, the read body, the answer
 * deadline, and the Idempotency-Key machinery ({@link #once}).
 *
 * @param <T> what the body reads as ({@code Void} without a body)
 */
public final class Call<T> {
    private final RouteSpec<T> spec;
    private final HttpRequest request;
    private final String requestId;
    private final Tenant tenant;
    private final byte[] rawBody;
    private final T body;
    private final Deadline deadline;
    private final String idempotencyKey;
    private final IdempotentRequests idempotent;
    private final String caller;

    Call(RouteSpec<T> spec, HttpRequest request, String requestId, Tenant tenant, byte[] rawBody, T body,
         Deadline deadline, String idempotencyKey, IdempotentRequests idempotent, String caller) {
        this.caller = caller;
        this.spec = spec;
        this.request = request;
        this.requestId = requestId;
        this.tenant = tenant;
        this.rawBody = rawBody;
        this.body = body;
        this.deadline = deadline;
        this.idempotencyKey = idempotencyKey;
        this.idempotent = idempotent;
    }

    /** A write the route does: the write token to mark its items with, and the deadline its writes must end by. */
    public record Write(String token, Deadline deadline) {
    }

    public String requestId() {
        return requestId;
    }

    /** Who is calling, for the audit trail ({@link RequestClaims#caller}); null when the token names nobody. */
    public String caller() {
        return caller;
    }

    public Tenant tenant() {
        return tenant;
    }

    public T body() {
        return body;
    }

    /** The decoded body bytes (empty without a body). */
    public byte[] rawBody() {
        return rawBody;
    }

    public String pathParameter(String name) {
        return request.pathParameter(name);
    }

    public String queryParameter(String name) {
        return request.queryParameter(name);
    }

    public String header(String name) {
        return request.header(name);
    }

    /**
     * The domain name the client called, as API Gateway reports it ({@code requestContext.domainName}: the
     * execute-api or custom domain); null when the event has none (hand-written events).
     */
    public String domainName() {
        var context = request.event().getRequestContext();
        return context == null ? null : context.getDomainName();
    }

    /** When the answer must be ready ({@link TimeBudget#answerDeadline}). */
    public Deadline deadline() {
        return deadline;
    }

    public Dialect dialect() {
        return spec.dialect();
    }

    /** True when the request carries a (valid) Idempotency-Key. */
    public boolean isKeyed() {
        return idempotencyKey != null;
    }

    /**
     * The write token every run of this key and fingerprint uses, known before the write (a route can derive ids
     * from it, so a rerun answers as the first run did); null without an Idempotency-Key.
     */
    public String keyedWriteToken() {
        return idempotencyKey == null ? null : idempotent.writeToken(tenant, idempotencyKey, fingerprint());
    }

    /**
     * Runs {@code write} at most once per tenant and Idempotency-Key, the way {@code makeIdempotent} wraps a plain
     * function: without a key it simply runs, with {@code unkeyedToken} and the whole deadline; with one, the key is
     * claimed first, the write gets the key's token and a deadline that leaves time to record its answer, and a
     * repeat replays that answer (marked {@code replayed}) instead of running. A key in use, reused with another
     * fingerprint, or that could not be claimed is refused in the route's dialect; nothing runs then.
     */
    public Reply once(String unkeyedToken, Function<Write, Reply> write) {
        return once(unkeyedToken, write, AS_SENT);
    }

    /**
     * How a route's answer is kept for replay. The default keeps the body as sent; a route whose answer echoes
     * secrets (Bandwidth's Hash1/Hash1b) keeps what decides the answer instead (per-entry outcomes and codes) and
     * rebuilds the body at replay from the request, which is byte-identical (its fingerprint matched).
     *
     * @param <R> what the route's write produces
     */
    public interface Replayable<R> {
        /** The answer on the wire. */
        Reply reply(R result);

        /** What the idempotency record keeps of it: never a secret. */
        String kept(R result, Reply reply);

        /** The first answer again, from {@link #kept} and this (byte-identical) request. */
        Reply replay(int status, String kept);
    }

    private static final Replayable<Reply> AS_SENT = new Replayable<>() {
        @Override
        public Reply reply(Reply result) {
            return result;
        }

        @Override
        public String kept(Reply result, Reply reply) {
            return reply.body();
        }

        @Override
        public Reply replay(int status, String kept) {
            return Reply.of(status, kept, "replayed");
        }
    };

    /** The answer sent, and what its idempotency record keeps. */
    private record Answered(Reply reply, String kept) {
    }

    /** As {@link #once(String, Function)}, the answer kept and replayed as {@code replayable} says. */
    public <R> Reply once(String unkeyedToken, Function<Write, R> write, Replayable<R> replayable) {
        if (idempotencyKey == null) {
            return replayable.reply(write.apply(new Write(unkeyedToken, deadline)));
        }
        Deadline writes = TimeBudget.keyedWrites(deadline);
        IdempotentRequests.Outcome<Answered> keyed = idempotent.execute(tenant, idempotencyKey, fingerprint(),
                TimeBudget.records(deadline), token -> {
                    R result = write.apply(new Write(token, writes));
                    Reply reply = replayable.reply(result);
                    return new Answered(reply, replayable.kept(result, reply));
                },
                answered -> new IdempotentRequests.Answer(answered.reply().status(), answered.kept()));
        return switch (keyed.kind()) {
            case EXECUTED -> keyed.recorded() ? keyed.result().reply()
                    : keyed.result().reply().withOutcome(keyed.result().reply().outcome()
                    + " idempotency-record-not-written");
            case REPLAYED -> {
                Reply replayed = replayable.replay(keyed.replayed().status(), keyed.replayed().body());
                yield new Reply(replayed.status(), replayed.body(), "replayed", true);
            }
            case KEY_REUSED -> spec.dialect().refuse(Refusal.IDEMPOTENCY_KEY_REUSED, requestId);
            case IN_PROGRESS -> spec.dialect().refuse(Refusal.IDEMPOTENCY_IN_PROGRESS, requestId);
            case UNAVAILABLE -> spec.dialect().refuse(Refusal.IDEMPOTENCY_UNAVAILABLE, requestId);
        };
    }

    private byte[] fingerprint() {
        byte[] own = spec.fingerprint().of(rawBody, body);
        if (spec.fingerprintPath().isEmpty()) {
            return own;
        }
        StringBuilder path = new StringBuilder();
        for (String name : spec.fingerprintPath()) {
            String value = request.pathParameter(name);
            path.append('\n').append(name).append('=')
                    .append(value == null ? "" : value.toLowerCase(java.util.Locale.ROOT));
        }
        byte[] tail = path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] both = java.util.Arrays.copyOf(own, own.length + tail.length);
        System.arraycopy(tail, 0, both, own.length, tail.length);
        return both;
    }
}

package dev.sipcredentials.http;

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

    Call(RouteSpec<T> spec, HttpRequest request, String requestId, Tenant tenant, byte[] rawBody, T body,
         Deadline deadline, String idempotencyKey, IdempotentRequests idempotent) {
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
        if (idempotencyKey == null) {
            return write.apply(new Write(unkeyedToken, deadline));
        }
        Deadline writes = TimeBudget.keyedWrites(deadline);
        IdempotentRequests.Outcome<Reply> keyed = idempotent.execute(tenant, idempotencyKey, fingerprint(),
                TimeBudget.records(deadline), token -> write.apply(new Write(token, writes)),
                reply -> new IdempotentRequests.Answer(reply.status(), reply.body()));
        return switch (keyed.kind()) {
            case EXECUTED -> keyed.recorded() ? keyed.result()
                    : keyed.result().withOutcome(keyed.result().outcome() + " idempotency-record-not-written");
            case REPLAYED -> new Reply(keyed.replayed().status(), keyed.replayed().body(), "replayed", true);
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

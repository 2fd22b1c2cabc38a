package dev.sipcredentials.http;

import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;
import java.util.List;

/**
 * What a route declares about itself; {@link Route} does the rest. Immutable: each method returns a new spec.
 *
 * <pre>{@code
 * RouteSpec.of(dialect, TenantKind.ACCOUNT)
 *         .body(4 * 1024 * 1024, reader, "application/xml", "text/xml")
 *         .idempotent(Fingerprint.rawBody())
 *         .budget(TimeBudget.MAX_REQUEST_TIME)
 * }</pre>
 *
 * @param <T> what the route's body reads as ({@code Void} for routes without a body)
 */
public record RouteSpec<T>(Dialect dialect, TenantKind tenant, List<String> mediaTypes, int maxBodyBytes,
                           BodyReader<T> reader, Fingerprint<T> fingerprint, Duration budget,
                           List<String> fingerprintPath, Cost<T> cost) {

    /**
     * What a request costs in its tenant's rate limit ({@link TenantRateLimit}): the work it asks for, so that one
     * 5,000-entry batch weighs as 5,000 single creates. Read once the body is, before anything is stored.
     */
    @FunctionalInterface
    public interface Cost<T> {
        long of(Call<T> call);

        /** Every request costs 1. */
        static <T> Cost<T> one() {
            return call -> 1;
        }

        /**
         * The number in query parameter {@code name} (a page size), {@code absent} without it, at most {@code max};
         * 1 when it is not a number (the route refuses such a request itself).
         */
        static <T> Cost<T> queryNumber(String name, int absent, int max) {
            return call -> {
                String text = call.queryParameter(name);
                if (text == null) {
                    return absent;
                }
                if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return 1;
                }
                return Math.max(1, Math.min(max, Integer.parseInt(text)));
            };
        }
    }

    /** Reads a request body (already decoded, within its limit) into what the route works on. */
    @FunctionalInterface
    public interface BodyReader<T> {
        /** @throws Reply.Refused with the dialect's answer when the body is not what the route takes */
        T read(byte[] body, String requestId) throws Reply.Refused;
    }

    /**
     * What identifies "the same request" for an Idempotency-Key: a repeat with the same key and fingerprint replays
     * the first answer, another fingerprint is refused. Must hold no secret (it is hashed into the table).
     */
    @FunctionalInterface
    public interface Fingerprint<T> {
        byte[] of(byte[] rawBody, T body);

        /** The body exactly as received. */
        static <T> Fingerprint<T> rawBody() {
            return (raw, body) -> raw;
        }
    }

    /** A route without a body or Idempotency-Key, answering within API Gateway's limit. */
    public static RouteSpec<Void> of(Dialect dialect, TenantKind tenant) {
        return new RouteSpec<>(dialect, tenant, List.of(), 0, null, null, TimeBudget.MAX_REQUEST_TIME, List.of(),
                Cost.one());
    }

    /** Takes a body of one of {@code mediaTypes} (UTF-8 or no charset), at most {@code maxBytes} once decoded. */
    @SuppressWarnings("unchecked")
    public <B> RouteSpec<B> body(int maxBytes, BodyReader<B> reader, String... mediaTypes) {
        return new RouteSpec<>(dialect, tenant, List.of(mediaTypes), maxBytes, reader, (Fingerprint<B>) fingerprint,
                budget, fingerprintPath, (Cost<B>) cost);
    }

    /** Honours an Idempotency-Key header (checked for syntax on every request; see {@link Call#once}). */
    public RouteSpec<T> idempotent(Fingerprint<T> fingerprint) {
        return new RouteSpec<>(dialect, tenant, mediaTypes, maxBodyBytes, reader, fingerprint, budget, fingerprintPath, cost);
    }

    /**
     * Honours an Idempotency-Key on a route that names what it acts on in its path (a DELETE of one id): the
     * fingerprint is the route's own name and these path parameters (lower-cased, as ids are), so the same key
     * reused for another id is refused, not replayed with the first id's answer.
     */
    public RouteSpec<T> idempotentOnPath(String routeName, String... pathParameters) {
        byte[] name = routeName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new RouteSpec<>(dialect, tenant, mediaTypes, maxBodyBytes, reader, (raw, body) -> name, budget,
                List.of(pathParameters), cost);
    }

    /**
     * Honours an Idempotency-Key on a route with a body that names what it acts on in its path (a PUT of one id): the
     * fingerprint is {@code fingerprint}'s and these path parameters (lower-cased, as ids are), so the same key and
     * body sent for another id is refused, not replayed with the first id's answer.
     */
    public RouteSpec<T> idempotent(Fingerprint<T> fingerprint, String... pathParameters) {
        return new RouteSpec<>(dialect, tenant, mediaTypes, maxBodyBytes, reader, fingerprint, budget,
                List.of(pathParameters), cost);
    }

    /** The longest the route may take to answer (the Lambda's remaining time may end it sooner). */
    public RouteSpec<T> budget(Duration budget) {
        return new RouteSpec<>(dialect, tenant, mediaTypes, maxBodyBytes, reader, fingerprint, budget, fingerprintPath, cost);
    }

    /** What a request of this route costs in its tenant's rate limit (1 unless declared). */
    public RouteSpec<T> cost(Cost<T> cost) {
        return new RouteSpec<>(dialect, tenant, mediaTypes, maxBodyBytes, reader, fingerprint, budget, fingerprintPath,
                cost);
    }

    public boolean hasBody() {
        return reader != null;
    }

    public boolean isIdempotent() {
        return fingerprint != null;
    }
}

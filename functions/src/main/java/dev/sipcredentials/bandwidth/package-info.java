/**
 * The Bandwidth-compatible XML API: one small handler per route (its {@code RouteSpec} and wiring), the route's logic
 * ({@link dev.sipcredentials.bandwidth.CreateSipCredentials}), the dialect (XML {@code <ResponseStatus>} and the
 * {@link dev.sipcredentials.bandwidth.BandwidthError} codes), the hardened XML reader, the writer and the per-entry rules.
 */
package dev.sipcredentials.bandwidth;

/**
 * The deepslate-compatible JSON API: one small handler per route, the route's logic
 * ({@link dev.sipcredentials.deepslate.CreateSipCredential}), the dialect (the {@code success/timestamp/message/data/
 * traceId} wrapper with {@code code}), the strict JSON reading and field rules, host canonicalisation.
 */
package dev.sipcredentials.deepslate;

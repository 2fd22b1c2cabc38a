/**
 * Idempotency-Keys: a write runs at most once per tenant and key, its answer kept and replayed
 * ({@link dev.sipcredentials.idempotency.IdempotentRequests}); the port to where records are kept
 * ({@link dev.sipcredentials.idempotency.IdempotencyStore}). Knows tenants, keys and answers, not HTTP headers or
 * table keys.
 */
package dev.sipcredentials.idempotency;

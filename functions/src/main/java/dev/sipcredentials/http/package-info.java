/**
 * The request pipeline every route runs through ({@link dev.sipcredentials.http.Route}): timer and request id, the
 * catch-all to the API's own 500, one log line, the refusals in one order (tenant grant, tenant path, media type,
 * Idempotency-Key syntax, body size and base64, body reader), the answer deadline, Idempotency-Key and its replay
 * header. A route declares a {@link dev.sipcredentials.http.RouteSpec}, receives a {@link dev.sipcredentials.http.Call}
 * and returns a {@link dev.sipcredentials.http.Reply}; each API answers in its {@link dev.sipcredentials.http.Dialect}.
 * Plain Java: no framework, no reflection.
 */
package dev.sipcredentials.http;

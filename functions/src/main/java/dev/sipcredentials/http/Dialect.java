package dev.sipcredentials.http;

import java.util.Map;

/** One API's way of answering: its name in the log, its media type, its error format and codes. */
public interface Dialect {

    /** The {@code api} field of the request's log line. */
    String api();

    /** The Content-Type of every answer. */
    String contentType();

    /** The answer to a refusal the pipeline makes. */
    Reply refuse(Refusal refusal, String requestId);

    /** The API's own 500: a route threw. Says nothing about why. */
    Reply internalError(String requestId);

    /**
     * Checks the tenant's path parameters once the token is known to grant them (so a caller learns nothing about
     * a tenant it may not see, not even whether its id is well-formed).
     *
     * @return the refusal, or null when the path names a valid tenant
     */
    Reply checkTenantPath(TenantKind kind, Map<String, String> pathParameters, String requestId);
}

/**
 * Which tenants a caller's token grants ({@link dev.sipcredentials.auth.TenantGrant}), read from the JWT claims API
 * Gateway's JWT authorizer verified. Knows claims, not routes.
 */
package dev.sipcredentials.auth;

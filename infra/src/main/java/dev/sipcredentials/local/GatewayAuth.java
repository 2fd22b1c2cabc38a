package dev.sipcredentials.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What stands between a matched route and its function. With a JWT authorizer in template.yaml the local stack checks
 * tokens as API Gateway would ({@link LocalJwtAuthorizer}); with {@code --no-auth} it lets every request through and
 * hands the function claims granting exactly the tenant in the path, so the functions (which fail closed without
 * claims, as deployed) still serve; a template without an authorizer gets no claims at all.
 */
final class GatewayAuth {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** {@code claims} null means: no authorizer context in the event. */
  record Decision(boolean authorized, Map<String, String> claims) {}

  private final LocalJwtAuthorizer jwt;
  private final boolean disabled;

  private GatewayAuth(LocalJwtAuthorizer jwt, boolean disabled) {
    this.jwt = jwt;
    this.disabled = disabled;
  }

  static GatewayAuth none() {
    return new GatewayAuth(null, false);
  }

  static GatewayAuth jwt(LocalJwtAuthorizer authorizer) {
    return new GatewayAuth(authorizer, false);
  }

  static GatewayAuth disabled() {
    return new GatewayAuth(null, true);
  }

  /** The request header holding the token, lower case; null when nothing is checked. */
  String header() {
    return jwt == null ? null : jwt.config().header();
  }

  String describe() {
    if (jwt != null) {
      return "JWT authorizer " + jwt.config().name() + " (iss " + jwt.config().issuer() + ", aud "
          + String.join(",", jwt.config().audiences()) + ")";
    }
    return disabled ? "OFF (--no-auth): every request gets claims granting the tenant in its path" : "none in template";
  }

  Decision authorize(String headerValue, Map<String, String> pathParameters) {
    if (jwt != null) {
      return jwt.verify(headerValue).map(claims -> new Decision(true, claims)).orElse(new Decision(false, null));
    }
    if (!disabled) {
      return new Decision(true, null);
    }
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("sub", "local-no-auth");
    String account = pathParameters.get("accountId");
    // A JSON array, not the flattened "[a b]": it carries any path value exactly, even one with a space; the
    // function's grant then refuses a malformed id (403) as it would a real token naming one.
    if (account != null) {
      claims.put(LocalJwtAuthorizer.ACCOUNTS_CLAIM, jsonArray(account));
    }
    String vendor = pathParameters.get("vendorId");
    String organization = pathParameters.get("organizationId");
    if (vendor != null && organization != null) {
      claims.put(LocalJwtAuthorizer.ORGANIZATIONS_CLAIM, jsonArray(vendor + "/" + organization));
    }
    return new Decision(true, claims);
  }

  private static String jsonArray(String value) {
    return JSON.createArrayNode().add(value).toString();
  }
}

package dev.sipcredentials.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * API Gateway's JWT authorizer, emulated with the local stack's own RSA key: a token must be an RS256 JWS whose
 * {@code kid} names that key and whose signature it verifies, unexpired ({@code exp} required, {@code nbf} and
 * {@code iat} not in the future), with the template's issuer and one of its
 * audiences. Verified claims reach the function the way HTTP APIs hand them over: every value a string, arrays
 * flattened to {@code "[a b]"}. Also issues development tokens for the {@code sip:*} claims the functions read.
 */
public final class LocalJwtAuthorizer {

    public static final String ACCOUNTS_CLAIM = "sip:accounts";
    public static final String ORGANIZATIONS_CLAIM = "sip:organizations";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtAuthorizerConfig config;
    private final RSAKey key;
    private final RSASSAVerifier verifier;
    private final Clock clock;

    public LocalJwtAuthorizer(JwtAuthorizerConfig config, RSAKey key, Clock clock) {
        this.config = config;
        this.key = key;
        this.clock = clock;
        try {
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("Unusable signing key", e);
        }
    }

    public JwtAuthorizerConfig config() {
        return config;
    }

    /** The longest a development token may live ({@code token --hours}): a bearer secret nothing can revoke. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    /** A development token for these tenants; organizations as {@code vendorId/organizationId}. */
    public String issue(Collection<String> accounts, Collection<String> organizations, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a development token lives at most " + MAX_LIFETIME.toHours() + " h");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(config.issuer())
                .audience(config.audiences().get(0))
                .subject("local-developer")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor)));
        if (!accounts.isEmpty()) {
            claims.claim(ACCOUNTS_CLAIM, List.copyOf(accounts));
        }
        if (!organizations.isEmpty()) {
            claims.claim(ORGANIZATIONS_CLAIM, List.copyOf(organizations));
        }
        return sign(claims.build());
    }

    /** Signs any claims with the local key; tests use it for expired or foreign-audience tokens. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** The claims to hand to the function, or empty when API Gateway would answer 401. */
    public Optional<Map<String, String>> verify(String headerValue) {
        return Optional.ofNullable(check(headerValue).claims());
    }

    /**
     * The authorizer's decision: the flattened claims, or why not. {@code description} is the {@code error_description}
     * API Gateway puts in {@code www-authenticate} (null when no token was sent); {@code logNote} says more, for the
     * local log line only (never sent to the client).
     */
    public record Verdict(Map<String, String> claims, String description, String logNote) {
        static Verdict refused(String description, String logNote) {
            return new Verdict(null, description, logNote);
        }
    }

    public Verdict check(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return Verdict.refused(null, "no token (header " + config.header() + " missing)");
        }
        if (headerValue.length() > 16 * 1024) {
            return Verdict.refused("the token is malformed", "token over 16 KiB");
        }
        String token = headerValue.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // As API Gateway: the kid must name a key of the issuer (here: the one local key), then the signature.
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return Verdict.refused("the token signature is invalid", "algorithm " + jwt.getHeader().getAlgorithm()
                        + ", not RS256");
            }
            if (!key.getKeyID().equals(jwt.getHeader().getKeyID())) {
                return Verdict.refused("signing key not found", "token signed by another key (kid "
                        + jwt.getHeader().getKeyID() + "; this stack's key is " + key.getKeyID()
                        + "): it was made with another state directory; get a new one from this stack's banner or `token`");
            }
            if (!jwt.verify(verifier)) {
                return Verdict.refused("the token signature is invalid", "signature does not verify with this stack's key");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date now = Date.from(clock.instant());
            if (claims.getExpirationTime() == null) {
                return Verdict.refused("the token has no expiration", "no exp claim");
            }
            if (!claims.getExpirationTime().after(now)) {
                return Verdict.refused("the token has expired", "expired at " + claims.getExpirationTime().toInstant());
            }
            if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)
                    || claims.getIssueTime() != null && claims.getIssueTime().after(now)) {
                return Verdict.refused("the token is not valid yet", "nbf or iat in the future");
            }
            if (!config.issuer().equals(claims.getIssuer())) {
                return Verdict.refused("the token does not have a valid issuer", "iss " + claims.getIssuer()
                        + ", expected " + config.issuer());
            }
            List<String> audience = claims.getAudience();
            if (audience == null || audience.isEmpty()) {
                // API Gateway falls back to client_id when aud is absent.
                Object clientId = claims.getClaim("client_id");
                audience = clientId == null ? List.of() : List.of(clientId.toString());
            }
            if (audience.stream().noneMatch(config.audiences()::contains)) {
                // The one text AWS documents (http-api-troubleshooting-jwt.html); the others follow its form.
                return Verdict.refused("the token does not have a valid audience", "aud " + audience + ", expected one of "
                        + config.audiences());
            }
            return new Verdict(flatten(claims), null, null);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Verdict.refused("the token is malformed", "not a signed JWT");
        }
    }

    /** HTTP APIs stringify claims: numbers and dates as text, arrays as "[a b]". */
    static Map<String, String> flatten(JWTClaimsSet claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : claims.toJSONObject().entrySet()) {
            flat.put(claim.getKey(), flatValue(claim.getValue()));
        }
        return flat;
    }

    private static String flatValue(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(LocalJwtAuthorizer::flatValue).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return JSON.writeValueAsString(map);
            } catch (Exception e) {
                return String.valueOf(map);
            }
        }
        return String.valueOf(value);
    }
}

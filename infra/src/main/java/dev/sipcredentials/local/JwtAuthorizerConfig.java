package dev.sipcredentials.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JWT authorizer template.yaml puts in front of its HttpApi ({@code Auth.DefaultAuthorizer} naming an entry of
 * {@code Auth.Authorizers} with a {@code JwtConfiguration}): issuer, audiences and the header the token comes in.
 * {@code Ref}s to template parameters resolve to their defaults, which is what the local stack's tokens carry; of an
 * {@code Fn::If}, the branch that resolves so.
 */
public record JwtAuthorizerConfig(String name, String issuer, List<String> audiences, String header) {

    public JwtAuthorizerConfig {
        audiences = List.copyOf(audiences);
    }

    /** The first HttpApi's default JWT authorizer, if the template declares one. */
    public static Optional<JwtAuthorizerConfig> fromTemplate(Path template) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(template.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + template, e);
        }
        JsonNode parameters = root.path("Parameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Resources").fields(); it.hasNext(); ) {
            JsonNode resource = it.next().getValue();
            if (!"AWS::Serverless::HttpApi".equals(resource.path("Type").asText())) {
                continue;
            }
            JsonNode auth = resource.path("Properties").path("Auth");
            String name = auth.path("DefaultAuthorizer").asText("");
            JsonNode authorizer = auth.path("Authorizers").path(name);
            JsonNode jwt = authorizer.path("JwtConfiguration");
            if (name.isEmpty() || !jwt.isObject()) {
                continue;
            }
            String issuer = resolve(jwt.path("issuer"), parameters);
            List<String> audiences = new ArrayList<>();
            for (JsonNode audience : jwt.path("audience")) {
                String value = resolve(audience, parameters);
                if (value != null) {
                    audiences.add(value);
                }
            }
            if (issuer == null || audiences.isEmpty()) {
                throw new IllegalArgumentException("JWT authorizer " + name + " needs an issuer and an audience that resolve"
                        + " locally (literal values or Refs to parameters with a Default)");
            }
            String source = authorizer.path("IdentitySource").asText("$request.header.Authorization");
            String prefix = "$request.header.";
            String header = source.startsWith(prefix) ? source.substring(prefix.length()) : "Authorization";
            return Optional.of(new JwtAuthorizerConfig(name, issuer, audiences, header.toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    private static String resolve(JsonNode value, JsonNode parameters) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isObject() && value.has("Ref")) {
            JsonNode parameter = parameters.path(value.get("Ref").asText());
            return parameter.has("Default") ? parameter.get("Default").asText() : null;
        }
        if (value.isObject() && value.path("Fn::If").size() == 3) {
            // [condition, then, else]: a resource of the deployed stack (its Cognito user pool) cannot exist locally,
            // so the branch that resolves here, the Ref to a parameter, is what local tokens carry.
            JsonNode branches = value.get("Fn::If");
            String otherwise = resolve(branches.get(2), parameters);
            return otherwise != null ? otherwise : resolve(branches.get(1), parameters);
        }
        return null;
    }
}

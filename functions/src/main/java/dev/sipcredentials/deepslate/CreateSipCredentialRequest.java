package dev.sipcredentials.deepslate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.http.Utf8;
import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.UsernameText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The body and path of a create request, read and checked against the documented rules. Reports every
 * offending field at once so a client can fix them in one round.
 */
final class CreateSipCredentialRequest {
    static final int MAX_USERNAME_LENGTH = 128;
    static final int MAX_PASSWORD_LENGTH = 256;
    static final int DEFAULT_MAX_AGENT_TASKS = 10;
    static final String FORMAT_CHARACTERS =
            "must not contain format or bidi control characters (Unicode category Cf, e.g. U+200B, U+202E)";
    private static final Set<String> FIELDS = Set.of("hostname", "port", "username", "password", "maxAgentTasks");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(100)
                    .maxStringLength(64 * 1024)
                    .build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private CreateSipCredentialRequest() {
    }

    /** The body is not a JSON object: nothing in it can be checked field by field. */
    static final class MalformedJsonException extends Exception {
        MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }

    /** Either {@code credential} or a non-empty {@code errors}. */
    record Checked(OrganizationCredential credential, List<FieldError> errors) {
    }

    /** A credential id in a path: the canonical 8-4-4-4-12 form only (UUID.fromString takes "1-1-1-1-1"). */
    static boolean isUuid(String text) {
        return text != null && UUID_FORM.matcher(text).matches();
    }

    /** The SIP login of a stored credential, its host canonicalised as at create (to name its guard). */
    static SipServerLogin loginOf(String hostname, int port, String username) {
        return new SipServerLogin(hostname, SipServerHost.canonical(hostname), port, username);
    }

    static List<FieldError> checkPath(String vendorId, String organizationId) {
        List<FieldError> errors = new ArrayList<>(2);
        if (vendorId == null || !UUID_FORM.matcher(vendorId).matches()) {
            errors.add(new FieldError("vendorId", "must be a UUID"));
        }
        if (organizationId == null || !UUID_FORM.matcher(organizationId).matches()) {
            errors.add(new FieldError("organizationId", "must be a UUID"));
        }
        return errors;
    }

    static JsonNode parse(byte[] body) throws MalformedJsonException {
        if (!Utf8.isValid(body)) {
            throw new MalformedJsonException("The request body is not valid UTF-8");
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            if (root == null) {
                throw new MalformedJsonException("The request body is empty");
            }
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("The request body has content after the JSON value");
            }
        } catch (MalformedJsonException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Parser messages quote the input, which may hold the password: a fixed text instead.
            throw new MalformedJsonException(e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "The request body has a duplicate field" : "The request body is not valid JSON");
        }
        if (!root.isObject()) {
            throw new MalformedJsonException("The request body must be a JSON object");
        }
        return root;
    }

    /** The body as JSON text without its {@code password} field: what may be fingerprinted and stored. */
    static byte[] withoutPassword(JsonNode body) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = body.deepCopy();
        copy.remove("password");
        return copy.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Checked check(String vendorId, String organizationId, JsonNode body, UUID newId) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(printable(name), "is not a known field"));
            }
        }
        String hostname = requiredString(body, "hostname", errors);
        String canonicalHost = null;
        if (hostname != null) {
            canonicalHost = SipServerHost.canonical(hostname);
            if (canonicalHost == null) {
                errors.add(new FieldError("hostname",
                        "must be a DNS name or an IPv4/IPv6 address of at most " + SipServerHost.MAX_LENGTH + " characters"));
            }
        }
        Integer port = integer(body, "port", true, 1, 65535, errors);
        String username = requiredString(body, "username", errors);
        if (username != null && checkText("username", username, MAX_USERNAME_LENGTH, errors)
                && UsernameText.hasFormatCharacter(username)) {
            errors.add(new FieldError("username", FORMAT_CHARACTERS));
        }
        String password = requiredString(body, "password", errors);
        if (password != null) {
            checkText("password", password, MAX_PASSWORD_LENGTH, errors);
        }
        Integer maxAgentTasks = integer(body, "maxAgentTasks", false, 1, Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        SipServerLogin account = new SipServerLogin(hostname, canonicalHost, port, username);
        return new Checked(new OrganizationCredential(newId, UUID.fromString(vendorId), UUID.fromString(organizationId),
                account, password, maxAgentTasks == null ? DEFAULT_MAX_AGENT_TASKS : maxAgentTasks), List.of());
    }

    private static String requiredString(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        return value;
    }

    /** True when the value passed; otherwise one error for the field is added. */
    private static boolean checkText(String field, String value, int maxLength, List<FieldError> errors) {
        int before = errors.size();
        if (value.codePointCount(0, value.length()) > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        } else if (!Utf8.isCleanText(value)) {
            errors.add(new FieldError(field, "must be valid Unicode text (no unpaired surrogates or U+FFFD)"));
        } else if (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1))) {
            errors.add(new FieldError(field, "must not start or end with white space"));
        }
        return errors.size() == before;
    }

    private static Integer integer(JsonNode body, String field, boolean required, int min, int max,
                                   List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        // Only a JSON integer: "5060", 5060.0 and 5e3 are refused rather than coerced.
        if (!node.isIntegralNumber()) {
            errors.add(new FieldError(field, "must be an integer " + range));
            return null;
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            errors.add(new FieldError(field, "must be an integer " + range));
            return null;
        }
        return node.intValue();
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * Unknown field names are echoed so the client sees its typo, but only when they look like a field name:
     * anything else (a misplaced secret, say) is not repeated back.
     */
    private static String printable(String name) {
        return FIELD_NAME.matcher(name).matches() ? name : "(unrecognised field name)";
    }

    /** The body as a route reads it: malformed JSON is refused in deepslate's wrapper. */
    static JsonNode read(DeepslateDialect dialect, byte[] body, String traceId) throws Reply.Refused {
        try {
            return parse(body);
        } catch (MalformedJsonException e) {
            throw dialect.failure(DeepslateError.MALFORMED_JSON, e.getMessage(), null, traceId).refusal();
        }
    }

    /**
     * What identifies "the same request" for Idempotency-Key: the route's name, then the body without its password.
     * A hash of the password would sit in the table beside the username and host, open to offline guessing, and
     * undo its encryption at rest; so a repeat that differs only in the password replays the first answer.
     */
    static byte[] fingerprint(String routeName, JsonNode body) {
        byte[] name = routeName.getBytes(StandardCharsets.UTF_8);
        byte[] withoutPassword = withoutPassword(body);
        byte[] both = Arrays.copyOf(name, name.length + withoutPassword.length);
        System.arraycopy(withoutPassword, 0, both, name.length, withoutPassword.length);
        return both;
    }

    /** A SnapStart priming request of a route with this body: a valid one (port 5060), or refused (port 0). */
    static PrimingRequest priming(String routeKey, Map<String, String> path, int port, int expectedStatus) {
        String json = "{\"hostname\": \"sip.snapstart.invalid\", \"port\": " + port
                + ", \"username\": \"prime\", \"password\": \"prime-password\", \"maxAgentTasks\": 10}";
        return new PrimingRequest(routeKey, path, "application/json", json, false, expectedStatus);
    }
}

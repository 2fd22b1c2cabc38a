package dev.sipcredentials.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the JSON event an API Gateway HTTP API sends to a Lambda integration with payload format 2.0, following the
 * structure and rules in https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html:
 * header names lower-cased, duplicate headers and duplicate query parameters combined with commas, no multi-value
 * fields, cookies moved from the Cookie header(s) into {@code cookies}, path parameters URL-decoded, and the body
 * base64-encoded by content type and UTF-8 validity ({@link BodyEncoding}). Fields API Gateway leaves out when empty (cookies,
 * queryStringParameters, pathParameters, body) are left out here too.
 */
public final class HttpApiEventFactory {

    /** Local stand-ins for values only a deployed API has. */
    static final String API_ID = "localapi";
    static final String STAGE = "$default";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    // requestContext.time looks like "12/Mar/2020:19:03:58 +0000".
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEventFactory() {}

    /** What arrived on the socket, before API Gateway's transformations. Header names as sent, in order. */
    public record IncomingRequest(
            String method,
            String rawPath,
            String rawQueryString,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            String sourceIp,
            String protocol,
            int serverPort) {}

    /** API Gateway request ids are 16 characters of URL-safe base64, e.g. "JKJaXmPLvHcESHA=". */
    public static String newRequestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** An X-Ray style trace header, as API Gateway adds in x-amzn-trace-id. */
    static String newTraceId(Instant now) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }

    public static ObjectNode create(IncomingRequest request, RouteTable.Match match, String requestId, Instant now) {
        return create(request, match, requestId, now, null);
    }

    /**
     * @param jwtClaims the claims a JWT authorizer verified, already flattened to strings; null when the route has no
     *     authorizer (then the event has no {@code requestContext.authorizer})
     */
    public static ObjectNode create(IncomingRequest request, RouteTable.Match match, String requestId, Instant now,
            Map<String, String> jwtClaims) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : header.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
                continue;
            }
            headers.merge(name, header.getValue(), (a, b) -> a + "," + b);
        }
        // Headers API Gateway adds on its way to the integration.
        headers.merge("x-forwarded-for", request.sourceIp(), (a, b) -> a + ", " + b);
        headers.put("x-forwarded-port", Integer.toString(request.serverPort()));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", newTraceId(now));

        String contentType = headers.get("content-type");
        String rawQuery = request.rawQueryString() == null ? "" : request.rawQueryString();
        String routeKey = match.route().routeKey();

        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headersNode = event.putObject("headers");
        headers.forEach(headersNode::put);
        Map<String, String> query = queryStringParameters(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", SamTemplate.LOCAL_ACCOUNT_ID);
        context.put("apiId", API_ID);
        String domainName = domainName(headers.get("host"));
        if (jwtClaims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimsNode = jwt.putObject("claims");
            jwtClaims.forEach(claimsNode::put);
            jwt.putNull("scopes");
        }
        context.put("domainName", domainName);
        context.put("domainPrefix", domainPrefix(domainName));
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", STAGE);
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        byte[] body = request.body();
        boolean base64 = false;
        if (body != null && body.length > 0) {
            base64 = BodyEncoding.isBase64Encoded(contentType, body);
            event.put("body", base64
                    ? Base64.getEncoder().encodeToString(body)
                    : new String(body, StandardCharsets.UTF_8));
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode pathNode = event.putObject("pathParameters");
            match.pathParameters().forEach(pathNode::put);
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    static Map<String, String> queryStringParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return text;
        }
    }

    private static String domainName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return "localhost";
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) { // IPv6 literal
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String domainPrefix(String domainName) {
        boolean ipAddress = domainName.startsWith("[") || domainName.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        int dot = domainName.indexOf('.');
        return ipAddress || dot < 0 ? domainName : domainName.substring(0, dot);
    }
}

package dev.sipcredentials.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the route for a request the way API Gateway HTTP APIs do. From "Routing API requests" in
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html the best match wins, in
 * this order: full match for route and method; match with path variables; match with a greedy path variable
 * ({proxy+}); the $default route. A method-specific route beats ANY on the same path ("ANY matches all methods that
 * you haven't defined for a resource"). No match at all is a 404 {"message":"Not Found"}.
 */
public final class RouteTable {

    /** A route bound to the function that serves it. */
    public record Route(SamTemplate.HttpApiEvent event, String functionId, List<Segment> segments) {
        public String routeKey() {
            return event.routeKey();
        }

        boolean isDefault() {
            return event.isDefaultRoute();
        }

        boolean isGreedy() {
            return !segments.isEmpty() && segments.get(segments.size() - 1).greedy();
        }

        long literalSegments() {
            return segments.stream().filter(s -> s.variable() == null).count();
        }

        boolean matchesMethod(String method) {
            return "ANY".equals(event.method()) || event.method().equals(method);
        }
    }

    /** One path segment of a route template: a literal, a {variable} or a greedy {variable+}. */
    public record Segment(String literal, String variable, boolean greedy) {
        static Segment of(String text) {
            if (text.startsWith("{") && text.endsWith("}")) {
                String name = text.substring(1, text.length() - 1);
                boolean greedy = name.endsWith("+");
                return new Segment(null, greedy ? name.substring(0, name.length() - 1) : name, greedy);
            }
            return new Segment(text, null, false);
        }
    }

    /** The chosen route and the decoded values of its path variables (in template order). */
    public record Match(Route route, Map<String, String> pathParameters) {}

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static RouteTable from(SamTemplate template) {
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.HttpApiEvent event : function.httpApiEvents()) {
                if (!seen.add(event.routeKey())) {
                    throw new IllegalArgumentException("Route " + event.routeKey() + " is declared twice in template.yaml");
                }
                routes.add(new Route(event, function.logicalId(), parse(event)));
            }
        }
        return new RouteTable(routes);
    }

    private static List<Segment> parse(SamTemplate.HttpApiEvent event) {
        if (event.isDefaultRoute()) {
            return List.of();
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : splitPath(event.path())) {
            segments.add(Segment.of(part));
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).greedy()) {
                throw new IllegalArgumentException(
                        "Greedy path variable must be last (API Gateway rule): " + event.path());
            }
        }
        return segments;
    }

    public List<Route> routes() {
        return routes;
    }

    /** The best route for this method and raw (still percent-encoded) path, if any. */
    public Optional<Match> match(String method, String rawPath) {
        List<String> requestSegments = splitPath(rawPath);
        return routes.stream()
                .filter(route -> route.matchesMethod(method))
                .map(route -> tryMatch(route, requestSegments))
                .flatMap(Optional::stream)
                .min(Comparator
                        .comparing((Match m) -> m.route().isDefault())
                        .thenComparing(m -> m.route().isGreedy())
                        .thenComparing(m -> -m.route().literalSegments())
                        .thenComparing(m -> "ANY".equals(m.route().event().method())));
    }

    private static Optional<Match> tryMatch(Route route, List<String> request) {
        if (route.isDefault()) {
            return Optional.of(new Match(route, Map.of()));
        }
        List<Segment> template = route.segments();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            Segment segment = template.get(i);
            if (segment.greedy()) {
                // {proxy+} catches all child resources: at least one segment, the rest joined back with '/'.
                if (request.size() <= i) {
                    return Optional.empty();
                }
                List<String> rest = new ArrayList<>();
                for (String s : request.subList(i, request.size())) {
                    rest.add(decode(s));
                }
                parameters.put(segment.variable(), String.join("/", rest));
                return Optional.of(new Match(route, parameters));
            }
            if (i >= request.size()) {
                return Optional.empty();
            }
            String actual = request.get(i);
            if (segment.variable() != null) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                // "API Gateway decodes URL-encoded request parameters before passing them to your backend integration."
                parameters.put(segment.variable(), decode(actual));
            } else if (!segment.literal().equals(actual)) {
                return Optional.empty();
            }
        }
        return request.size() == template.size() ? Optional.of(new Match(route, parameters)) : Optional.empty();
    }

    private static List<String> splitPath(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }

    private static String decode(String segment) {
        // Path segments: '+' is a literal plus, not a space (that rule is for query strings only).
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return segment;
        }
    }
}

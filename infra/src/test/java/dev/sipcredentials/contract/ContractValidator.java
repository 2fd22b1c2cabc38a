package dev.sipcredentials.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Checks a response against the published contract, {@code api/openapi.yaml} and {@code api/sipcredentials.xsd}: the
 * route and status must be documented, the Content-Type one of that status's media types, the documented required
 * headers present and every documented header well-formed, a JSON body valid against its schema, an XML body valid
 * against the XSD, rooted at the element the media type names ({@code x-xsd-element}) and, read as the document's
 * {@code xml}-annotated schema describes it, valid against that schema (which carries the codes each status answers
 * with). An undocumented route may only get API Gateway's own 404.
 *
 * <p>The integration suites pass every response they receive through {@link #check}: a response the contract does
 * not describe fails the test that received it, with the reasons.
 */
public final class ContractValidator {

    public static final String OPENAPI_RESOURCE = "/api/openapi.yaml";
    public static final String XSD_RESOURCE = "/api/sipcredentials.xsd";
    private static final String DOCUMENT_URI = "https://contract.sipcredentials.local/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContractValidator INSTANCE = new ContractValidator();

    /** What a client observed; header names in any case. */
    public record Observed(String method, String rawPath, int status, Map<String, String> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final javax.xml.validation.Schema xsd;
    private final Set<String> xmlLists = new HashSet<>();
    private final Set<String> xmlIntegers = new HashSet<>();
    private final Set<String> xmlObjects = new HashSet<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ContractValidator() {
        try (InputStream in = resource(OPENAPI_RESOURCE)) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String documentJson = document.toString();
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT_URI, documentJson)));
        try (InputStream in = resource(XSD_RESOURCE)) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            xsd = factory.newSchema(new StreamSource(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalStateException("sipcredentials.xsd is not a valid XML Schema", e);
        }
        collectXmlShapes(document.path("components").path("schemas"));
    }

    public static ContractValidator instance() {
        return INSTANCE;
    }

    /** The parsed OpenAPI document (Jackson tree). */
    public JsonNode document() {
        return document;
    }

    /** Checks an HTTP response received from the local stack, and returns it. */
    public static <T> HttpResponse<T> check(HttpResponse<T> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
        Object body = response.body();
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : body == null ? "" : body.toString();
        INSTANCE.verify(new Observed(response.request().method(), response.uri().getRawPath(), response.statusCode(),
                headers, text));
        return response;
    }

    /** Invokes a handler as API Gateway would and checks its answer against the contract. */
    public static APIGatewayV2HTTPResponse invoke(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, APIGatewayV2HTTPEvent event,
            Context context) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        String method = event.getRouteKey() != null && event.getRouteKey().contains(" ")
                ? event.getRouteKey().substring(0, event.getRouteKey().indexOf(' '))
                : event.getRequestContext().getHttp().getMethod();
        return check(method, event.getRawPath(), response);
    }

    /** Checks a handler's answer to a request for {@code method rawPath} (as API Gateway would pass it on), and returns it. */
    public static APIGatewayV2HTTPResponse check(String method, String rawPath, APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        if (response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        INSTANCE.verify(new Observed(method, rawPath, response.getStatusCode(), headers, body));
        return response;
    }

    /** The reasons this response breaks the contract; empty when it keeps it. */
    public List<String> violations(Observed observed) {
        List<String> problems = new ArrayList<>();
        Optional<String> pathKey = pathOf(observed.rawPath());
        JsonNode operation = pathKey.map(p -> document.path("paths").path(p).path(observed.method().toLowerCase(Locale.ROOT)))
                .filter(JsonNode::isObject).orElse(null);
        if (operation == null) {
            // No route: API Gateway answers for itself, before any authorizer or function.
            if (observed.status() != 404 || !"{\"message\":\"Not Found\"}".equals(observed.body())) {
                problems.add("no documented route for " + observed.method() + " " + observed.rawPath()
                        + ", and the answer is not API Gateway's 404");
            }
            return problems;
        }
        String status = Integer.toString(observed.status());
        JsonNode response = operation.path("responses").path(status);
        String responsePointer = "/paths/" + escape(pathKey.get()) + "/" + observed.method().toLowerCase(Locale.ROOT)
                + "/responses/" + status;
        if (response.isMissingNode()) {
            problems.add("status " + status + " is not documented for " + observed.method() + " " + pathKey.get());
            return problems;
        }
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = resolve(response);
        }
        checkHeaders(response, observed, problems);
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!observed.body().isEmpty()) {
                problems.add("status " + status + " documents no body, got " + snippet(observed.body()));
            }
            return problems;
        }
        String contentType = observed.header("Content-Type");
        String mediaType = contentType == null ? null : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType == null || !content.has(mediaType)) {
            problems.add("Content-Type " + contentType + " is not documented for status " + status + " (documented: "
                    + fieldNames(content) + ")");
            return problems;
        }
        JsonNode media = content.get(mediaType);
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        if (media.has("x-xsd-element")) {
            checkXml(observed.body(), media.get("x-xsd-element").asText(), schemaPointer, problems);
        } else {
            JsonNode body;
            try {
                body = JSON.readTree(observed.body());
            } catch (IOException e) {
                problems.add("the body is not JSON: " + snippet(observed.body()));
                return problems;
            }
            if (body == null) {
                problems.add("the body is empty; status " + status + " documents " + mediaType);
                return problems;
            }
            validate(schemaPointer, body, problems);
        }
        return problems;
    }

    private void verify(Observed observed) {
        List<String> problems = violations(observed);
        if (!problems.isEmpty()) {
            throw new AssertionError("Response breaks the contract (api/openapi.yaml): " + observed.method() + " "
                    + observed.rawPath() + " -> " + observed.status() + "\n  " + String.join("\n  ", problems)
                    + "\n  body: " + snippet(observed.body()));
        }
    }

    /** The document's path template that API Gateway would route this raw path to. */
    public Optional<String> pathOf(String rawPath) {
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String regex = "^" + Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "$";
            if (rawPath.matches(regex)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    private void checkHeaders(JsonNode response, Observed observed, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode header = resolve(entry.getValue());
            String value = observed.header(entry.getKey());
            if (value == null) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("required header " + entry.getKey() + " is missing");
                }
                continue;
            }
            JsonNode schema = header.path("schema");
            if (schema.has("enum")) {
                boolean listed = false;
                for (JsonNode allowed : schema.get("enum")) {
                    listed |= allowed.asText().equals(value);
                }
                if (!listed) {
                    problems.add("header " + entry.getKey() + ": " + value + " is not one of " + schema.get("enum"));
                }
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value).find()) {
                problems.add("header " + entry.getKey() + ": " + value + " does not match " + schema.get("pattern").asText());
            }
            if (schema.has("minLength") && value.length() < schema.get("minLength").asInt()) {
                problems.add("header " + entry.getKey() + " is empty");
            }
        }
    }

    private void checkXml(String body, String rootElement, String schemaPointer, List<String> problems) {
        Document xml;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            xml = builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            problems.add("the body is not well-formed XML: " + e.getMessage());
            return;
        }
        if (!body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")) {
            problems.add("the body does not start with Bandwidth's XML declaration");
        }
        Element root = xml.getDocumentElement();
        if (!rootElement.equals(root.getLocalName())) {
            problems.add("root element " + root.getLocalName() + ", documented " + rootElement);
        }
        try {
            xsd.newValidator().validate(new DOMSource(xml));
        } catch (org.xml.sax.SAXException e) {
            problems.add("invalid against sipcredentials.xsd: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        validate(schemaPointer, xmlAsJson(root), problems);
    }

    /**
     * The reasons {@code instance} breaks the document's schema at {@code pointer} (e.g.
     * {@code /components/schemas/CreateSipCredentialRequest}); empty when the document allows it.
     */
    public List<String> violations(String pointer, JsonNode instance) {
        List<String> problems = new ArrayList<>();
        validate(pointer, instance, problems);
        return problems;
    }

    private void validate(String pointer, JsonNode instance, List<String> problems) {
        Schema schema = schemas.computeIfAbsent(pointer,
                p -> registry.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + URLEncoder.encode(p, StandardCharsets.UTF_8)
                        .replace("%2F", "/").replace("%7E", "~"))));
        for (Error error : schema.validate(instance.toString(), InputFormat.JSON)) {
            problems.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
    }

    /**
     * The XML body as the document's {@code xml}-annotated schemas read it: an element of children becomes an object,
     * a wrapped list ({@code xml.wrapped}) an array of its children, a leaf its text (a number where the schema says
     * integer).
     */
    JsonNode xmlAsJson(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        String name = element.getLocalName();
        if (xmlLists.contains(name)) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            children.forEach(c -> array.add(xmlAsJson(c)));
            return array;
        }
        if (children.isEmpty() && !xmlObjects.contains(name)) {
            String text = element.getTextContent();
            if (xmlIntegers.contains(name)) {
                try {
                    return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
                } catch (NumberFormatException notANumber) {
                    return JsonNodeFactory.instance.textNode(text);
                }
            }
            return JsonNodeFactory.instance.textNode(text);
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Element child : children) {
            String key = child.getLocalName();
            JsonNode value = xmlAsJson(child);
            if (object.has(key)) {
                // An unwrapped repetition (e.g. SipCredential in a request): an array, which a schema for one object refuses.
                JsonNode earlier = object.get(key);
                ArrayNode array = earlier.isArray() && !xmlLists.contains(key) ? (ArrayNode) earlier
                        : JsonNodeFactory.instance.arrayNode().add(earlier);
                array.add(value);
                object.set(key, array);
            } else {
                object.set(key, value);
            }
        }
        return object;
    }

    private void collectXmlShapes(JsonNode node) {
        if (node.isObject()) {
            JsonNode xml = node.path("xml");
            if ("array".equals(node.path("type").asText()) && xml.path("wrapped").asBoolean(false) && xml.has("name")) {
                xmlLists.add(xml.get("name").asText());
            }
            if ("object".equals(node.path("type").asText()) && xml.has("name")) {
                xmlObjects.add(xml.get("name").asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                if ("integer".equals(property.getValue().path("type").asText())) {
                    xmlIntegers.add(property.getKey());
                }
            }
            node.elements().forEachRemaining(this::collectXmlShapes);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::collectXmlShapes);
        }
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String snippet(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "… (" + body.length() + " characters)";
    }

    private static InputStream resource(String name) {
        InputStream in = ContractValidator.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + name);
        }
        return in;
    }
}

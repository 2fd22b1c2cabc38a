package dev.sipcredentials.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The published contract, served beside the emulated API: {@code /openapi.yaml} and {@code /sipcredentials.xsd} (from
 * {@code api/} on the classpath) and {@code /docs}, Swagger UI from the {@code org.webjars:swagger-ui} jar (nothing
 * from a CDN, and its online validator switched off), where a user pastes the development token and tries the routes.
 * Every other request goes to the API Gateway emulation. API Gateway itself has none of these paths; template.yaml's
 * routes do not overlap them (a route there would be shadowed locally, so OpenApiDocumentTest keeps them apart).
 */
final class ApiDocsPages implements HttpHandler {

    static final String OPENAPI_PATH = "/openapi.yaml";
    static final String XSD_PATH = "/sipcredentials.xsd";
    static final String DOCS_PATH = "/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.(js|css|png)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png");

    private final HttpHandler api;
    private final String swaggerUiVersion;

    ApiDocsPages(HttpHandler api) {
        this.api = api;
        this.swaggerUiVersion = swaggerUiVersion();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read || !(path.equals(OPENAPI_PATH) || path.equals(XSD_PATH) || path.equals(DOCS_PATH)
                || path.startsWith(DOCS_PATH + "/"))) {
            api.handle(exchange);
            return;
        }
        long start = System.nanoTime();
        int status;
        if (path.equals(OPENAPI_PATH)) {
            status = send(exchange, 200, "application/yaml; charset=utf-8", resource("api/openapi.yaml"));
        } else if (path.equals(XSD_PATH)) {
            status = send(exchange, 200, "application/xml; charset=utf-8", resource("api/sipcredentials.xsd"));
        } else if (path.equals(DOCS_PATH) || path.equals(DOCS_PATH + "/")) {
            status = send(exchange, 200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
        } else {
            String name = path.substring(DOCS_PATH.length() + 1);
            byte[] asset = ASSET.matcher(name).matches() ? resource(WEBJAR + swaggerUiVersion + "/" + name) : null;
            status = asset == null
                    ? send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8))
                    : send(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), asset);
        }
        System.out.println(method + " " + path + " " + status + " " + (System.nanoTime() - start) / 1_000_000L
                + "ms local-docs");
    }

    /** Swagger UI's page, configured for our document; the token goes in through its Authorize button. */
    private static String page() {
        return String.join("\n",
                "<!DOCTYPE html>",
                "<html lang=\"en\">",
                "<head>",
                "  <meta charset=\"UTF-8\">",
                "  <title>SIP credential provisioning API</title>",
                "  <link rel=\"stylesheet\" href=\"" + DOCS_PATH + "/swagger-ui.css\">",
                "  <link rel=\"icon\" type=\"image/png\" href=\"" + DOCS_PATH + "/favicon-32x32.png\">",
                "</head>",
                "<body>",
                "  <div id=\"swagger-ui\"></div>",
                "  <script src=\"" + DOCS_PATH + "/swagger-ui-bundle.js\"></script>",
                "  <script>",
                "    window.ui = SwaggerUIBundle({",
                "      url: '" + OPENAPI_PATH + "',",
                "      dom_id: '#swagger-ui',",
                "      presets: [SwaggerUIBundle.presets.apis],",
                "      layout: 'BaseLayout',",
                // Off: the default would send the document to an online validator.
                "      validatorUrl: null,",
                "      tryItOutEnabled: true,",
                "      displayRequestDuration: true,",
                "      persistAuthorization: false",
                "    });",
                "  </script>",
                "</body>",
                "</html>",
                "");
    }

    private static int send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
        return status;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocsPages.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        byte[] pom = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties");
        if (pom == null) {
            throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
        }
        Properties properties = new Properties();
        try {
            properties.load(new java.io.ByteArrayInputStream(pom));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}

package dev.sipcredentials.local;

import dev.sipcredentials.httpserver.Http11Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
final class ApiDocsPages implements Http11Server.Handler {

    static final String OPENAPI_PATH = "/openapi.yaml";
    static final String XSD_PATH = "/sipcredentials.xsd";
    static final String DOCS_PATH = "/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.(js|css|png)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png");

    private final Http11Server.Handler api;
    private final String swaggerUiVersion;

    ApiDocsPages(Http11Server.Handler api) {
        this.api = api;
        this.swaggerUiVersion = swaggerUiVersion();
    }

    @Override
    public Http11Server.Response handle(Http11Server.Request request) throws IOException {
        String method = request.method();
        String path = request.rawPath();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read || !(path.equals(OPENAPI_PATH) || path.equals(XSD_PATH) || path.equals(DOCS_PATH)
                || path.startsWith(DOCS_PATH + "/"))) {
            return api.handle(request);
        }
        long start = System.nanoTime();
        Http11Server.Response response;
        if (path.equals(OPENAPI_PATH)) {
            response = answer(200, "application/yaml; charset=utf-8", resource("api/openapi.yaml"));
        } else if (path.equals(XSD_PATH)) {
            response = answer(200, "application/xml; charset=utf-8", resource("api/sipcredentials.xsd"));
        } else if (path.equals(DOCS_PATH) || path.equals(DOCS_PATH + "/")) {
            response = answer(200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
        } else {
            String name = path.substring(DOCS_PATH.length() + 1);
            byte[] asset = ASSET.matcher(name).matches() ? resource(WEBJAR + swaggerUiVersion + "/" + name) : null;
            response = asset == null
                    ? answer(404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8))
                    : answer(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), asset);
        }
        System.out.println(method + " " + path + " " + response.status() + " " + (System.nanoTime() - start) / 1_000_000L
                + "ms local-docs");
        return response;
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

    private static Http11Server.Response answer(int status, String contentType, byte[] body) {
        return new Http11Server.Response(status,
                List.of(Map.entry("Content-Type", contentType), Map.entry("Cache-Control", "no-cache")), body);
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

package dev.sipcredentials.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipcredentials.local.LocalStack;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack publishes the contract: the document, the XSD and a self-contained Swagger UI page. */
class ApiDocsPagesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start(@TempDir Path state) {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(Path.of("..", "template.yaml").toAbsolutePath().normalize()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = ApiDocsPagesIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void documentAndXsdAreServedAsPublished() throws Exception {
        HttpResponse<String> document = get("/openapi.yaml");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("content-type")).hasValue("application/yaml; charset=utf-8");
        assertThat(document.body()).isEqualTo(resource("/api/openapi.yaml")).startsWith("openapi: 3.1.0");

        HttpResponse<String> xsd = get("/sipcredentials.xsd");
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).isEqualTo(resource("/api/sipcredentials.xsd"));
    }

    @Test
    void docsPageLoadsSwaggerUiFromTheStackItselfNeverFromACdn() throws Exception {
        HttpResponse<String> page = get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("src=\"/docs/swagger-ui-bundle.js\"", "url: '/openapi.yaml'",
                "validatorUrl: null").doesNotContain("https://", "http://");

        HttpResponse<String> bundle = get("/docs/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(get("/docs/swagger-ui.css").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheWebjarsAssetsAreServedAndEverythingElseIsTheApi() throws Exception {
        assertThat(get("/docs/..%2F..%2Fapi%2Fopenapi.yaml").statusCode()).isEqualTo(404);
        assertThat(get("/docs/pom.properties").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(stack.baseUrl().resolve("/openapi.yaml"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.body()).isEqualTo("{\"message\":\"Not Found\"}");
        // GET of the account listing: a route, so the gateway asks for a token (the docs pages did not swallow it).
        assertThat(get("/accounts/41/sipcredentials").statusCode()).as("the API still routes").isEqualTo(401);
    }
}

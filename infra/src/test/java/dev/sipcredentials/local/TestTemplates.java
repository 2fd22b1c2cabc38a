package dev.sipcredentials.local;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the tests find the project's template.yaml and their own test template. */
final class TestTemplates {
    private TestTemplates() {}

    /** The project's template.yaml: -DtemplateFile from the pom, else found from the working directory. */
    static Path project() {
        String configured = System.getProperty("templateFile");
        return configured != null ? Path.of(configured) : SamTemplate.locate(Path.of(System.getProperty("user.dir")));
    }

    /** src/test/resources/local-stack-test-template.yaml: the same format, with test handlers. */
    static Path withTestHandlers() {
        try {
            return Path.of(TestTemplates.class.getResource("/local-stack-test-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

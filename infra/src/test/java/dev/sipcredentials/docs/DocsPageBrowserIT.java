package dev.sipcredentials.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipcredentials.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * What a user does on {@code /docs}: opens the page in a browser, pastes the development token into Authorize, sends
 * the seed create of the JSON API from the page and sees 201; the credential is then in the table. Runs in Debian's
 * headless Chromium (installed by .ci/run where apt is available); skipped where no Chromium is installed.
 */
class DocsPageBrowserIT {

    private static final String VENDOR = "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10";
    private static final String ORGANIZATION = "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13";

    @Test
    @Timeout(180)
    void seedCreateSentFromTheDocsPageIsCreated(@TempDir Path state) throws Exception {
        Optional<Path> chromium = HeadlessChromium.binary();
        assumeTrue(chromium.isPresent(), "no Chromium on this machine (apt-get install chromium)");
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                        .withTemplate(Path.of("..", "template.yaml").toAbsolutePath().normalize()));
                DynamoDbClient db = stack.dynamoDb().newClient();
                HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
            String token = stack.authorizer().orElseThrow()
                    .issue(List.of("41"), List.of(VENDOR + "/" + ORGANIZATION), Duration.ofMinutes(10));
            try {
                browser.navigate(stack.baseUrl().resolve("/docs"));
                String operation = "#operations-deepslate-createOrganizationSipCredential";
                browser.await("the document rendered", "!!document.querySelector('" + operation + "')", Duration.ofSeconds(60));

                // Authorize: paste the token into the bearer field, as a user would.
                browser.evaluate("document.querySelector('.auth-wrapper .authorize').click()");
                browser.await("the Authorize dialog", "!!document.querySelector('.modal-ux input')", Duration.ofSeconds(10));
                browser.evaluate("document.querySelector('.modal-ux input').focus()");
                browser.type(token);
                browser.evaluate("document.querySelector('.modal-ux .auth-btn-wrapper .authorize').click()");
                browser.await("the token accepted", "!!document.querySelector('.modal-ux .auth-btn-wrapper .btn-done')"
                        + " && !document.querySelector('.modal-ux .auth-btn-wrapper .authorize:not(.locked)')"
                        + " || document.querySelector('.modal-ux').innerText.includes('Logout')", Duration.ofSeconds(10));
                browser.evaluate("document.querySelector('.modal-ux .btn-done, .modal-ux .close-modal').click()");

                // Open the JSON create, whose path and body are prefilled with the seed, and execute it.
                browser.evaluate("document.querySelector('" + operation + " .opblock-summary-control').click()");
                browser.await("the Execute button", "!!document.querySelector('" + operation + " .execute')",
                        Duration.ofSeconds(10));
                // The form fills its path parameters and body from the document's examples after it appears; Execute on an
                // empty required field only marks it red, so wait for the values a user would see before pressing it.
                browser.await("the seed values in the form", "['vendorId', 'organizationId'].every(name => {"
                        + " const input = document.querySelector('" + operation + " tr[data-param-name=\"' + name + '\"] input');"
                        + " return input && input.value.length > 0; })"
                        + " && (document.querySelector('" + operation + " textarea.body-param__text') || {value: ''})"
                        + ".value.includes('sipconnect')", Duration.ofSeconds(20));
                browser.evaluate("document.querySelector('" + operation + " .execute').click()");
                String status = browser.await("the live response",
                        "(document.querySelector('" + operation + " .live-responses-table tbody .response-col_status') || {})"
                                + ".innerText", Duration.ofSeconds(30)).asText().strip();
                String body = browser.evaluate("document.querySelector('" + operation
                        + " .live-responses-table tbody .response-col_description pre').innerText").asText();

                Files.write(Path.of("target", "docs-page.png"), browser.screenshot()); // what the user saw
                assertThat(status).as(body).startsWith("201");
                assertThat(body).contains("\"success\": true", "SIP credentials created successfully")
                        .doesNotContain("strong-password");
                String table = db.listTables().tableNames().get(0);
                assertThat(db.scan(ScanRequest.builder().tableName(table).consistentRead(true).build()).items())
                        .filteredOn(item -> item.containsKey("organizationId")
                                && ORGANIZATION.equals(item.get("organizationId").s()))
                        .hasSize(1);
            } catch (AssertionError | RuntimeException e) {
                Path shot = Path.of("target", "docs-page-failure.png");
                Files.write(shot, browser.screenshot());
                String operationText = browser.evaluate("(document.querySelector('#operations-deepslate-createOrganizationSipCredential')"
                        + " || document.body).innerText").asText();
                throw new AssertionError(e.getMessage() + " (screenshot: " + shot.toAbsolutePath() + "); the operation shows: "
                        + operationText, e);
            }
        }
    }
}

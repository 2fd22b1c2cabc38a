package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --no-auth}: no token needed locally, and the handlers (which fail closed without claims) still serve. */
class NoAuthOverHttpIT {

    @Test
    void withoutAuthTheSeedRequestNeedsNoTokenAndNoSigningKeyIsCreated(@TempDir Path state) throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withAuth(false).withTemplate(Path.of("..", "template.yaml").toAbsolutePath().normalize()))) {
            HttpResponse<String> response = ContractValidator.check(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(stack.baseUrl().resolve("/accounts/9001/sipcredentials"))
                            .header("Content-Type", "application/xml")
                            .POST(HttpRequest.BodyPublishers.ofString(BandwidthApiIT.SEED_REQUEST)).build(),
                    HttpResponse.BodyHandlers.ofString()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(stack.authorizer()).isEmpty();
            assertThat(stack.authDescription()).contains("--no-auth");
        }
        assertThat(Files.exists(state.resolve("jwt-signing-key.json"))).isFalse();
    }
}

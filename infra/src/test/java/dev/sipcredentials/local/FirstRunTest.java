package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets first: the README's examples, the banner's token, the token command, the state directory. */
class FirstRunTest {

    private static final Path README = TestTemplates.project().getParent().resolve("README.md");

    private record Run(int status, String out, String err) {}

    private static Run token(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokenCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theBannersTokenGrantsEveryTenantTheReadmesExamplesUse() throws Exception {
        String readme = Files.readString(README) + Files.readString(README.resolveSibling("docs").resolve("routes.md"));
        Set<String> accounts = new LinkedHashSet<>();
        Matcher account = Pattern.compile("/accounts/([^/\\s'\"]+)/sipcredentials").matcher(readme);
        while (account.find()) {
            if (!account.group(1).startsWith("{")) {
                accounts.add(account.group(1));
            }
        }
        Set<String> organizations = new LinkedHashSet<>();
        Matcher organization = Pattern.compile("/vendors/([0-9a-f-]{36})/organizations/([0-9a-f-]{36})/").matcher(readme);
        while (organization.find()) {
            organizations.add(organization.group(1) + "/" + organization.group(2));
        }
        assertThat(accounts).as("the README shows an XML example").isNotEmpty();
        assertThat(organizations).as("the README shows a JSON example").isNotEmpty();

        SignedJWT banner = SignedJWT.parse(Main.bannerToken(new LocalJwtAuthorizer(
                JwtAuthorizerConfig.fromTemplate(TestTemplates.project()).orElseThrow(),
                new LocalStateDirectory(Files.createTempDirectory("state")).jwtSigningKey(), java.time.Clock.systemUTC())));
        assertThat(banner.getJWTClaimsSet().getStringListClaim(LocalJwtAuthorizer.ACCOUNTS_CLAIM))
                .containsAll(accounts);
        assertThat(banner.getJWTClaimsSet().getStringListClaim(LocalJwtAuthorizer.ORGANIZATIONS_CLAIM))
                .containsAll(organizations);
    }

    @Test
    void tokenHelpPrintsItsUsage() {
        Run help = token("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar infra/target/sip-credentials-local.jar token")
                .contains("--account ID", "--vendor V", "--organization O", "--hours N", "--state-dir DIR");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void tokenRefusesIdsTheFunctionsWouldRefuse(@TempDir Path state) {
        String template = TestTemplates.project().toString();
        for (List<String> bad : List.of(List.of("--account", "4 1"), List.of("--account", "a".repeat(33)),
                List.of("--account", "41/../42"), List.of("--vendor", "not-a-uuid", "--organization",
                        "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13"), List.of("--vendor", "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10",
                        "--organization", "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b1"))) {
            List<String> args = new java.util.ArrayList<>(bad);
            args.addAll(List.of("--template", template, "--state-dir", state.toString()));
            Run run = token(args.toArray(String[]::new));
            assertThat(run.status()).as(bad.toString()).isEqualTo(2);
            assertThat(run.out()).as("no token printed for " + bad).isEmpty();
            assertThat(run.err()).containsAnyOf("--account must be", "--vendor must be", "--organization must be");
        }
        Run good = token("--account", "41", "--vendor", "3F1C2A9E-0B7D-4C6E-9A51-2D8E4B7F6A10", "--organization",
                "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13", "--template", template, "--state-dir", state.toString());
        assertThat(good.status()).as(good.err()).isZero();
        assertThat(good.out()).startsWith("ey");
    }

    @Test
    void theStateDirectoryIsNextToTheTemplateWhereverTheCommandRuns(@TempDir Path checkout) throws Exception {
        Files.writeString(checkout.resolve("template.yaml"), "Resources: {}");
        Path deep = Files.createDirectories(checkout.resolve("functions/src"));
        assertThat(LocalStateDirectory.besideTemplate(SamTemplate.locate(deep))).isEqualTo(checkout.resolve(".local"));
        assertThat(LocalStateDirectory.besideTemplate(SamTemplate.locate(checkout))).isEqualTo(checkout.resolve(".local"));
    }

    @Test
    void noAuthHandsTheClaimsAsStringsHoldingJson() {
        GatewayAuth.Decision decision = GatewayAuth.disabled().authorize(null, Map.of("accountId", "41",
                "vendorId", "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10", "organizationId", "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13"));
        assertThat(decision.authorized()).isTrue();
        assertThat(decision.claims()).containsEntry("sip:accounts", "[\"41\"]")
                .containsEntry("sip:organizations", "[\"3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10/8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13\"]");
    }
}

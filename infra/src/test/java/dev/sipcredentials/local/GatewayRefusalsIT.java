package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local 401s say why, as API Gateway does in www-authenticate's {@code error_description}, and the local log line
 * says more (a token from another state directory's key is the usual first-run mistake).
 */
class GatewayRefusalsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start(@TempDir Path state) {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(TestTemplates.project()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private record Answer(HttpResponse<String> response, String logLine) {}

    /** Sends the seed XML create with this Authorization header, capturing the gateway's log line for it. */
    private static synchronized Answer post(String authorization) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve("/accounts/41/sipcredentials"))
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString("<SipCredentials><SipCredential><UserName>u</UserName>"
                            + "<Hash1>h</Hash1></SipCredential></SipCredentials>"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // No wait: the gateway prints its line before it writes the answer.
        } finally {
            System.setOut(stdout);
        }
        String id = response.headers().firstValue("apigw-requestid").orElseThrow();
        String line = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("POST ") && l.contains(id)).findFirst().orElse("");
        return new Answer(response, line);
    }

    private static String wwwAuthenticate(Answer answer) {
        return answer.response().headers().firstValue("www-authenticate").orElseThrow();
    }

    @Test
    void aTokenFromAnotherStateDirectorysKeyIsRefusedAndTheLogLineSaysSo(@TempDir Path otherState) throws Exception {
        LocalJwtAuthorizer stranger = new LocalJwtAuthorizer(stack.authorizer().orElseThrow().config(),
                new LocalStateDirectory(otherState).jwtSigningKey(), Clock.systemUTC());

        Answer answer = post("Bearer " + stranger.issue(List.of("41"), List.of(), Duration.ofMinutes(5)));

        assertThat(answer.response().statusCode()).isEqualTo(401);
        assertThat(answer.response().body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(wwwAuthenticate(answer))
                .isEqualTo("Bearer scope=\"\" error=\"invalid_token\" error_description=\"signing key not found\"");
        assertThat(answer.logLine()).startsWith("POST /accounts/41/sipcredentials 401 ")
                .contains("token signed by another key", "another state directory");
    }

    @Test
    void expiredAndForeignAudienceTokensGetApiGatewaysDescriptions() throws Exception {
        LocalJwtAuthorizer authorizer = stack.authorizer().orElseThrow();
        Instant now = Instant.now();
        JWTClaimsSet.Builder base = new JWTClaimsSet.Builder().issuer(authorizer.config().issuer()).subject("t")
                .claim("sip:accounts", List.of("41")).issueTime(Date.from(now.minusSeconds(7200)));

        Answer expired = post("Bearer " + authorizer.sign(base.audience(authorizer.config().audiences().get(0))
                .expirationTime(Date.from(now.minusSeconds(3600))).build()));
        Answer audience = post("Bearer " + authorizer.sign(base.audience("someone-else")
                .expirationTime(Date.from(now.plusSeconds(600))).build()));

        assertThat(wwwAuthenticate(expired)).endsWith("error_description=\"the token has expired\"");
        assertThat(expired.logLine()).contains("(401: expired at ");
        assertThat(wwwAuthenticate(audience)).endsWith("error_description=\"the token does not have a valid audience\"");
        assertThat(audience.logLine()).contains("(401: aud [someone-else]");
    }

    @Test
    void noTokenSaysSoOnlyInTheLog() throws Exception {
        Answer none = post(null);

        assertThat(none.response().statusCode()).isEqualTo(401);
        assertThat(wwwAuthenticate(none)).isEqualTo("Bearer scope=\"\" error=\"invalid_token\"");
        assertThat(none.logLine()).contains("(401: no token");
    }

    @Test
    void aValidTokenIsServedWithoutANote() throws Exception {
        Answer ok = post("Bearer " + Main.bannerToken(stack.authorizer().orElseThrow()));

        assertThat(ok.response().statusCode()).as(ok.response().body()).isEqualTo(201);
        assertThat(ok.logLine()).matches("POST /accounts/41/sipcredentials 201 \\d+ms \\S+");
    }
}

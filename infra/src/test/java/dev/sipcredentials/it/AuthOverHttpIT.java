package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.sipcredentials.local.JwtAuthorizerConfig;
import dev.sipcredentials.local.LocalJwtAuthorizer;
import dev.sipcredentials.local.LocalStack;
import dev.sipcredentials.local.LocalStateDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed authorisation chain over HTTP: the local stack's emulated JWT authorizer (401 as API Gateway answers
 * it) in front of the real handlers, which decide the tenant from the verified claims (403, nothing stored).
 */
class AuthOverHttpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path TEMPLATE = Path.of("..", "template.yaml").toAbsolutePath().normalize();
    private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
    private static LocalStack stack;
    private static LocalJwtAuthorizer authorizer;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start(@TempDir Path state) {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state).withTemplate(TEMPLATE));
        authorizer = stack.authorizer().orElseThrow();
        dynamoDb = stack.dynamoDb().newClient();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        stack.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return ContractValidator.check(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpResponse<String> postXml(String account, String authorization) throws Exception {
        return post("/accounts/" + account + "/sipcredentials", "application/xml", BandwidthApiIT.SEED_REQUEST,
                authorization);
    }

    private static int itemCount() {
        String table = dynamoDb.listTables().tableNames().get(0);
        return dynamoDb.scan(ScanRequest.builder().tableName(table).consistentRead(true).build()).count();
    }

    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(authorizer.config().issuer())
                .audience(authorizer.config().audiences().get(0))
                .subject("it")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("sip:accounts", List.of("8001"));
    }

    @Test
    void theTemplateDeclaresTheAuthorizerTheStackChecks() {
        JwtAuthorizerConfig config = JwtAuthorizerConfig.fromTemplate(TEMPLATE).orElseThrow();
        assertThat(config.issuer()).isEqualTo("https://auth.sip-credentials.example/");
        assertThat(config.audiences()).containsExactly("sip-credentials-api");
        assertThat(config.header()).isEqualTo("authorization");
    }

    @Test
    void noTokenIs401AndStoresNothing() throws Exception {
        int before = itemCount();
        HttpResponse<String> response = postXml("8001", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void garbageAndUnsignedTokensAre401() throws Exception {
        for (String header : new String[] {"Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz",
                "Bearer eyJhbGciOiJub25lIn0.eyJzaXA6YWNjb3VudHMiOlsiODAwMSJdfQ."}) {
            HttpResponse<String> response = postXml("8001", header);
            assertThat(response.statusCode()).as(header).isEqualTo(401);
            assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401(@TempDir Path otherState) throws Exception {
        LocalJwtAuthorizer stranger = new LocalJwtAuthorizer(authorizer.config(),
                new LocalStateDirectory(otherState).jwtSigningKey(), Clock.systemUTC());
        String forged = stranger.issue(List.of("8001"), List.of(), Duration.ofMinutes(5));

        HttpResponse<String> response = postXml("8001", "Bearer " + forged);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void expiredWrongIssuerWrongAudienceAndNoExpiryAre401() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        List<String> tokens = List.of(
                authorizer.sign(validClaims().expirationTime(Date.from(past)).build()),
                authorizer.sign(validClaims().issuer("https://evil.example/").build()),
                authorizer.sign(validClaims().audience("another-api").build()),
                authorizer.sign(validClaims().expirationTime(null).build()),
                authorizer.sign(validClaims().notBeforeTime(Date.from(Instant.now().plusSeconds(3600))).build()),
                authorizer.sign(validClaims().issueTime(Date.from(Instant.now().plusSeconds(3600))).build()));
        int before = itemCount();
        for (String token : tokens) {
            HttpResponse<String> response = postXml("8001", "Bearer " + token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        }
        assertThat(itemCount()).isEqualTo(before);
        // The same claims, valid: the request gets through (the control that makes the refusals above meaningful).
        assertThat(postXml("8001", "Bearer " + authorizer.sign(validClaims().build())).statusCode()).isEqualTo(201);
    }

    @Test
    void aValidTokenForAnotherAccountIs403InXmlAndStoresNothing() throws Exception {
        String token = authorizer.issue(List.of("8101", "81"), List.of(), Duration.ofMinutes(5));
        int before = itemCount();

        HttpResponse<String> response = postXml("8102", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/xml");
        assertThat(response.body()).contains("<ResponseStatus><ErrorCode>1200</ErrorCode>"
                + "<Description>The access token does not grant this account</Description></ResponseStatus>");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void aValidTokenForAnotherOrganizationIs403InJsonAndStoresNothing() throws Exception {
        String vendor = UUID.randomUUID().toString();
        String token = authorizer.issue(List.of(), List.of(vendor + "/" + UUID.randomUUID()), Duration.ofMinutes(5));
        int before = itemCount();

        HttpResponse<String> response = post("/api/v1/vendors/" + vendor + "/organizations/" + UUID.randomUUID()
                + "/sip/credentials", "application/json", DeepslateApiIT.SEED_BODY, "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"success\":false", "\"code\":\"FORBIDDEN\"")
                .doesNotContain("strong-password");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void aTokenGrantingSeveralTenantsReachesTheHandlerAsAFlattenedArrayAndGrantsEach() throws Exception {
        String vendor = UUID.randomUUID().toString();
        String organization = UUID.randomUUID().toString();
        String token = authorizer.issue(List.of("8201", "8202"),
                List.of(UUID.randomUUID() + "/" + UUID.randomUUID(), vendor + "/" + organization),
                Duration.ofMinutes(5));

        assertThat(postXml("8202", "Bearer " + token).statusCode()).isEqualTo(201);
        assertThat(postXml("8201", token).statusCode()).as("API Gateway also takes the token without 'Bearer '")
                .isEqualTo(201);
        assertThat(post("/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials",
                "application/json", DeepslateApiIT.SEED_BODY, "Bearer " + token).statusCode()).isEqualTo(201);
    }

    /**
     * Finding 2 of issue #23: API Gateway flattens {@code ["41 42"]} into {@code [41 42]} and
     * {@code ["\"42\",", "\"43\""]} into {@code ["42", "43"]}; read from that, each granted two tenants its issuer never
     * named. The emulation flattens as API Gateway does, and over HTTP neither token grants anything, on either API.
     */
    @Test
    void listElementsThatFlattenIntoOtherListsGrantNothingOnEitherApi() throws Exception {
        String vendor = UUID.randomUUID().toString();
        String organizationA = UUID.randomUUID().toString();
        String organizationB = UUID.randomUUID().toString();
        String pairA = vendor + "/" + organizationA;
        String pairB = vendor + "/" + organizationB;
        String spaced = "Bearer " + authorizer.sign(validClaims().claim("sip:accounts", List.of("8301 8302"))
                .claim("sip:organizations", List.of(pairA + " " + pairB)).build());
        String quoted = "Bearer " + authorizer.sign(validClaims()
                .claim("sip:accounts", List.of("\"8303\",", "\"8304\""))
                .claim("sip:organizations", List.of("\"" + pairA + "\",", "\"" + pairB + "\"")).build());
        assertThat(authorizer.check(spaced).claims()).containsEntry("sip:accounts", "[8301 8302]")
                .containsEntry("sip:organizations", "[" + pairA + " " + pairB + "]");
        assertThat(authorizer.check(quoted).claims()).containsEntry("sip:accounts", "[\"8303\", \"8304\"]")
                .containsEntry("sip:organizations", "[\"" + pairA + "\", \"" + pairB + "\"]");
        int before = itemCount();

        for (String account : List.of("8301", "8302")) {
            assertThat(postXml(account, spaced).statusCode()).as(account).isEqualTo(403);
        }
        for (String account : List.of("8303", "8304")) {
            assertThat(postXml(account, quoted).statusCode()).as(account).isEqualTo(403);
        }
        for (String organization : List.of(organizationA, organizationB)) {
            for (String token : List.of(spaced, quoted)) {
                HttpResponse<String> response = post("/api/v1/vendors/" + vendor + "/organizations/" + organization
                        + "/sip/credentials", "application/json", DeepslateApiIT.SEED_BODY, token);
                assertThat(response.statusCode()).as(organization).isEqualTo(403);
                assertThat(response.body()).contains("\"code\":\"FORBIDDEN\"");
            }
        }
        assertThat(itemCount()).isEqualTo(before);
    }
}

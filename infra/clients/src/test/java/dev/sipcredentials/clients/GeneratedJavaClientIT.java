package dev.sipcredentials.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.sipcredentials.client.ApiClient;
import dev.sipcredentials.client.api.BandwidthApi;
import dev.sipcredentials.client.api.DeepslateApi;
import dev.sipcredentials.client.model.BandwidthBadRequest;
import dev.sipcredentials.client.model.BandwidthCreated;
import dev.sipcredentials.client.model.BandwidthCredential;
import dev.sipcredentials.client.model.BandwidthListStatus400;
import dev.sipcredentials.client.model.BandwidthListed;
import dev.sipcredentials.client.model.BandwidthSingle400Read;
import dev.sipcredentials.client.model.BandwidthSingle403;
import dev.sipcredentials.client.model.BandwidthSingle404;
import dev.sipcredentials.client.model.BandwidthStatus403;
import dev.sipcredentials.client.model.BandwidthStatus404;
import dev.sipcredentials.client.model.BandwidthStatus422;
import dev.sipcredentials.client.model.CreateSipCredentialRequest;
import dev.sipcredentials.client.model.DeepslateCreated;
import dev.sipcredentials.client.model.DeepslateDeleted;
import dev.sipcredentials.client.model.DeepslateFailure400;
import dev.sipcredentials.client.model.DeepslateFailure403;
import dev.sipcredentials.client.model.DeepslateFailure404;
import dev.sipcredentials.client.model.DeepslateFailure409;
import dev.sipcredentials.client.model.DeepslateFailure422;
import dev.sipcredentials.client.model.DeepslateListFailure400;
import dev.sipcredentials.client.model.DeepslateListed;
import dev.sipcredentials.client.model.DeepslateRetrieved;
import dev.sipcredentials.client.model.DeepslateUpdated;
import dev.sipcredentials.client.model.GatewayMessage;
import dev.sipcredentials.client.model.NewSipCredential;
import dev.sipcredentials.client.model.SipCredential;
import dev.sipcredentials.client.model.SipCredentialChange;
import dev.sipcredentials.client.model.SipCredentialData;
import dev.sipcredentials.client.model.SipCredentials;
import dev.sipcredentials.local.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClientResponseException;

/**
 * The Java client openapi-generator makes from the published document, unmodified, against the local stack: every
 * route of both APIs (create, get, list with paging, replace, delete) and the error bodies, each parsed into the
 * model the document names for its status. A document the generator cannot turn into a working client fails here.
 */
class GeneratedJavaClientIT {
    private static final UUID VENDOR = UUID.fromString("3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10");
    private static final UUID ORGANIZATION = UUID.fromString("8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13");
    private static final UUID OTHER_ORGANIZATION = UUID.fromString("0c5d7e9f-2a4b-4c6d-8e0f-1a2b3c4d5e6f");
    private static final Pattern NEXT_PAGE = Pattern.compile("[?&]page=([^&>]+)");
    private static final XmlMapper XML = new XmlMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;

    @BeforeAll
    static void start(@TempDir Path state) {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withStateDir(state)
                .withTemplate(Path.of(System.getProperty("templateFile", "../../template.yaml")).toAbsolutePath()
                        .normalize()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A client of the generated code, its token granting exactly these tenants (none: no token at all). */
    private static ApiClient client(List<String> accounts, List<String> organizations) {
        ApiClient client = new ApiClient();
        client.setBasePath(stack.baseUrl().toString().replaceAll("/$", ""));
        if (!accounts.isEmpty() || !organizations.isEmpty()) {
            client.setBearerToken(stack.authorizer().orElseThrow().issue(accounts, organizations, Duration.ofMinutes(10)));
        }
        return client;
    }

    private static BandwidthApi bandwidth(String account) {
        return new BandwidthApi(client(List.of(account), List.of()));
    }

    private static DeepslateApi deepslate(UUID organization) {
        return new DeepslateApi(client(List.of(), List.of(VENDOR + "/" + organization)));
    }

    /** The refusal the call got, its status checked and its body parsed into the document's model. */
    private static <T> T refused(int status, Class<T> model, Runnable call) {
        RestClientResponseException e = catchThrowableOfType(RestClientResponseException.class, call::run);
        assertThat(e).as("the call was refused").isNotNull();
        assertThat(e.getStatusCode().value()).isEqualTo(status);
        String contentType = e.getResponseHeaders() == null ? "" : String.valueOf(e.getResponseHeaders().getContentType());
        try {
            return contentType.contains("xml") ? XML.readValue(e.getResponseBodyAsString(), model)
                    : JSON.readValue(e.getResponseBodyAsString(), model);
        } catch (Exception parse) {
            throw new AssertionError("the " + status + " body does not parse into " + model.getSimpleName() + ": "
                    + e.getResponseBodyAsString(), parse);
        }
    }

    private static NewSipCredential entry(String userName, String domain, String hash1) {
        return new NewSipCredential().userName(userName).domain(domain).hash1(hash1).hash1b(hash1 + "b");
    }

    @Test
    void everyXmlRouteThroughTheGeneratedClient() {
        BandwidthApi api = bandwidth("8101");
        SipCredentials batch = new SipCredentials().sipCredential(List.of(entry("John", "bw.com", "1g32gadgs433dd4"),
                entry("Mathew@bw.com", null, "43543gggs43g324"), entry("zed", null, "5e4d3c2b1a0f9e8d")));

        BandwidthCreated created = api.createAccountSipCredentials("8101", batch, null);
        assertThat(created.getValidSipCredentials()).extracting(SipCredential::getUserName)
                .containsExactly("John", "Mathew@bw.com", "zed");
        assertThat(created.getErrors()).isNullOrEmpty();

        BandwidthBadRequest duplicate = refused(400, BandwidthBadRequest.class,
                () -> api.createAccountSipCredentials("8101", batch, null));
        assertThat(duplicate.getErrors()).hasSize(3)
                .allSatisfy(error -> assertThat(error.getErrorCode().getValue()).isEqualTo(23009));

        BandwidthCredential john = api.getAccountSipCredential("8101", "john@BW.com");
        assertThat(john.getSipCredential().getUserName()).isEqualTo("John");
        assertThat(john.getSipCredential().getDomain()).isEqualTo("bw.com");
        assertThat(john.getSipCredential().getHash1()).isEqualTo("1g32gadgs433dd4");

        BandwidthListed first = api.listAccountSipCredentials("8101", null, 2, null, null);
        assertThat(first.getSipCredentials()).extracting(SipCredential::getUserName).containsExactly("John", "Mathew@bw.com");
        Matcher next = NEXT_PAGE.matcher(first.getLinks().getNext());
        assertThat(next.find()).as(first.getLinks().getNext()).isTrue();
        BandwidthListed second = api.listAccountSipCredentials("8101", next.group(1), 2, null, null);
        assertThat(second.getSipCredentials()).extracting(SipCredential::getUserName).containsExactly("zed");
        assertThat(second.getLinks().getNext()).isNull();

        BandwidthCredential changed = api.updateAccountSipCredential("8101", "John@bw.com",
                new SipCredentialChange().hash1("n3wHash1"), "change-john-1");
        assertThat(changed.getSipCredential().getHash1()).isEqualTo("n3wHash1");
        assertThat(changed.getSipCredential().getHash1b()).isNull();
        BandwidthStatus422 reused = refused(422, BandwidthStatus422.class, () -> api.updateAccountSipCredential(
                "8101", "John@bw.com", new SipCredentialChange().hash1("other"), "change-john-1"));
        assertThat(reused.getResponseStatus().getErrorCode().getValue()).isEqualTo(1114);

        api.deleteAccountSipCredential("8101", "John@bw.com", null);
        BandwidthSingle404 gone = refused(404, BandwidthSingle404.class,
                () -> api.getAccountSipCredential("8101", "John@bw.com"));
        assertThat(gone.getResponseStatus().getErrorCode().getValue()).isEqualTo(23007);
        assertThat(gone.getResponseStatus().getDescription())
                .isEqualTo("Sip credential John@bw.com was not found on the account with ID = 8101");
    }

    @Test
    void xmlRefusalsParseIntoTheirModels() {
        BandwidthApi api = bandwidth("8102");
        BandwidthStatus404 none = refused(404, BandwidthStatus404.class,
                () -> api.listAccountSipCredentials("8102", null, null, null, null));
        assertThat(none.getResponseStatus().getErrorCode().getValue()).isEqualTo(23008);

        BandwidthListStatus400 size = refused(400, BandwidthListStatus400.class,
                () -> api.listAccountSipCredentials("8102", null, 1001, null, null));
        assertThat(size.getResponseStatus().getErrorCode().getValue()).isEqualTo(1301);

        BandwidthSingle400Read name = refused(400, BandwidthSingle400Read.class,
                () -> api.getAccountSipCredential("8102", "no space"));
        assertThat(name.getResponseStatus().getErrorCode().getValue()).isEqualTo(1121);

        BandwidthStatus403 forbidden = refused(403, BandwidthStatus403.class, () -> api.createAccountSipCredentials(
                "8199", new SipCredentials().sipCredential(List.of(entry("a", null, "h"))), null));
        assertThat(forbidden.getResponseStatus().getErrorCode().getValue()).isEqualTo(1200);
        BandwidthSingle403 forbiddenOne = refused(403, BandwidthSingle403.class,
                () -> api.getAccountSipCredential("8199", "a"));
        assertThat(forbiddenOne.getResponseStatus().getErrorCode().getValue()).isEqualTo(1200);

        BandwidthApi anonymous = new BandwidthApi(client(List.of(), List.of()));
        GatewayMessage unauthorized = refused(401, GatewayMessage.class,
                () -> anonymous.listAccountSipCredentials("8102", null, null, null, null));
        assertThat(unauthorized.getMessage()).isEqualTo(GatewayMessage.MessageEnum.UNAUTHORIZED);
    }

    private static CreateSipCredentialRequest login(String username, int port) {
        return new CreateSipCredentialRequest().hostname("sipconnect.sipgate.de").port(port).username(username)
                .password("strong-password");
    }

    @Test
    void everyJsonRouteThroughTheGeneratedClient() {
        DeepslateApi api = deepslate(ORGANIZATION);
        DeepslateCreated created = api.createOrganizationSipCredential(VENDOR, ORGANIZATION,
                login("agent001", 5060).maxAgentTasks(12), null);
        SipCredentialData data = created.getData();
        assertThat(data.getUsername()).isEqualTo("agent001");
        assertThat(data.getMaxAgentTasks()).isEqualTo(12);
        api.createOrganizationSipCredential(VENDOR, ORGANIZATION, login("agent002", 5060), null);
        api.createOrganizationSipCredential(VENDOR, ORGANIZATION, login("agent003", 5060), null);

        DeepslateFailure409 duplicate = refused(409, DeepslateFailure409.class,
                () -> api.createOrganizationSipCredential(VENDOR, ORGANIZATION, login("agent001", 5060), null));
        assertThat(duplicate.getCode()).isEqualTo(DeepslateFailure409.CodeEnum.DUPLICATE_CREDENTIAL);

        DeepslateRetrieved read = api.getOrganizationSipCredential(VENDOR, ORGANIZATION, data.getId());
        assertThat(read.getData()).isEqualTo(data);

        DeepslateListed first = api.listOrganizationSipCredentials(VENDOR, ORGANIZATION, 2, null);
        assertThat(first.getData().getItems()).extracting(SipCredentialData::getUsername)
                .containsExactly("agent001", "agent002");
        assertThat(first.getData().getNextCursor()).isNotNull();
        DeepslateListed second = api.listOrganizationSipCredentials(VENDOR, ORGANIZATION, 2,
                first.getData().getNextCursor());
        assertThat(second.getData().getItems()).extracting(SipCredentialData::getUsername).containsExactly("agent003");
        assertThat(second.getData().getNextCursor()).isNull();

        DeepslateUpdated updated = api.updateOrganizationSipCredential(VENDOR, ORGANIZATION,
                data.getId(), login("agent001", 5061), "replace-1");
        assertThat(updated.getData().getPort()).isEqualTo(5061);
        assertThat(updated.getData().getMaxAgentTasks()).isEqualTo(10);
        DeepslateFailure422 reused = refused(422, DeepslateFailure422.class, () -> api.updateOrganizationSipCredential(
                VENDOR, ORGANIZATION, data.getId(), login("agent001", 5062), "replace-1"));
        assertThat(reused.getCode()).isEqualTo(DeepslateFailure422.CodeEnum.IDEMPOTENCY_KEY_REUSED);

        DeepslateDeleted deleted = api.deleteOrganizationSipCredential(VENDOR, ORGANIZATION,
                data.getId(), null);
        assertThat(deleted.getData()).isNull();
        DeepslateFailure404 gone = refused(404, DeepslateFailure404.class,
                () -> api.getOrganizationSipCredential(VENDOR, ORGANIZATION, data.getId()));
        assertThat(gone.getCode()).isEqualTo(DeepslateFailure404.CodeEnum.NOT_FOUND);
    }

    @Test
    void jsonRefusalsParseIntoTheirModels() {
        DeepslateApi api = deepslate(ORGANIZATION);
        DeepslateFailure400 invalid = refused(400, DeepslateFailure400.class,
                () -> api.createOrganizationSipCredential(VENDOR, ORGANIZATION, login("agent009", 0), null));
        assertThat(invalid.getCode()).isEqualTo(DeepslateFailure400.CodeEnum.VALIDATION_FAILED);
        assertThat(invalid.getData()).extracting(f -> f.getField()).containsExactly("port");

        DeepslateListFailure400 cursor = refused(400, DeepslateListFailure400.class,
                () -> api.listOrganizationSipCredentials(VENDOR, ORGANIZATION, null, "AAAA"));
        assertThat(cursor.getCode()).isEqualTo(DeepslateListFailure400.CodeEnum.INVALID_CURSOR);

        DeepslateFailure403 forbidden = refused(403, DeepslateFailure403.class,
                () -> api.listOrganizationSipCredentials(VENDOR, OTHER_ORGANIZATION, null, null));
        assertThat(forbidden.getCode()).isEqualTo(DeepslateFailure403.CodeEnum.FORBIDDEN);

        DeepslateListed empty = deepslate(OTHER_ORGANIZATION).listOrganizationSipCredentials(VENDOR,
                OTHER_ORGANIZATION, null, null);
        assertThat(empty.getData().getItems()).isEmpty();
    }
}

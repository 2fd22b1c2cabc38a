package dev.sipcredentials.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipcredentials.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both listing routes over real HTTP through the local stack, with the real handlers and template.yaml (the local
 * gateway's Host and X-Forwarded-Proto make the links' base): what a user with curl sees.
 */
class ListingOverHttpIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private static HttpResponse<String> send(String method, String pathAndQuery, String contentType, String body)
            throws Exception {
        return StackRequests.send(stack, method, pathAndQuery, contentType, body);
    }

    @Test
    void theSeedBatchListsWithLinksToTheLocalStackItself() throws Exception {
        assertThat(send("GET", "/accounts/7101/sipcredentials", null, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/accounts/7101/sipcredentials", "application/xml", BandwidthApiIT.SEED_REQUEST)
                .statusCode()).isEqualTo(201);

        HttpResponse<String> page = send("GET", "/accounts/7101/sipcredentials?size=1&page=1", null, null);

        String base = "http://" + stack.baseUrl().getHost() + ":" + stack.baseUrl().getPort();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("application/xml");
        assertThat(page.body()).isEqualTo(BandwidthApiIT.DECLARATION + "<SipCredentialsResponse><Links>"
                + "<first>Link=&lt;" + base + "/accounts/7101/sipcredentials?size=1&amp;page=1&gt;;rel=\"first\";</first>"
                + "<next>Link=&lt;" + base + "/accounts/7101/sipcredentials?size=1&amp;page=Mathew@bw.com&gt;;"
                + "rel=\"next\";</next></Links><SipCredentials><SipCredential><UserName>John</UserName>"
                + "<Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1><Hash1b>1g32gadgs433d24</Hash1b>"
                + "</SipCredential></SipCredentials></SipCredentialsResponse>");
        assertThat(send("GET", "/accounts/7101/sipcredentials?size=1&page=Mathew@bw.com", null, null).body())
                .contains("<UserName>Mathew@bw.com</UserName>").doesNotContain("<next>");
        assertThat(send("GET", "/accounts/7101/sipcredentials?size=0", null, null).body())
                .contains("<ErrorCode>1301</ErrorCode>");
    }

    @Test
    void anOrganizationListsWhatWasCreatedWithoutPasswords() throws Exception {
        String vendor = "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10";
        String organization = "5d9a3f2e-1b4c-4e7d-8a6f-0c2b9e8d7a15";
        String path = "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials";
        HttpResponse<String> created = send("POST", path, "application/json", DeepslateApiIT.SEED_BODY);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("data").path("id").asText();

        HttpResponse<String> listed = send("GET", path + "?limit=10", null, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(listed.body()).path("data");
        assertThat(data.path("items").size()).isEqualTo(1);
        assertThat(data.path("items").get(0).path("id").asText()).isEqualTo(id);
        assertThat(data.path("nextCursor").isNull()).isTrue();
        assertThat(listed.body()).doesNotContain("password", "strong-password");
    }
}

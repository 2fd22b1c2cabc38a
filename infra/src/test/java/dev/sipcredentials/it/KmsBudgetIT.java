package dev.sipcredentials.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.bandwidth.GetSipCredential;
import dev.sipcredentials.bandwidth.ListSipCredentials;
import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.kms.KmsServer;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.KeyPairVault;
import dev.sipcredentials.sealing.KmsDataKeyProvider;
import dev.sipcredentials.sealing.TenantKeyring;
import dev.sipcredentials.store.DynamoDbCredentialLister;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import dev.sipcredentials.store.TenantKeyTable;
import dev.sipcredentials.testkit.TestHandlers;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KMS calls grow with tenants, not items, counted by the local KMS endpoint (never by the code under test): the
 * deployed code path (the functions' sealers over a real KmsClient) against the engine and {@link KmsServer}.
 */
class KmsBudgetIT {
    private static final int ENTRIES = 1_000;
    private KmsServer kms;
    private KmsClient client;
    private String table;

    @BeforeEach
    void start() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        kms = KmsServer.start(KmsServer.options().port(0).persistentKey(material, "alias/sip-credentials"));
        client = KmsClient.builder().endpointOverride(kms.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
                .build();
        table = TestStack.freshTable();
    }

    @AfterEach
    void stop() {
        client.close();
        kms.close();
    }

    /** One function instance's store: its own keyring and caches, as each Lambda function has. */
    private DynamoDbSipCredentialStore instance() {
        TenantKeyring keys = new TenantKeyring(new TenantKeyTable(TestStack.client(), table),
                KeyPairVault.kms(client, kms.keyArn()), Clock.systemUTC(), TenantKeyring.MAX_CACHE_PERIOD);
        KmsDataKeyProvider perItem = new KmsDataKeyProvider(client, kms.keyArn());
        return new DynamoDbSipCredentialStore(TestStack.client(), table, Clock.systemUTC(),
                new EnvelopePasswordSealer(keys, perItem), new HashSealer(keys, perItem));
    }

    private ListSipCredentials lister() {
        TenantKeyring keys = new TenantKeyring(new TenantKeyTable(TestStack.client(), table),
                KeyPairVault.kms(client, kms.keyArn()), Clock.systemUTC(), TenantKeyring.MAX_CACHE_PERIOD);
        return new ListSipCredentials(new DynamoDbCredentialLister(TestStack.client(), table,
                new HashSealer(keys, new KmsDataKeyProvider(client, kms.keyArn())), Listings.READERS));
    }

    private static String batch(int count, String prefix) {
        StringBuilder xml = new StringBuilder("<SipCredentials>");
        for (int i = 0; i < count; i++) {
            xml.append("<SipCredential><UserName>").append(prefix).append(i).append("</UserName><Domain>bw.com</Domain>")
                    .append("<Hash1>").append(String.format("%032x", i)).append("</Hash1></SipCredential>");
        }
        return xml.append("</SipCredentials>").toString();
    }

    private static APIGatewayV2HTTPResponse create(CreateSipCredentials handler, String account, String body) {
        return ContractValidator.invoke(handler, TestStack.event(BandwidthApiIT.ROUTE,
                "/accounts/" + account + "/sipcredentials", Map.of("accountId", account), "application/xml", body,
                false, UUID.randomUUID().toString()), null);
    }

    private static APIGatewayV2HTTPResponse get(GetSipCredential handler, String account, String name) {
        return ContractValidator.invoke(handler, TestStack.event(BandwidthSipCredentialIT.GET,
                "/accounts/" + account + "/sipcredentials/" + name,
                Map.of("accountId", account, "compositeUserName", name), null, null, false,
                UUID.randomUUID().toString()), null);
    }

    @Test
    void aThousandEntryBatchAThousandItemPageAndAGetEachCostAtMostOneKmsCall() {
        CreateSipCredentials writer = TestHandlers.bandwidth(instance(), TestStack.WRITERS);
        assertThat(create(writer, "41", batch(ENTRIES, "user")).getStatusCode()).isEqualTo(201);
        assertThat(kms.counters().calls()).as("a new account: its key pair, nothing per entry")
                .isEqualTo(Map.of("GenerateDataKeyPairWithoutPlaintext", 1L));

        kms.resetCounters();
        create(writer, "41", batch(ENTRIES, "user"));
        create(writer, "41", batch(10, "more"));
        assertThat(kms.counters().totalCalls()).as("the same names again, and a new batch: no KMS call").isZero();

        ListSipCredentials list = lister();
        APIGatewayV2HTTPResponse page = Listings.listAccount(list, "41", "size", "1000");
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("<UserName>user10</UserName><Domain>bw.com</Domain><Hash1>"
                + String.format("%032x", 10) + "</Hash1>");
        assertThat(kms.counters().calls()).as("a cold reader: one Decrypt for the account, not one per item")
                .isEqualTo(Map.of("Decrypt", 1L));
        Listings.listAccount(list, "41", "size", "1000");
        assertThat(kms.counters().totalCalls()).as("a warm reader: none").isEqualTo(1);

        kms.resetCounters();
        GetSipCredential getter = new GetSipCredential(instance());
        assertThat(get(getter, "41", "user7@bw.com").getBody()).contains(String.format("%032x", 7));
        assertThat(get(getter, "41", "user8@bw.com").getBody()).contains(String.format("%032x", 8));
        assertThat(kms.counters().calls()).isEqualTo(Map.of("Decrypt", 1L));
    }

    @Test
    void kmsThrottledOnAWriteStoresNothingAndOnAReadIsA503WithRetryAfter() {
        CreateSipCredentials writer = TestHandlers.bandwidth(instance(), TestStack.WRITERS);
        assertThat(create(writer, "41", batch(3, "user")).getStatusCode()).isEqualTo(201);

        kms.setRateLimit(0);
        APIGatewayV2HTTPResponse refused = create(writer, "43", batch(3, "user"));
        assertThat(refused.getStatusCode()).as(refused.getBody()).isIn(400, 503);
        assertThat(refused.getBody()).doesNotContain("<ErrorCode>0</ErrorCode>");
        assertThat(TestStack.items(table)).extracting(i -> i.get("pk").s()).noneMatch(pk -> pk.contains("#43"));
        assertThat(kms.counters().throttled()).isPositive();

        APIGatewayV2HTTPResponse read = get(new GetSipCredential(instance()), "41", "user1@bw.com");
        assertThat(read.getStatusCode()).as(read.getBody()).isEqualTo(503);
        assertThat(read.getHeaders()).containsKey("Retry-After");
    }
}

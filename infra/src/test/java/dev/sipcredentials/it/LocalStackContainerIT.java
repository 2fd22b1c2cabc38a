package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.TestHandlers;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XML API against LocalStack's DynamoDB, for machines with a Docker engine. Everything here is also
 * covered against our DynamoDB engine (BandwidthApiIT), which runs everywhere; without Docker this class is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContainerIT {
    @Container
    private static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
                    .withServices(LocalStackContainer.Service.DYNAMODB);

    @Test
    void seedRequestIsCreatedAndRepeatIsADuplicate() {
        DynamoDbClient client = DynamoDbClients.create(
                LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.DYNAMODB), List.of());
        TemplateTables.create(client, "SipCredentials");
        CreateSipCredentials handler = TestHandlers.bandwidth(
                new DynamoDbSipCredentialStore(client, "SipCredentials", Clock.systemUTC()), TestStack.WRITERS);

        APIGatewayV2HTTPResponse created = ContractValidator.invoke(handler, TestStack.event(BandwidthApiIT.ROUTE,
                "/accounts/41/sipcredentials", Map.of("accountId", "41"), "application/xml",
                BandwidthApiIT.SEED_REQUEST, false, UUID.randomUUID().toString()), null);
        APIGatewayV2HTTPResponse repeated = ContractValidator.invoke(handler, TestStack.event(BandwidthApiIT.ROUTE,
                "/accounts/41/sipcredentials", Map.of("accountId", "41"), "application/xml",
                BandwidthApiIT.SEED_REQUEST, false, UUID.randomUUID().toString()), null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getBody()).isEqualTo(BandwidthApiIT.SEED_CREATED);
        assertThat(repeated.getStatusCode()).isEqualTo(400);
        assertThat(repeated.getBody()).contains("<ErrorCode>23009</ErrorCode>");
    }
}

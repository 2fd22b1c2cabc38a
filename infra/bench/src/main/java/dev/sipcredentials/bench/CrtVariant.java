package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.config.Settings;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The cold-start variant with the AWS CRT HTTP client: {@link DynamoDbClients#create} with only the HTTP client
 * swapped (same region, credentials, retries and timeouts), under the real XML handler.
 */
final class CrtVariant {
    private CrtVariant() {
    }

    static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> bandwidthHandler() {
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(Settings.optional("AWS_REGION").orElse("us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(AwsCrtHttpClient.builder()
                        .maxConcurrency(DynamoDbClients.WRITE_CONCURRENCY)
                        .connectionTimeout(Duration.ofSeconds(2))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(Duration.ofSeconds(5))
                        .build())
                .endpointOverride(URI.create(Settings.required("DYNAMODB_ENDPOINT")))
                .build();
        return TestHandlers.bandwidth(
                new DynamoDbSipCredentialStore(client, Settings.required("TABLE_NAME"), Clock.systemUTC()),
                Executors.newFixedThreadPool(DynamoDbClients.WRITE_CONCURRENCY));
    }
}

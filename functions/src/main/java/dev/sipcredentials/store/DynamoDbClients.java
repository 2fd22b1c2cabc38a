package dev.sipcredentials.store;

import dev.sipcredentials.config.AwsClientSettings;
import dev.sipcredentials.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Creates the DynamoDB client the way a cold Lambda wants it, with the settings every AWS client of the function
 * shares ({@link AwsClientSettings}).
 */
public final class DynamoDbClients {
    /** Concurrent writes one invocation issues; also the number of pooled keep-alive connections. */
    public static final int WRITE_CONCURRENCY = Settings.integer("WRITE_CONCURRENCY", 32);

    private DynamoDbClients() {
    }

    public static DynamoDbClient fromSettings() {
        return create(Settings.optional("DYNAMODB_ENDPOINT").map(URI::create).orElse(null), List.of());
    }

    /**
     * @param endpoint     null for AWS; DynamoDB Local's URL otherwise (then fixed dummy credentials are used)
     * @param interceptors extra SDK interceptors, for tests that inject store faults
     */
    public static DynamoDbClient create(URI endpoint, List<ExecutionInterceptor> interceptors) {
        AwsClientSettings.keepAliveConnections(WRITE_CONCURRENCY);
        AwsCredentialsProvider credentials = endpoint != null
                // DynamoDB Local accepts any credentials; a fixed pair keeps a laptop free of AWS setup.
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : AwsClientSettings.lambdaCredentials();
        var builder = DynamoDbClient.builder()
                .region(AwsClientSettings.region())
                .credentialsProvider(credentials)
                .httpClient(AwsClientSettings.httpClient())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(Duration.ofSeconds(5))
                        .executionInterceptors(interceptors)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}

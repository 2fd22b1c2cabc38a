package dev.sipcredentials.store;

import dev.sipcredentials.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Creates the DynamoDB client the way a cold Lambda wants it: the URLConnection HTTP client (no Apache or
 * Netty on the class path), region and credentials given explicitly so the SDK does not search for them.
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
        // HttpURLConnection keeps at most http.maxConnections idle connections per host (default 5); with
        // more concurrent writes than that, each extra write would open a new TLS connection. Read once by
        // the JDK when the keep-alive cache is first used, so it is set before the first request.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(WRITE_CONCURRENCY));
        }
        AwsCredentialsProvider credentials = endpoint != null
                // DynamoDB Local accepts any credentials; a fixed pair keeps a laptop free of AWS setup.
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : lambdaCredentials();
        var builder = DynamoDbClient.builder()
                .region(region())
                .credentialsProvider(credentials)
                .httpClient(httpClient())
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

    /** The region every AWS client of the function talks to (Lambda sets AWS_REGION). */
    static Region region() {
        return Region.of(Settings.optional("AWS_REGION").orElse("us-east-1"));
    }

    /** The HTTP client settings every AWS client of the function uses (DynamoDB here, KMS for passwords). */
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * The function role's credentials as Lambda hands them over: with SnapStart through the container credentials
     * endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN), without it in the
     * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN variables. Only these two are tried, so the SDK
     * does not search profiles or instance metadata on a cold start.
     */
    static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(ContainerCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create());
    }
}

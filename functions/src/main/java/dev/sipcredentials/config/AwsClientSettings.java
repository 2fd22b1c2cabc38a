package dev.sipcredentials.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;

/**
 * What every AWS client of the function (DynamoDB, KMS) is built with, the way a cold Lambda wants it: the
 * URLConnection HTTP client (no Apache or Netty on the class path), region and credentials given explicitly so the
 * SDK does not search for them.
 */
public final class AwsClientSettings {
    private AwsClientSettings() {
    }

    /**
     * HttpURLConnection keeps at most {@code http.maxConnections} idle connections per host (default 5), JVM-wide;
     * with more concurrent calls than that, each extra one would open a new TLS connection. Read once by the JDK
     * when the keep-alive cache is first used, so it is set before the first request; an explicit setting wins.
     */
    public static void keepAliveConnections(int connections) {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(connections));
        }
    }

    /** The region every AWS client of the function talks to (Lambda sets AWS_REGION). */
    public static Region region() {
        return Region.of(Settings.optional("AWS_REGION").orElse("us-east-1"));
    }

    /** The HTTP client settings every AWS client of the function uses (DynamoDB here, KMS for passwords). */
    public static SdkHttpClient httpClient() {
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
    public static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(ContainerCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create());
    }
}

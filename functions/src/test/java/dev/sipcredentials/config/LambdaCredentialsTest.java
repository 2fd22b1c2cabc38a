package dev.sipcredentials.config;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With SnapStart, Lambda hands the role's credentials over only through the container credentials endpoint,
 * not in AWS_ACCESS_KEY_ID & co: a client built with the environment provider alone fails every call there.
 * The SDK reads the endpoint from aws.containerCredentialsFullUri / aws.containerAuthorizationToken too, which
 * lets this test play Lambda's part on loopback.
 */
class LambdaCredentialsTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void credentialsComeFromTheContainerEndpointAsUnderSnapStart() throws IOException {
        AtomicReference<String> authorization = new AtomicReference<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2018-06-01/credentials", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIASNAPSTART\",\"SecretAccessKey\":\"secret-from-endpoint\","
                    + "\"Token\":\"session-from-endpoint\",\"Expiration\":\"2099-01-01T00:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.setProperty("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/2018-06-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", "lambda-authorization-token");

        AwsCredentials credentials = AwsClientSettings.lambdaCredentials().resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIASNAPSTART");
        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("session-from-endpoint");
        assertThat(authorization.get()).isEqualTo("lambda-authorization-token");
    }
}

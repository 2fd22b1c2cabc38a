package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainArgumentsTest {

    @Test
    void defaultsToPort3000InMemoryAndTheTemplateFoundFromTheWorkingDirectory() {
        Main.Arguments arguments = Main.Arguments.parse();

        assertThat(arguments.help()).isFalse();
        assertThat(arguments.options()).isEqualTo(new LocalStack.Options(3000, null, null, null, true, 0, LocalStack.Limits.defaults()));
    }

    @Test
    void readsPortDbPathAndTemplate() {
        Main.Arguments arguments = Main.Arguments.parse("--port", "0", "--db-path", "data", "--template", "t.yaml");

        assertThat(arguments.options()).isEqualTo(new LocalStack.Options(0, Path.of("data"), Path.of("t.yaml"), null, true, 0, LocalStack.Limits.defaults()));
    }

    @Test
    void fixesTheEmbeddedDynamoDbPort() {
        assertThat(Main.Arguments.parse("--dynamodb-port", "8000").options().dynamoDbPort()).isEqualTo(8000);
        assertThatThrownBy(() -> Main.Arguments.parse("--dynamodb-port", "-1")).hasMessageContaining("0..65535");

    }

    @Test
    void logsAreTextByDefaultAndJsonOnRequest() {
        assertThat(Main.Arguments.parse().jsonLogs()).isFalse();
        assertThat(Main.Arguments.parse("--log-format", "json").jsonLogs()).isTrue();
        assertThat(Main.Arguments.parse("--log-format", "text").jsonLogs()).isFalse();
        assertThatThrownBy(() -> Main.Arguments.parse("--log-format", "xml")).hasMessageContaining("text or json");
    }

    @Test
    void recognisesHelp() {
        assertThat(Main.Arguments.parse("--help").help()).isTrue();
        assertThat(Main.Arguments.parse("-h").help()).isTrue();
    }

    @Test
    void refusesUnknownOptionsMissingValuesAndBadPorts() {
        assertThatThrownBy(() -> Main.Arguments.parse("--verbose")).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> Main.Arguments.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.Arguments.parse("--port", "--db-path")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Main.Arguments.parse("--port", "70000")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> Main.Arguments.parse("--port", "abc")).hasMessageContaining("0..65535");
    }

    @Test
    void readsStateDirAndNoAuth() {
        Main.Arguments arguments = Main.Arguments.parse("--state-dir", "st", "--no-auth");

        assertThat(arguments.options().stateDir()).isEqualTo(Path.of("st"));
        assertThat(arguments.options().auth()).isFalse();
        assertThat(Main.Arguments.parse().options().auth()).as("auth on by default").isTrue();
    }

    @Test
    void tokenCommandPairsEachOrganizationWithTheVendorBeforeIt() {
        String v1 = "10000000-0000-4000-8000-000000000001";
        String v2 = "10000000-0000-4000-8000-000000000002";
        String o1 = "20000000-0000-4000-8000-000000000001";
        String o2 = "20000000-0000-4000-8000-000000000002";
        String o3 = "20000000-0000-4000-8000-000000000003";
        TokenCommand.Request request = TokenCommand.parse("--account", "41", "--vendor", v1, "--organization", o1,
                "--organization", o2, "--vendor", v2, "--organization", o3, "--hours", "2");

        assertThat(request.accounts()).containsExactly("41");
        assertThat(request.organizations()).containsExactly(v1 + "/" + o1, v1 + "/" + o2, v2 + "/" + o3);
        assertThat(request.hours()).isEqualTo(2);
        assertThatThrownBy(() -> TokenCommand.parse()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> TokenCommand.parse("--organization", o1)).hasMessageContaining("--vendor");
    }

    @Test
    void cloudLimitsOptions() {
        LocalStack.Limits limits = Main.Arguments.parse("--dynamodb-latency-ms", "5,3", "--kms-latency-ms", "5",
                "--kms-rate-limit", "100").options().limits();
        assertThat(limits).isEqualTo(new LocalStack.Limits(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(3),
                java.time.Duration.ofMillis(5), 100, 0));
        assertThat(Main.Arguments.parse("--dynamodb-latency-ms", "4").options().limits().dynamoDbReadLatency())
                .isEqualTo(java.time.Duration.ofMillis(4));
        assertThat(Main.Arguments.parse().options().limits().kmsRateLimit()).isEqualTo(5500);
        assertThatThrownBy(() -> Main.Arguments.parse("--kms-rate-limit", "0")).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Main.Arguments.parse("--kms-rate-limit", "fast")).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Main.Arguments.parse("--kms-latency-ms", "-1")).hasMessageContaining("0..60000");
        assertThatThrownBy(() -> Main.Arguments.parse("--dynamodb-latency-ms", "5,3,1")).hasMessageContaining("WRITES,READS");
        assertThatThrownBy(() -> Main.Arguments.parse("--dynamodb-latency-ms", "5,")).hasMessageContaining("0..60000");
    }

    /** A development token is a bearer secret: it may live a working day, not a month. */
    @Test
    void tokenLifetimeIsCappedAt24Hours() {
        assertThat(TokenCommand.parse("--account", "41", "--hours", "24").hours()).isEqualTo(24);
        assertThatThrownBy(() -> TokenCommand.parse("--account", "41", "--hours", "25")).hasMessageContaining("1..24");
        assertThatThrownBy(() -> TokenCommand.parse("--account", "41", "--hours", "720")).hasMessageContaining("1..24");
        assertThatThrownBy(() -> TokenCommand.parse("--account", "41", "--hours", "0")).hasMessageContaining("1..24");
    }
}

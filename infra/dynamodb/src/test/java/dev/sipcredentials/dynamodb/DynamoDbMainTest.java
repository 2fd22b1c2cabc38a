package dev.sipcredentials.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The engine's command line: a bad argument is a message for one line (main prints it and exits 2), not a trace. */
class DynamoDbMainTest {

    @Test
    void readsPortDbPathAndPartitionLimits() {
        DynamoDbEngine.Options options = DynamoDbMain.parse("--port", "0", "--db-path", "data", "--partition-limits");

        assertThat(options.port).isZero();
        assertThat(options.dbPath).isEqualTo(Path.of("data"));
        assertThat(options.partitionLimits).isTrue();
        assertThat(DynamoDbMain.parse().port).as("default").isEqualTo(8000);
        assertThat(DynamoDbMain.parse("--help")).isNull();
    }

    @Test
    void refusesBadPortsUnknownOptionsAndMissingValuesWithAMessage() {
        assertThatThrownBy(() -> DynamoDbMain.parse("--port", "abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port must be 0..65535: abc");
        assertThatThrownBy(() -> DynamoDbMain.parse("--port", "70000")).hasMessage("--port must be 0..65535: 70000");
        assertThatThrownBy(() -> DynamoDbMain.parse("--verbose")).hasMessage("unknown option: --verbose");
        assertThatThrownBy(() -> DynamoDbMain.parse("--db-path")).hasMessage("--db-path needs a value");
    }

    @Test
    void readsTheTableStatusDelayAndRefusesABadOne() {
        assertThat(DynamoDbMain.parse("--table-status-delay", "1000").tableStatusDelay)
                .isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(DynamoDbMain.parse().tableStatusDelay).as("default").isEqualTo(java.time.Duration.ZERO);
        assertThatThrownBy(() -> DynamoDbMain.parse("--table-status-delay", "-5"))
                .hasMessage("--table-status-delay needs a whole number of milliseconds from 0: -5");
        assertThatThrownBy(() -> DynamoDbMain.parse("--table-status-delay", "soon"))
                .hasMessage("--table-status-delay needs a whole number of milliseconds from 0: soon");
    }
}

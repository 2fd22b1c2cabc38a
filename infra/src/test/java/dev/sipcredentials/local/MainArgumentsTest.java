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
    assertThat(arguments.options()).isEqualTo(new LocalStack.Options(3000, null, null));
  }

  @Test
  void readsPortDbPathAndTemplate() {
    Main.Arguments arguments = Main.Arguments.parse("--port", "0", "--db-path", "data", "--template", "t.yaml");

    assertThat(arguments.options()).isEqualTo(new LocalStack.Options(0, Path.of("data"), Path.of("t.yaml")));
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
}

package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command of the local jar answers a bad argument with one line on standard error naming the problem and exit
 * status 2: never the whole usage, never a stack trace, never the status that means "the function threw".
 */
class CommandLineErrorsTest {

    @TempDir
    static Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(BiFunction<PrintStream, PrintStream, Integer> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.apply(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> badArguments() throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), "{\"version\":\"2.0\"}");
        Path notJson = Files.writeString(dir.resolve("not.json"), "{not json");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        Path badSection = Files.writeString(dir.resolve("section.json"), "{\"Parameters\": \"x\"}");
        String template = TestTemplates.project().toString();
        String function = "DeepslateGetSipCredentialFunction";
        return Stream.of(
                Arguments.of("sip-credentials-local", new String[] {"--port", "abc"}, "a port must be 0..65535: abc"),
                Arguments.of("sip-credentials-local", new String[] {"--verbose"}, "Unknown option: --verbose"),
                Arguments.of("sip-credentials-local", new String[] {"--template"}, "--template needs a value"),
                Arguments.of("invoke", new String[] {function, "--template", template, "--event", event.toString(),
                        "--env-vars", "env.json"}, "cannot read --env-vars env.json: no such file"),
                Arguments.of("invoke", new String[] {function, "--template", template, "--event", event.toString(),
                        "--env-vars", notJson.toString()}, "is not JSON"),
                Arguments.of("invoke", new String[] {function, "--template", template, "--event", event.toString(),
                        "--env-vars", array.toString()}, "must be a JSON object"),
                Arguments.of("invoke", new String[] {function, "--template", template, "--event", event.toString(),
                        "--env-vars", badSection.toString()}, "\"Parameters\" must be an object"),
                Arguments.of("invoke", new String[] {function, "--template", template, "--event", "missing.json"},
                        "cannot read --event missing.json: no such file"),
                Arguments.of("invoke", new String[] {function, "--template", template, "--event", notJson.toString()},
                        "is not JSON"),
                Arguments.of("invoke", new String[] {"NoSuchFunction", "--template", template, "--event",
                        event.toString()}, "No function NoSuchFunction"),
                Arguments.of("invoke", new String[] {function}, "invoke needs --event FILE"),
                Arguments.of("token", new String[] {"--hours", "abc"}, "--hours must be a number"),
                Arguments.of("token", new String[] {"--account"}, "--account needs a value"),
                Arguments.of("hash", new String[] {"--username"}, "--username needs a value"),
                Arguments.of("migrate-listing", new String[] {"--page-size", "abc"},
                        "--page-size must be a number 1 to 10000: abc"),
                Arguments.of("migrate-listing", new String[] {"--bogus"}, "Unknown migrate-listing option: --bogus"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badArguments")
    void aBadArgumentIsOneLineOnStandardErrorAndExitStatus2(String command, String[] args, String problem) {
        Run run = run((out, err) -> switch (command) {
            case "sip-credentials-local" -> Main.checkArguments(args, out, err);
            case "invoke" -> InvokeCommand.run(args, out, err);
            case "token" -> TokenCommand.run(args, out, err);
            case "hash" -> HashCommand.run(args, new ByteArrayInputStream("secret\n".getBytes(StandardCharsets.UTF_8)),
                    out, err);
            case "migrate-listing" -> MigrateListingCommand.run(args, out, err);
            default -> throw new IllegalArgumentException(command);
        });

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith(command + ": ").contains(problem)
                .endsWith("(" + command + " --help shows the options)" + System.lineSeparator())
                .doesNotContain("Exception", "\tat ", "Usage:");
    }
}

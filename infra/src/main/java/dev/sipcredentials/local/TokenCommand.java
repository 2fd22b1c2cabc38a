package dev.sipcredentials.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar sip-credentials-local.jar token --account 41 --vendor V --organization O}: prints a development
 * token signed with the local key in the state directory, for the issuer and audience template.yaml's authorizer
 * checks. Each {@code --organization} pairs with the {@code --vendor} before it.
 */
final class TokenCommand {

    /** An hour: a bearer secret printed in a terminal should not outlive the session it is for (--hours for more). */
    static final int DEFAULT_HOURS = 1;
    /**
     * A development token is a bearer secret that cannot be revoked (only a new signing key ends it): it may last a
     * working day, not the month earlier versions allowed.
     */
    static final int MAX_HOURS = (int) LocalJwtAuthorizer.MAX_LIFETIME.toHours();

    static final String USAGE = String.join("\n",
            "Usage: java -jar infra/target/sip-credentials-local.jar token [--account ID]... [--vendor V --organization O]...",
            "",
            "Prints a development token for the local stack, signed with the key in its state directory, granting the",
            "Bandwidth accounts and deepslate vendor/organization pairs given (at least one).",
            "",
            "Options:",
            "  --account ID        an account id: 1 to 32 letters, digits, '-' or '_' (repeatable)",
            "  --vendor V          a vendor UUID; pairs with each --organization after it",
            "  --organization O    an organization UUID (repeatable)",
            "  --hours N           validity in hours (default " + DEFAULT_HOURS + ")",
            "  --state-dir DIR     the local stack's state directory (default: .local next to the template)",
            "  --template FILE     SAM template whose JWT authorizer the token is for (default: template.yaml of the checkout)",
            "  --help              show this help",
            "",
            "Example: TOKEN=$(java -jar infra/target/sip-credentials-local.jar token --account 41)");
    /** The functions' own rules: an id they would refuse (1100 / VALIDATION_FAILED) is refused here, not signed. */
    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TokenCommand() {}

    record Request(List<String> accounts, List<String> organizations, Path stateDir, Path template, int hours) {}

    static Request parse(String... args) {
        List<String> accounts = new ArrayList<>();
        List<String> organizations = new ArrayList<>();
        Path stateDir = null;
        Path template = null;
        int hours = DEFAULT_HOURS;
        String vendor = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--account" -> accounts.add(checked(Main.Arguments.value(args, ++i, arg), ACCOUNT_ID,
                        "--account must be 1 to 32 letters, digits, '-' or '_'"));
                case "--vendor" -> vendor = checked(Main.Arguments.value(args, ++i, arg), UUID_TEXT,
                        "--vendor must be a UUID (8-4-4-4-12 hex digits)");
                case "--organization" -> {
                    if (vendor == null) {
                        throw new IllegalArgumentException("--organization needs a --vendor before it");
                    }
                    organizations.add(vendor + "/" + checked(Main.Arguments.value(args, ++i, arg), UUID_TEXT,
                            "--organization must be a UUID (8-4-4-4-12 hex digits)"));
                }
                case "--state-dir" -> stateDir = Path.of(Main.Arguments.value(args, ++i, arg));
                case "--template" -> template = Path.of(Main.Arguments.value(args, ++i, arg));
                case "--hours" -> {
                    try {
                        hours = Integer.parseInt(Main.Arguments.value(args, ++i, arg));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--hours must be a number");
                    }
                    if (hours < 1 || hours > MAX_HOURS) {
                        throw new IllegalArgumentException("--hours must be 1.." + MAX_HOURS);
                    }
                }
                default -> throw new IllegalArgumentException("Unknown token option: " + arg);
            }
        }
        if (accounts.isEmpty() && organizations.isEmpty()) {
            throw new IllegalArgumentException("token needs at least one --account or --vendor V --organization O");
        }
        return new Request(accounts, organizations, stateDir, template, hours);
    }

    private static String checked(String value, java.util.regex.Pattern rule, String message) {
        if (!rule.matcher(value).matches()) {
            throw new IllegalArgumentException(message + ": " + value);
        }
        return value;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Request request = parse(args);
            Path templateFile = request.template() != null ? request.template()
                    : SamTemplate.locate(Path.of(System.getProperty("user.dir")));
            JwtAuthorizerConfig config = JwtAuthorizerConfig.fromTemplate(templateFile).orElseThrow(
                    () -> new IllegalArgumentException(templateFile + " declares no JWT authorizer; no token is needed"));
            LocalJwtAuthorizer authorizer = new LocalJwtAuthorizer(config,
                    new LocalStateDirectory(request.stateDir() != null ? request.stateDir()
                            : LocalStateDirectory.besideTemplate(templateFile)).jwtSigningKey(), Clock.systemUTC());
            out.println(authorizer.issue(request.accounts(), request.organizations(), Duration.ofHours(request.hours())));
            return 0;
        } catch (RuntimeException e) {
            return Main.usageError(err, "token", e.getMessage());
        }
    }
}

package dev.sipcredentials.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import dev.sipcredentials.kms.KmsServer;
import sun.misc.Signal;

/**
 * {@code java -jar infra/target/sip-credentials-local.jar [--port N] [--db-path DIR] [--template FILE]}: starts the
 * local stack and serves until Ctrl-C.
 */
public final class Main {

    static final String READY_MARKER = "Local stack ready at ";

    /** Exit statuses of every command of the jar (infra/README-local-stack.md, "Exit statuses"). */
    static final int EXIT_OK = 0;
    /** The command ran and failed: the stack could not start, invoke's function threw, a migration stopped. */
    static final int EXIT_FAILED = 1;
    /** Bad usage: an unknown option, a missing or malformed value, a file named on the command line unreadable. */
    static final int EXIT_USAGE = 2;
    /** invoke could not run the function at all (e.g. the DynamoDB named with --dynamodb is unreachable). */
    static final int EXIT_COULD_NOT_RUN = 3;

    /** Bad usage, said in one line on standard error: the command, the problem, where the help is. */
    static int usageError(PrintStream err, String command, String problem) {
        err.println(command + ": " + oneLine(problem) + " (" + command + " --help shows the options)");
        err.flush();
        return EXIT_USAGE;
    }

    /** A message on one line: what a user reads, never a stack trace. */
    static String oneLine(String message) {
        return message == null ? "unexpected error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static final String USAGE = String.join("\n",
            "Usage: java -jar infra/target/sip-credentials-local.jar [options]",
            "       java -jar infra/target/sip-credentials-local.jar token [--account ID]... [--vendor V --organization O]...",
            "       java -jar infra/target/sip-credentials-local.jar dynamodb [--port N] [--db-path DIR]",
            "       java -jar infra/target/sip-credentials-local.jar invoke <FunctionLogicalId> --event FILE [--env-vars FILE]",
            "       java -jar infra/target/sip-credentials-local.jar hash --username U [--domain D] --realm R < password",
            "       java -jar infra/target/sip-credentials-local.jar migrate-listing --endpoint URL --table T | --db-path DIR",
            "",
            "Serves template.yaml's HttpApi routes on 127.0.0.1 the way API Gateway HTTP API (payload 2.0) would, invoking",
            "the Lambda handlers in-process, over our DynamoDB engine with the template's tables and our KMS endpoint (the",
            "functions' own KMS client seals through it; counts at /_local/kms). The template's JWT authorizer",
            "is emulated with a signing key kept in the state directory: requests need 'Authorization: Bearer TOKEN'.",
            "",
            "Options:",
            "  --port N          HTTP port on 127.0.0.1 (default " + LocalStack.DEFAULT_PORT + "; 0 picks a free port)",
            "  --db-path DIR     keep the database in DIR across restarts (default: in memory)",
            "  --dynamodb-port N the embedded DynamoDB's port on 127.0.0.1 (default: a free port, shown in the banner)",
            "  --template FILE   SAM template to serve (default: template.yaml of the checkout you are in)",
            "  --state-dir DIR   local signing key, KMS key and password master key, created on first start",
            "                    (default: .local next to the template)",
            "  --no-auth         no token needed: every request is granted the tenant in its path",
            "  --dynamodb-latency-ms W[,R]",
            "                    DynamoDB-like latency: each write request waits W ms, each read R ms (default 0;",
            "                    W alone: both), e.g. 5,3",
            "  --kms-latency-ms N",
            "                    each request to the local KMS endpoint waits N ms (default 0)",
            "  --kms-rate-limit N",
            "                    KMS's request quota, shared by all operations, in requests/s (default "
                    + (long) KmsServer.DEFAULT_RATE_LIMIT + ",",
            "                    the smallest regional one); beyond it ThrottlingException, which the SDK retries",
            "  --log-format F    text (default): one access line per request; json: also the functions' structured",
            "                    lines (request log, EMF metrics) exactly as Lambda gets them",
            "  --tenant-rate-limit N  per-tenant limit on every route, N units per second per tenant (a batch entry or",
            "                    a page item is a unit, any other request one); 429 past it. Default: off",
            "  --help            show this help",
            "",
            "token: prints a development token (valid " + TokenCommand.DEFAULT_HOURS + " h by default) granting the accounts and",
            "vendor/organization pairs given; also takes --state-dir, --template and --hours N (1..24; token --help).",
            "hash: prints Hash1 and Hash1b for a Bandwidth request from the password on standard input (hash --help).",
            "reseal, rotate-tenant-keys: the key hierarchy's operator commands (reseal --help).",
            "migrate-listing: adds the listing keys to items written before the listing index (migrate-listing --help).",
            "invoke: runs one function once with an event file, like 'sam local invoke' without Docker (invoke --help).",
            "",
            "While it runs: the API contract at /openapi.yaml, and a page to try every route at /docs.",
            "",
            "dynamodb: runs only the DynamoDB-compatible engine, for other tools (AWS CLI, boto3, SDKs); --help for more.",
            "",
            "Ctrl-C stops the HTTP server and the database and exits 0.");

    static final String SEED_ACCOUNT = "41";
    static final String SEED_VENDOR = "3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10";
    static final String SEED_ORGANIZATION = "8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13";

    private Main() {}

    /** The parsed command line. */
    record Arguments(LocalStack.Options options, boolean help, boolean jsonLogs) {
        static Arguments parse(String... args) {
            LocalStack.Options options = LocalStack.Options.defaults();
            boolean jsonLogs = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Arguments(options, true, jsonLogs);
                    }
                    case "--log-format" -> {
                        String format = value(args, ++i, arg);
                        if (!format.equals("text") && !format.equals("json")) {
                            throw new IllegalArgumentException("--log-format must be text or json: " + format);
                        }
                        jsonLogs = format.equals("json");
                    }
                    case "--port" -> options = options.withPort(port(value(args, ++i, arg)));
                    case "--dynamodb-port" -> options = options.withDynamoDbPort(port(value(args, ++i, arg)));
                    case "--db-path" -> options = options.withDbPath(Path.of(value(args, ++i, arg)));
                    case "--template" -> options = options.withTemplate(Path.of(value(args, ++i, arg)));
                    case "--state-dir" -> options = options.withStateDir(Path.of(value(args, ++i, arg)));
                    case "--no-auth" -> options = options.withAuth(false);
                    case "--dynamodb-latency-ms" -> {
                        String[] parts = value(args, ++i, arg).split(",", -1);
                        if (parts.length > 2) {
                            throw new IllegalArgumentException(arg + " is N or WRITES,READS in milliseconds");
                        }
                        Duration writes = millis(arg, parts[0]);
                        Duration reads = parts.length == 2 ? millis(arg, parts[1]) : writes;
                        options = options.withLimits(options.limits().withDynamoDbLatency(writes, reads));
                    }
                    case "--kms-latency-ms" -> options = options.withLimits(
                            options.limits().withKmsLatency(millis(arg, value(args, ++i, arg))));
                    case "--kms-rate-limit" -> options = options.withLimits(
                            options.limits().withKmsRateLimit(rate(arg, value(args, ++i, arg))));
                    case "--tenant-rate-limit" -> options = options.withTenantRateLimit(unitsPerSecond(value(args, ++i, arg)));
                    default -> throw new IllegalArgumentException("Unknown option: " + arg);
                }
            }
            return new Arguments(options, false, jsonLogs);
        }

        static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static Duration millis(String option, String text) {
            try {
                int ms = Integer.parseInt(text.strip());
                if (ms < 0 || ms > 60_000) {
                    throw new NumberFormatException();
                }
                return Duration.ofMillis(ms);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes milliseconds 0..60000: " + text);
            }
        }

        private static double rate(String option, String text) {
            try {
                int perSecond = Integer.parseInt(text.strip());
                if (perSecond < 1) {
                    throw new NumberFormatException();
                }
                return perSecond;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes requests per second, a whole number >= 1: " + text);
            }
        }

        private static double unitsPerSecond(String text) {
            try {
                double units = Double.parseDouble(text);
                if (units >= 0 && !Double.isInfinite(units)) {
                    return units;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("--tenant-rate-limit takes units per second, 0 or more: " + text);
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a port must be 0..65535: " + text);
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "invoke" -> System.exit(InvokeCommand.run(rest, System.out, System.err));
            case "token" -> System.exit(TokenCommand.run(rest, System.out, System.err));
            case "hash" -> System.exit(HashCommand.run(rest, System.in, System.out, System.err));
            case "migrate-listing" -> System.exit(MigrateListingCommand.run(rest, System.out, System.err));
            case "reseal", "rotate-tenant-keys" -> System.exit(KeysCommand.run(command, rest, System.out, System.err));
            case "dynamodb" -> dev.sipcredentials.dynamodb.DynamoDbMain.main(rest);
            default -> serve(args);
        }
    }

    /** The local stack: serves until SIGINT or SIGTERM (exit 0), or exits at once with a usage or start error. */
    private static void serve(String[] args) throws InterruptedException {
        int status = checkArguments(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
            return;
        }
        Arguments arguments = Arguments.parse(args);
        LocalStack stack;
        try {
            stack = LocalStack.start(arguments.options(), arguments.jsonLogs());
        } catch (RuntimeException e) {
            System.err.println("Local stack failed to start: " + oneLine(e.getMessage())
                    + (e.getCause() == null ? "" : " (" + oneLine(String.valueOf(e.getCause())) + ")"));
            System.exit(EXIT_FAILED);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        // Handle INT and TERM ourselves: a plain shutdown hook would stop cleanly too, but the JVM would then exit with
        // 128+signal instead of 0.
        for (String signal : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(signal), s -> {
                System.out.println("Stopping local stack (SIG" + s.getName() + ")");
                stack.close();
                System.out.println("Stopped.");
                stopped.countDown();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));

        printBanner(System.out, stack);
        stopped.await();
    }

    /** -1 when the stack is to start; else the exit status, the help or the one-line error already printed. */
    static int checkArguments(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            return usageError(err, "sip-credentials-local", e.getMessage());
        }
        if (arguments.help()) {
            out.println(USAGE);
            return EXIT_OK;
        }
        return -1;
    }

    static void printBanner(PrintStream out, LocalStack stack) {
        out.println("SIP credentials local stack");
        out.println("  template  " + stack.templateFile());
        EmbeddedDynamoDb db = stack.dynamoDb();
        out.println("  dynamodb  " + db.endpoint() + (db.dbPath() == null ? " (in memory)" : " (data in " + db.dbPath() + ")"));
        LocalStack.Limits limits = stack.options().limits();
        if (!limits.dynamoDbWriteLatency().isZero() || !limits.dynamoDbReadLatency().isZero()) {
            out.println("  latency   dynamodb " + limits.dynamoDbWriteLatency().toMillis() + " ms per write, "
                    + limits.dynamoDbReadLatency().toMillis() + " ms per read");
        }
        out.println("  kms       " + stack.kms().endpoint() + "  key " + LocalKms.ALIAS + " (" + stack.kms().keyArn()
                + "), " + (long) stack.kms().rateLimit() + " requests/s, " + stack.kms().latency().toMillis()
                + " ms per request; counts at " + stack.baseUrl() + "/_local/kms");
        for (Map.Entry<String, Boolean> table : stack.tablesCreated().entrySet()) {
            out.println("  table     " + table.getKey() + (table.getValue() ? " (created)" : " (kept from --db-path)"));
        }
        for (RouteTable.Route route : stack.routes()) {
            SamTemplate.Function function = stack.template().function(route.functionId()).orElseThrow();
            out.println("  route     " + route.routeKey() + "  ->  " + function.logicalId()
                    + " (" + function.handlerClass() + "::" + function.handlerMethod() + ")");
        }
        out.println("  auth      " + stack.authDescription());
        out.println("  docs      " + stack.baseUrl() + ApiDocsPages.DOCS_PATH + "  (try every route; paste the token under"
                + " Authorize)  contract " + stack.baseUrl() + ApiDocsPages.OPENAPI_PATH);
        out.println("  state     " + stack.stateDir().directory());
        for (String warning : stack.warnings()) {
            out.println("  warning   " + warning);
        }
        String token = stack.authorizer().map(Main::bannerToken).orElse(null);
        if (token != null) {
            java.nio.file.Path file = stack.stateDir().writeToken(token);
            out.println();
            out.println("Development token (" + TokenCommand.DEFAULT_HOURS + " h; grants account " + SEED_ACCOUNT
                    + " and organization " + SEED_VENDOR + "/" + SEED_ORGANIZATION + "), also written to " + file
                    + " (another shell: TOKEN=$(cat " + file + ")):");
            out.println("TOKEN=" + token);
            out.println("Tokens for other tenants: java -jar infra/target/sip-credentials-local.jar token --account ID"
                    + " --vendor V --organization O" + stateDirOption(stack));
        }
        printExample(out, stack, "/accounts/" + SEED_ACCOUNT + "/sipcredentials", "application/xml",
                "bandwidth-sipcredentials.xml", token);
        printExample(out, stack,
                "/api/v1/vendors/" + SEED_VENDOR + "/organizations/" + SEED_ORGANIZATION + "/sip/credentials",
                "application/json", "deepslate-create-sip-credentials.json", token);
        out.println(READY_MARKER + stack.baseUrl() + "  (Ctrl-C to stop)");
        out.flush();
    }

    /** The banner's development token: the tenants of the seed requests, the README's examples and /docs. */
    static String bannerToken(LocalJwtAuthorizer authorizer) {
        return authorizer.issue(java.util.List.of(SEED_ACCOUNT), java.util.List.of(SEED_VENDOR + "/" + SEED_ORGANIZATION),
                java.time.Duration.ofHours(TokenCommand.DEFAULT_HOURS));
    }

    /** A ready-to-paste curl for a seed request, shown only if the template serves that path. */
    private static String stateDirOption(LocalStack stack) {
        java.nio.file.Path standard = LocalStateDirectory.besideTemplate(stack.templateFile());
        return stack.stateDir().directory().equals(standard) ? "" : " --state-dir " + stack.stateDir().directory();
    }

    private static void printExample(PrintStream out, LocalStack stack, String path, String contentType, String seed,
            String token) {
        boolean served = stack.route("POST", path).filter(m -> !m.route().event().isDefaultRoute()).isPresent();
        if (!served) {
            return;
        }
        out.println();
        out.println("Try:");
        out.println("curl -i -X POST '" + stack.baseUrl() + path + "' \\");
        if (token != null) {
            out.println("  -H \"Authorization: Bearer $TOKEN\" \\"); // the token once in the banner, above
        }
        out.println("  -H 'Content-Type: " + contentType + "' \\");
        out.println("  --data-binary '" + seed(seed).strip() + "'");
        out.println();
    }

    private static String seed(String name) {
        try (InputStream in = Main.class.getResourceAsStream("/seed-requests/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource seed-requests/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sipcredentials.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code java -jar infra/target/sip-credentials-local.jar [--port N] [--db-path DIR] [--template FILE]}: starts the
 * local stack and serves until Ctrl-C.
 */
public final class Main {

    static final String READY_MARKER = "Local stack ready at ";

    private static final String USAGE = String.join("\n",
            "Usage: java -jar infra/target/sip-credentials-local.jar [options]",
            "       java -jar infra/target/sip-credentials-local.jar token [--account ID]... [--vendor V --organization O]...",
            "       java -jar infra/target/sip-credentials-local.jar dynamodb [--port N] [--db-path DIR]",
            "       java -jar infra/target/sip-credentials-local.jar invoke <FunctionLogicalId> --event FILE [--env-vars FILE]",
            "       java -jar infra/target/sip-credentials-local.jar hash --username U [--domain D] --realm R < password",
            "       java -jar infra/target/sip-credentials-local.jar migrate-listing --endpoint URL --table T | --db-path DIR",
            "",
            "Serves template.yaml's HttpApi routes on 127.0.0.1 the way API Gateway HTTP API (payload 2.0) would, invoking",
            "the Lambda handlers in-process, over our DynamoDB engine with the template's tables. The template's JWT authorizer",
            "is emulated with a signing key kept in the state directory: requests need 'Authorization: Bearer TOKEN'.",
            "",
            "Options:",
            "  --port N          HTTP port on 127.0.0.1 (default " + LocalStack.DEFAULT_PORT + "; 0 picks a free port)",
            "  --db-path DIR     keep the database in DIR across restarts (default: in memory)",
            "  --dynamodb-port N the embedded DynamoDB's port on 127.0.0.1 (default: a free port, shown in the banner)",
            "  --template FILE   SAM template to serve (default: template.yaml of the checkout you are in)",
            "  --state-dir DIR   local signing key and password master key, created on first start",
            "                    (default: .local next to the template)",
            "  --no-auth         no token needed: every request is granted the tenant in its path",
            "  --tenant-rate-limit N  per-tenant limit on every route, N units per second per tenant (a batch entry or",
            "                    a page item is a unit, any other request one); 429 past it. Default: off",
            "  --help            show this help",
            "",
            "token: prints a development token (valid " + TokenCommand.DEFAULT_HOURS + " h) granting the accounts and",
            "vendor/organization pairs given; also takes --state-dir, --template and --hours N (1..24; token --help).",
            "hash: prints Hash1 and Hash1b for a Bandwidth request from the password on standard input (hash --help).",
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
    record Arguments(LocalStack.Options options, boolean help) {
        static Arguments parse(String... args) {
            LocalStack.Options options = LocalStack.Options.defaults();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Arguments(options, true);
                    }
                    case "--port" -> options = options.withPort(port(value(args, ++i, arg)));
                    case "--dynamodb-port" -> options = options.withDynamoDbPort(port(value(args, ++i, arg)));
                    case "--db-path" -> options = options.withDbPath(Path.of(value(args, ++i, arg)));
                    case "--template" -> options = options.withTemplate(Path.of(value(args, ++i, arg)));
                    case "--state-dir" -> options = options.withStateDir(Path.of(value(args, ++i, arg)));
                    case "--no-auth" -> options = options.withAuth(false);
                    case "--tenant-rate-limit" -> options = options.withTenantRateLimit(rate(value(args, ++i, arg)));
                    default -> throw new IllegalArgumentException("Unknown option: " + arg);
                }
            }
            return new Arguments(options, false);
        }

        static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static double rate(String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--tenant-rate-limit takes units per second, 0 or more: " + text);
            }
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
        if (args.length > 0 && args[0].equals("invoke")) {
            System.exit(InvokeCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("hash")) {
            System.exit(HashCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("migrate-listing")) {
            System.exit(MigrateListingCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out,
                    System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("dynamodb")) {
            dev.sipcredentials.dynamodb.DynamoDbMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.println(USAGE);
            return;
        }

        LocalStack stack;
        try {
            stack = LocalStack.start(arguments.options());
        } catch (RuntimeException e) {
            System.err.println("Local stack failed to start: " + e.getMessage());
            if (e.getCause() != null) {
                e.printStackTrace(); // an unexpected failure underneath: the trace helps; a plain config error needs none
            }
            System.exit(1);
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

    static void printBanner(PrintStream out, LocalStack stack) {
        out.println("SIP credentials local stack");
        out.println("  template  " + stack.templateFile());
        EmbeddedDynamoDb db = stack.dynamoDb();
        out.println("  dynamodb  " + db.endpoint() + (db.dbPath() == null ? " (in memory)" : " (data in " + db.dbPath() + ")"));
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
            out.println();
            out.println("Development token (" + TokenCommand.DEFAULT_HOURS + " h; grants account " + SEED_ACCOUNT
                    + " and organization " + SEED_VENDOR + "/" + SEED_ORGANIZATION + "):");
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
            out.println("  -H 'Authorization: Bearer " + token + "' \\");
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

package dev.sipcredentials.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code invoke <FunctionLogicalId> --event FILE [--env-vars FILE] [--dynamodb URL]}: what {@code sam local invoke}
 * does, without Docker. The function runs as the local stack runs it (its own class loader, the template's
 * environment, the local password master key), over the embedded DynamoDB with the template's tables (or the one at
 * {@code --dynamodb}, whose missing tables are created). As SAM does, the function's logs and the START/END/REPORT
 * lines go to standard error and the response JSON to standard output, so {@code | jq} works.
 */
final class InvokeCommand {

    static final String USAGE = String.join("\n",
            "Usage: java -jar infra/target/sip-credentials-local.jar invoke <FunctionLogicalId> --event FILE [options]",
            "",
            "Runs one function of template.yaml once with the event in FILE (an API Gateway payload 2.0 event, e.g.",
            "functions/events/*.json) and prints its response JSON, like 'sam local invoke' but without Docker.",
            "",
            "Options:",
            "  --event FILE      the event JSON (required; '-' reads standard input)",
            "  --env-vars FILE   environment overrides in SAM's format: {\"<FunctionLogicalId>\": {\"NAME\": \"value\"},",
            "                    \"Parameters\": {\"NAME\": \"value\"}} (Parameters apply to every function)",
            "  --dynamodb URL    use the DynamoDB at URL (e.g. a running local stack's, from its banner) instead of",
            "                    starting an empty embedded one; the template's tables are created there if missing",
            "  --template FILE   SAM template (default: template.yaml of the checkout you are in)",
            "  --state-dir DIR   local state (password master key; default: .local next to the template)",
            "  --help            show this help",
            "",
            "Exit status: 0 when the function returned, 1 when it threw (its error JSON is printed), 2 for bad usage",
            "(including an --event or --env-vars file that cannot be read or is not JSON), 3 when the function could not",
            "be run (e.g. the DynamoDB at --dynamodb is unreachable).");

    private static final ObjectMapper JSON = new ObjectMapper();

    private InvokeCommand() {}

    record Request(String functionId, Path event, Path envVars, URI dynamoDb, Path template, Path stateDir) {}

    static Request parse(String... args) {
        String functionId = null;
        Path event = null;
        Path envVars = null;
        URI dynamoDb = null;
        Path template = null;
        Path stateDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--event", "-e" -> event = Path.of(Main.Arguments.value(args, ++i, arg));
                case "--env-vars", "-n" -> envVars = Path.of(Main.Arguments.value(args, ++i, arg));
                case "--dynamodb" -> dynamoDb = URI.create(Main.Arguments.value(args, ++i, arg));
                case "--template", "-t" -> template = Path.of(Main.Arguments.value(args, ++i, arg));
                case "--state-dir" -> stateDir = Path.of(Main.Arguments.value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") || functionId != null) {
                        throw new IllegalArgumentException("Unknown invoke option: " + arg);
                    }
                    functionId = arg;
                }
            }
        }
        if (functionId == null) {
            throw new IllegalArgumentException("invoke needs a function's logical id");
        }
        if (event == null) {
            throw new IllegalArgumentException("invoke needs --event FILE");
        }
        return new Request(functionId, event, envVars, dynamoDb, template, stateDir);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        Request request;
        SamTemplate template;
        SamTemplate.Function function;
        String event;
        Path templateFile;
        Map<String, String> environment;
        try {
            request = parse(args);
            templateFile = request.template() != null ? request.template().toAbsolutePath().normalize()
                    : SamTemplate.locate(Path.of(System.getProperty("user.dir")));
            template = SamTemplate.parse(templateFile);
            function = template.function(request.functionId()).orElseThrow(() -> new IllegalArgumentException(
                    "No function " + request.functionId() + " in " + templateFile + "; it has: "
                            + String.join(", ", template.functions().stream().map(SamTemplate.Function::logicalId).toList())));
            event = readEvent(request.event());
            environment = new LinkedHashMap<>(function.environment());
            environment.putAll(envVarOverrides(request.envVars(), function.logicalId()));
        } catch (RuntimeException e) {
            return Main.usageError(err, "invoke", e.getMessage());
        }

        LocalStateDirectory state = new LocalStateDirectory(request.stateDir() != null ? request.stateDir()
                : LocalStateDirectory.besideTemplate(templateFile));
        Map<String, String> previous = new LinkedHashMap<>();
        EmbeddedDynamoDb embedded = null;
        PrintStream stdout = System.out;
        try {
            URI endpoint;
            if (request.dynamoDb() != null) {
                endpoint = request.dynamoDb();
            } else {
                embedded = EmbeddedDynamoDb.start(null);
                endpoint = embedded.endpoint();
            }
            try (DynamoDbClient client = client(endpoint)) {
                for (SamTemplate.Table table : template.tables()) {
                    TableCreator.create(client, table);
                }
            }
            environment.put("DYNAMODB_ENDPOINT", endpoint.toString());
            environment.putIfAbsent("AWS_REGION", EmbeddedDynamoDb.REGION.id());
            environment.put("LOCAL_MASTER_KEY_FILE", state.passwordMasterKeyFile().toString());
            environment.forEach((name, value) -> {
                previous.put(name, System.getProperty(name));
                System.setProperty(name, value);
            });

            String requestId = UUID.randomUUID().toString();
            err.println("Invoking " + function.handlerClass() + "::" + function.handlerMethod() + " ("
                    + function.logicalId() + ", java21 emulated on " + Runtime.version().feature() + ")");
            err.println("START RequestId: " + requestId + " Version: $LATEST");
            // The function's own output is its log: to standard error, as SAM shows it; stdout carries only the response.
            System.setOut(err);
            long start = System.nanoTime();
            String output;
            boolean failed = false;
            try (LambdaFunction lambda = new LambdaFunction(function)) {
                try {
                    output = lambda.invoke(event, new LocalContext(requestId, function, start));
                } catch (Exception | Error e) {
                    failed = true;
                    output = JSON.createObjectNode().put("errorMessage", String.valueOf(e.getMessage()))
                            .put("errorType", e.getClass().getName()).toString();
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000L;
            System.setOut(stdout);
            long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
            err.println("END RequestId: " + requestId);
            err.println("REPORT RequestId: " + requestId + "\tDuration: " + millis + " ms\tBilled Duration: " + millis
                    + " ms\tMemory Size: " + function.memorySizeMb() + " MB\tMax Memory Used: " + usedMb + " MB");
            out.println(output);
            out.flush();
            return failed ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            System.setOut(stdout);
            err.println("invoke: could not run " + function.logicalId() + ": " + Main.oneLine(e.getMessage()));
            return Main.EXIT_COULD_NOT_RUN;
        } finally {
            System.setOut(stdout);
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** The event JSON from FILE ('-': standard input); IllegalArgumentException saying why it cannot be used. */
    private static String readEvent(Path file) {
        String event;
        try {
            event = file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --event " + file + ": " + why(e));
        }
        try {
            JSON.readTree(event); // a clear message for a file that is not JSON, before anything starts
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("--event " + file + " is not JSON: " + e.getOriginalMessage());
        }
        return event;
    }

    /**
     * SAM's --env-vars file: per-function values, and "Parameters" for all; only the names given are overridden.
     * IllegalArgumentException saying why when the file cannot be read or is not in that shape.
     */
    static Map<String, String> envVarOverrides(Path file, String functionId) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (file == null) {
            return overrides;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("--env-vars " + file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --env-vars " + file + ": " + why(e));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--env-vars " + file
                    + " must be a JSON object: {\"<FunctionLogicalId>\": {\"NAME\": \"value\"}, \"Parameters\": {...}}");
        }
        for (String section : new String[] {"Parameters", functionId}) {
            JsonNode values = root.path(section);
            if (!values.isMissingNode() && !values.isObject()) {
                throw new IllegalArgumentException("--env-vars " + file + ": \"" + section
                        + "\" must be an object of NAME: value");
            }
            values.fields().forEachRemaining(e -> overrides.put(e.getKey(), e.getValue().asText()));
        }
        return overrides;
    }

    private static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(EmbeddedDynamoDb.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedDynamoDb.ACCESS_KEY, EmbeddedDynamoDb.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

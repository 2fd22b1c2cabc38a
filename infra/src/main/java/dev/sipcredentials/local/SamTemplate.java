package dev.sipcredentials.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a SAM template.yaml the local stack needs: DynamoDB tables and Lambda functions with their HttpApi
 * routes. template.yaml is the one declaration of routes and handlers, so nothing here knows a route by name.
 *
 * <p>Intrinsics must be written in long form ({@code Ref: X}, {@code Fn::GetAtt: [X, Arn]}): a plain YAML reader
 * sees them as maps, whereas the short tags ({@code !Ref}) would reach us as bare strings.
 */
public record SamTemplate(List<Table> tables, List<Function> functions, List<String> warnings) {

    static final String LOCAL_REGION = "us-east-1";
    static final String LOCAL_ACCOUNT_ID = "123456789012";
    private static final int DEFAULT_TIMEOUT_SECONDS = 3; // Lambda's own default
    private static final int DEFAULT_MEMORY_MB = 128; // Lambda's own default
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    public SamTemplate {
        tables = List.copyOf(tables);
        functions = List.copyOf(functions);
        warnings = List.copyOf(warnings);
    }

    /**
     * An {@code AWS::DynamoDB::Table}. {@code timeToLiveAttribute} is the attribute of an enabled
     * {@code TimeToLiveSpecification}, null without one.
     */
    public record Table(
            String logicalId,
            String tableName,
            List<KeyElement> keySchema,
            List<AttributeDefinition> attributeDefinitions,
            List<SecondaryIndex> globalSecondaryIndexes,
            List<SecondaryIndex> localSecondaryIndexes,
            String timeToLiveAttribute) {
        public Table {
            keySchema = List.copyOf(keySchema);
            attributeDefinitions = List.copyOf(attributeDefinitions);
            globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
            localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
        }

        /** A table without TTL. */
        public Table(
                String logicalId,
                String tableName,
                List<KeyElement> keySchema,
                List<AttributeDefinition> attributeDefinitions,
                List<SecondaryIndex> globalSecondaryIndexes,
                List<SecondaryIndex> localSecondaryIndexes) {
            this(logicalId, tableName, keySchema, attributeDefinitions, globalSecondaryIndexes, localSecondaryIndexes, null);
        }
    }

    /** One entry of a KeySchema: {@code keyType} is HASH or RANGE. */
    public record KeyElement(String attributeName, String keyType) {}

    /** One entry of AttributeDefinitions: {@code attributeType} is S, N or B. */
    public record AttributeDefinition(String attributeName, String attributeType) {}

    /** A global or local secondary index. */
    public record SecondaryIndex(
            String indexName, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes) {
        public SecondaryIndex {
            keySchema = List.copyOf(keySchema);
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }

    /** An {@code AWS::Serverless::Function} with Globals applied and intrinsics in its environment resolved. */
    public record Function(
            String logicalId,
            String handlerClass,
            String handlerMethod,
            Map<String, String> environment,
            int timeoutSeconds,
            int memorySizeMb,
            List<HttpApiEvent> httpApiEvents) {
        public Function {
            environment = Map.copyOf(environment);
            httpApiEvents = List.copyOf(httpApiEvents);
        }
    }

    /**
     * An {@code Events} entry of {@code Type: HttpApi}. {@code method} is upper case ({@code ANY} included);
     * an event without Path and Method is the API's {@code $default} route.
     */
    public record HttpApiEvent(String eventName, String method, String path) {
        public boolean isDefaultRoute() {
            return path == null;
        }

        /** The route key as API Gateway writes it in events: {@code "POST /a/{b}"} or {@code "$default"}. */
        public String routeKey() {
            return isDefaultRoute() ? "$default" : method + " " + path;
        }
    }

    /**
     * Finds template.yaml in the directory or the nearest folder above it, so every command works from anywhere inside
     * the checkout (the root, infra/, functions/src/...).
     */
    public static Path locate(Path workingDirectory) {
        Path dir = workingDirectory.toAbsolutePath().normalize();
        for (Path folder = dir; folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "No template.yaml in " + dir + " or any folder above it; pass --template FILE");
    }

    public static SamTemplate parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static SamTemplate parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("template.yaml is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("Resources").isObject()) {
            throw new IllegalArgumentException("template.yaml has no Resources section");
        }
        return new Parser(root).parse();
    }

    public Optional<Table> table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst();
    }

    public Optional<Function> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /** Walks the parsed tree; separate from the record so the record stays a plain value. */
    private static final class Parser {
        private final JsonNode root;
        private final JsonNode resources;
        private final JsonNode globalFunction;
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, String> tableNamesByLogicalId = new LinkedHashMap<>();

        Parser(JsonNode root) {
            this.root = root;
            this.resources = root.path("Resources");
            this.globalFunction = root.path("Globals").path("Function");
        }

        SamTemplate parse() {
            List<Table> tables = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> resource = it.next();
                if ("AWS::DynamoDB::Table".equals(resource.getValue().path("Type").asText())) {
                    Table table = table(resource.getKey(), resource.getValue().path("Properties"));
                    tableNamesByLogicalId.put(table.logicalId(), table.tableName());
                    tables.add(table);
                }
            }
            List<Function> functions = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> resource = it.next();
                if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                    functions.add(function(resource.getKey(), resource.getValue().path("Properties")));
                }
            }
            return new SamTemplate(tables, functions, warnings);
        }

        private Table table(String logicalId, JsonNode properties) {
            String tableName = properties.hasNonNull("TableName")
                    ? resolve(properties.get("TableName"), "TableName of " + logicalId).orElse(logicalId)
                    : logicalId;
            List<KeyElement> keySchema = keySchema(properties.path("KeySchema"));
            if (keySchema.isEmpty()) {
                throw new IllegalArgumentException("Table " + logicalId + " has no KeySchema");
            }
            List<AttributeDefinition> attributes = new ArrayList<>();
            for (JsonNode a : properties.path("AttributeDefinitions")) {
                attributes.add(new AttributeDefinition(
                        a.path("AttributeName").asText(), a.path("AttributeType").asText()));
            }
            return new Table(
                    logicalId,
                    tableName,
                    keySchema,
                    attributes,
                    indexes(properties.path("GlobalSecondaryIndexes")),
                    indexes(properties.path("LocalSecondaryIndexes")),
                    timeToLive(properties.path("TimeToLiveSpecification")));
        }

        private static String timeToLive(JsonNode specification) {
            if (!specification.path("Enabled").asBoolean(false) || !specification.hasNonNull("AttributeName")) {
                return null;
            }
            return specification.get("AttributeName").asText();
        }

        private static List<KeyElement> keySchema(JsonNode node) {
            List<KeyElement> keys = new ArrayList<>();
            for (JsonNode k : node) {
                keys.add(new KeyElement(k.path("AttributeName").asText(), k.path("KeyType").asText()));
            }
            return keys;
        }

        private static List<SecondaryIndex> indexes(JsonNode node) {
            List<SecondaryIndex> indexes = new ArrayList<>();
            for (JsonNode index : node) {
                JsonNode projection = index.path("Projection");
                List<String> nonKey = new ArrayList<>();
                projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
                indexes.add(new SecondaryIndex(
                        index.path("IndexName").asText(),
                        keySchema(index.path("KeySchema")),
                        projection.path("ProjectionType").asText("ALL"),
                        nonKey));
            }
            return indexes;
        }

        private Function function(String logicalId, JsonNode properties) {
            String handler = properties.path("Handler").asText(globalFunction.path("Handler").asText(""));
            if (handler.isBlank()) {
                throw new IllegalArgumentException("Function " + logicalId + " has no Handler");
            }
            // Java handler strings are "pkg.Class::method"; without "::" Lambda calls handleRequest.
            int separator = handler.indexOf("::");
            String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
            String handlerMethod = separator < 0 ? "handleRequest" : handler.substring(separator + 2);

            Map<String, String> environment = new LinkedHashMap<>();
            addVariables(environment, globalFunction.path("Environment").path("Variables"), logicalId);
            addVariables(environment, properties.path("Environment").path("Variables"), logicalId);
            addLoggingVariables(environment, logicalId, properties.path("LoggingConfig"));

            int timeout = properties.path("Timeout").asInt(globalFunction.path("Timeout").asInt(DEFAULT_TIMEOUT_SECONDS));
            int memory = properties.path("MemorySize").asInt(globalFunction.path("MemorySize").asInt(DEFAULT_MEMORY_MB));

            List<HttpApiEvent> events = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.path("Events").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> event = it.next();
                String type = event.getValue().path("Type").asText();
                if (!"HttpApi".equals(type)) {
                    warnings.add("Function " + logicalId + ": event " + event.getKey() + " of type " + type
                            + " is not emulated (only HttpApi is)");
                    continue;
                }
                events.add(httpApiEvent(logicalId, event.getKey(), event.getValue().path("Properties")));
            }
            return new Function(logicalId, handlerClass, handlerMethod, environment, timeout, memory, events);
        }

        /**
         * LoggingConfig (the function's over Globals', key by key, as SAM merges them) as Lambda hands it to the runtime:
         * with {@code LogFormat: JSON}, {@code AWS_LAMBDA_LOG_FORMAT=JSON} and {@code AWS_LAMBDA_LOG_LEVEL} (the
         * ApplicationLogLevel, INFO when not given). The local logger formats and filters by these, as the runtime does.
         */
        private void addLoggingVariables(Map<String, String> environment, String functionId, JsonNode own) {
            JsonNode global = globalFunction.path("LoggingConfig");
            JsonNode format = own.has("LogFormat") ? own.get("LogFormat") : global.path("LogFormat");
            if (format.isMissingNode()
                    || !"JSON".equals(resolve(format, "LoggingConfig.LogFormat of " + functionId).orElse("Text"))) {
                return;
            }
            environment.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            JsonNode level = own.has("ApplicationLogLevel") ? own.get("ApplicationLogLevel")
                    : global.path("ApplicationLogLevel");
            environment.put("AWS_LAMBDA_LOG_LEVEL", level.isMissingNode() ? "INFO"
                    : resolve(level, "LoggingConfig.ApplicationLogLevel of " + functionId).orElse("INFO"));
        }

        private HttpApiEvent httpApiEvent(String functionId, String eventName, JsonNode properties) {
            String version = properties.path("PayloadFormatVersion").asText("2.0");
            if (!"2.0".equals(version)) {
                warnings.add("Function " + functionId + ": event " + eventName + " asks for payload format "
                        + version + "; the local stack only emulates 2.0");
            }
            boolean hasPath = properties.hasNonNull("Path");
            boolean hasMethod = properties.hasNonNull("Method");
            if (!hasPath && !hasMethod) {
                // SAM: an HttpApi event without Path and Method is the catch-all $default route.
                return new HttpApiEvent(eventName, "ANY", null);
            }
            if (!hasPath || !hasMethod) {
                throw new IllegalArgumentException(
                        "Function " + functionId + ": HttpApi event " + eventName + " needs both Path and Method");
            }
            String path = properties.get("Path").asText();
            String method = properties.get("Method").asText().toUpperCase(Locale.ROOT);
            if ("$DEFAULT".equals(path.toUpperCase(Locale.ROOT))) {
                return new HttpApiEvent(eventName, "ANY", null);
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException(
                        "Function " + functionId + ": HttpApi event " + eventName + " path must start with /: " + path);
            }
            return new HttpApiEvent(eventName, method, path);
        }

        private void addVariables(Map<String, String> target, JsonNode variables, String functionId) {
            for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> variable = it.next();
                resolve(variable.getValue(), "environment variable " + variable.getKey() + " of " + functionId)
                        .ifPresent(value -> target.put(variable.getKey(), value));
            }
        }

        /**
         * Resolves a scalar or an intrinsic to its local value: Ref to a table gives its local table name, Fn::GetAtt
         * Table.Arn a local ARN, pseudo parameters the local region/account, Fn::Sub substitutes those. Anything else
         * is reported as a warning and left out rather than guessed.
         */
        private Optional<String> resolve(JsonNode value, String where) {
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value.isValueNode()) {
                return Optional.of(value.asText());
            }
            if (value.isObject() && value.size() == 1) {
                if (value.has("Ref")) {
                    return ref(value.get("Ref").asText(), where);
                }
                if (value.has("Fn::GetAtt")) {
                    return getAtt(value.get("Fn::GetAtt"), where);
                }
                if (value.has("Fn::Sub") && value.get("Fn::Sub").isTextual()) {
                    return sub(value.get("Fn::Sub").asText(), where);
                }
            }
            warnings.add("Cannot resolve " + where + " locally (" + value + "); it is not set");
            return Optional.empty();
        }

        private Optional<String> ref(String name, String where) {
            switch (name) {
                case "AWS::Region":
                    return Optional.of(LOCAL_REGION);
                case "AWS::AccountId":
                    return Optional.of(LOCAL_ACCOUNT_ID);
                case "AWS::StackName":
                    return Optional.of("local");
                case "AWS::Partition":
                    return Optional.of("aws");
                default:
                    break;
            }
            String tableName = tableNamesByLogicalId.get(name);
            if (tableName != null) {
                return Optional.of(tableName);
            }
            if ("AWS::KMS::Key".equals(resources.path(name).path("Type").asText())) {
                // No KMS locally: the stack publishes LOCAL_MASTER_KEY_FILE instead, and the handlers use that.
                return Optional.empty();
            }
            JsonNode parameter = root.path("Parameters").path(name);
            if (parameter.has("Default")) {
                return Optional.of(parameter.get("Default").asText());
            }
            warnings.add("Cannot resolve Ref " + name + " in " + where + " locally; it is not set");
            return Optional.empty();
        }

        private Optional<String> getAtt(JsonNode args, String where) {
            String resource;
            String attribute;
            if (args.isArray() && args.size() == 2) {
                resource = args.get(0).asText();
                attribute = args.get(1).asText();
            } else if (args.isTextual() && args.asText().contains(".")) {
                resource = args.asText().substring(0, args.asText().indexOf('.'));
                attribute = args.asText().substring(args.asText().indexOf('.') + 1);
            } else {
                warnings.add("Malformed Fn::GetAtt in " + where);
                return Optional.empty();
            }
            String tableName = tableNamesByLogicalId.get(resource);
            if (tableName != null && "Arn".equals(attribute)) {
                return Optional.of("arn:aws:dynamodb:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT_ID + ":table/" + tableName);
            }
            warnings.add("Cannot resolve Fn::GetAtt " + resource + "." + attribute + " in " + where + " locally");
            return Optional.empty();
        }

        private Optional<String> sub(String template, String where) {
            Matcher m = SUB_VARIABLE.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String variable = m.group(1);
                Optional<String> value = variable.contains(".")
                        ? getAtt(JsonNodeFactory.instance.textNode(variable), where)
                        : ref(variable, where);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
            }
            m.appendTail(out);
            return Optional.of(out.toString());
        }
    }
}

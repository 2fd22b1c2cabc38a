package dev.sipcredentials.local;

import dev.sipcredentials.store.ListingKeys;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * {@code migrate-listing}: gives credential items written before the listing index existed their {@code listPk} /
 * {@code listSk} (computed from the item as a create computes them, {@link ListingKeys}), so they are listed.
 *
 * <p>A Scan of the table, page by page, and per credential item without listing keys one conditional UpdateItem
 * {@code SET listPk, listSk} under {@code attribute_exists(pk) AND attribute_not_exists(listPk)}:
 * <ul>
 *   <li>idempotent: an item that has its keys (a create's, or an earlier run's) is left alone (the condition fails);
 *   <li>safe under concurrent traffic: it writes only the two listing attributes, never an item a request deleted
 *       meanwhile (no resurrected stub), and never over keys a create wrote;
 *   <li>resumable: every page prints the key to start after ({@code --start-after PK}); a rerun from the start
 *       is also correct, only slower.
 * </ul>
 * Against the local engine's {@code --db-path}, {@link LocalIndexes} first adds a declared index a table lacks.
 */
final class MigrateListingCommand {
    static final String USAGE = String.join("\n",
            "Usage: java -jar infra/target/sip-credentials-local.jar migrate-listing --endpoint URL --table T",
            "           [--region R] [--start-after PK] [--page-size N]",
            "       java -jar infra/target/sip-credentials-local.jar migrate-listing --db-path DIR [--template FILE]",
            "",
            "Adds listPk/listSk (the tenantListing index's keys) to credential items written before the index existed,",
            "with one conditional UpdateItem each: idempotent, resumable (--start-after the key printed per page), safe",
            "while the service runs. --endpoint: DynamoDB (https://dynamodb.<region>.amazonaws.com, default credentials",
            "chain) or a local engine (http://127.0.0.1:N, dummy credentials). --db-path: the local stack's database",
            "(not while the stack runs): first adds the template's indexes the tables lack (rebuilding such a table),",
            "then migrates every template table.",
            "",
            "Prints one line per page (scanned, updated, already keyed, not credentials) and a summary.");

    record Counts(long scanned, long updated, long alreadyKeyed, long notCredentials, long clearHashes) {
        Counts plus(Counts o) {
            return new Counts(scanned + o.scanned, updated + o.updated, alreadyKeyed + o.alreadyKeyed,
                    notCredentials + o.notCredentials, clearHashes + o.clearHashes);
        }
    }

    private MigrateListingCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        String endpoint = null;
        String table = null;
        String region = "us-east-1";
        String startAfter = null;
        String dbPath = null;
        String template = null;
        int pageSize = 500;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--endpoint" -> endpoint = Main.Arguments.value(args, ++i, arg);
                    case "--table" -> table = Main.Arguments.value(args, ++i, arg);
                    case "--region" -> region = Main.Arguments.value(args, ++i, arg);
                    case "--start-after" -> startAfter = Main.Arguments.value(args, ++i, arg);
                    case "--db-path" -> dbPath = Main.Arguments.value(args, ++i, arg);
                    case "--template" -> template = Main.Arguments.value(args, ++i, arg);
                    case "--page-size" -> {
                        String value = Main.Arguments.value(args, ++i, arg);
                        try {
                            pageSize = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--page-size must be a number 1 to 10000: " + value);
                        }
                    }
                    default -> throw new IllegalArgumentException("Unknown migrate-listing option: " + arg);
                }
            }
            if (dbPath == null && (endpoint == null || table == null)) {
                throw new IllegalArgumentException("migrate-listing needs --endpoint and --table, or --db-path");
            }
            if (pageSize < 1 || pageSize > 10_000) {
                throw new IllegalArgumentException("--page-size must be 1 to 10000");
            }
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "migrate-listing", e.getMessage());
        }
        try {
            if (dbPath != null) {
                SamTemplate parsed = SamTemplate.parse(template != null ? java.nio.file.Path.of(template)
                        : SamTemplate.locate(java.nio.file.Path.of(System.getProperty("user.dir"))));
                try (EmbeddedDynamoDb database = EmbeddedDynamoDb.start(java.nio.file.Path.of(dbPath));
                     DynamoDbClient client = database.newClient()) {
                    for (SamTemplate.Table declared : parsed.tables()) {
                        LocalIndexes.addMissing(client, declared, out);
                        migrate(client, declared.tableName(), null, pageSize, out);
                    }
                }
                return 0;
            }
            try (DynamoDbClient client = client(endpoint, region)) {
                migrate(client, table, startAfter, pageSize, out);
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("migrate-listing failed: " + Main.oneLine(e.getMessage()));
            err.println("Nothing is lost: rerun it (add --start-after with the last key printed to skip what is done).");
            return 1;
        }
    }

    static DynamoDbClient client(String endpoint, String region) {
        URI uri = URI.create(endpoint);
        boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        return DynamoDbClient.builder()
                .endpointOverride(uri)
                .region(Region.of(region))
                .credentialsProvider(local
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                        : DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Scans {@code table} from after {@code startAfter} (a pk; null: from the start) and keys its credential items. */
    static Counts migrate(DynamoDbClient client, String table, String startAfter, int pageSize, PrintStream out) {
        Map<String, AttributeValue> start = startAfter == null ? null : Map.of("pk", AttributeValue.fromS(startAfter));
        Counts total = new Counts(0, 0, 0, 0, 0);
        do {
            ScanResponse page = client.scan(ScanRequest.builder().tableName(table).limit(pageSize)
                    .exclusiveStartKey(start)
                    // Only what the keys derive from: a password or hash never leaves the table for this.
                    .projectionExpression("pk, accountId, vendorId, organizationId, id, createdAt, listPk, hashAadVersion")
                    .build());
            long updated = 0;
            long already = 0;
            long other = 0;
            long clear = 0;
            for (Map<String, AttributeValue> item : page.items()) {
                ListingKeys.Keys keys = ListingKeys.of(item);
                if (keys != null && item.get("pk").s().startsWith("bw#") && !item.containsKey("hashAadVersion")) {
                    clear++; // listed, but without Hash1/Hash1b: the index holds no hash in clear
                }
                if (keys == null) {
                    other++;
                } else if (item.containsKey(ListingKeys.LIST_PK)) {
                    already++;
                } else if (keyed(client, table, item.get("pk"), keys)) {
                    updated++;
                } else {
                    already++;
                }
            }
            Counts counts = new Counts(page.items().size(), updated, already, other, clear);
            total = total.plus(counts);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            out.printf("%s: scanned %d, updated %d, already keyed %d, not credentials %d%s%n", table, counts.scanned(),
                    counts.updated(), counts.alreadyKeyed(), counts.notCredentials(),
                    start == null ? "" : "; resume with --start-after " + start.get("pk").s());
        } while (start != null);
        out.printf("%s: done: scanned %d, updated %d, already keyed %d, not credentials %d%n", table, total.scanned(),
                total.updated(), total.alreadyKeyed(), total.notCredentials());
        if (total.clearHashes() > 0) {
            out.printf("%s: %d Bandwidth credentials hold Hash1/Hash1b in clear (written before hashes were sealed):"
                    + " they are listed without them until re-sealed (README, Security)%n", table, total.clearHashes());
        }
        return total;
    }

    /** True when this call wrote the keys; false when the item got them meanwhile or was deleted. */
    private static boolean keyed(DynamoDbClient client, String table, AttributeValue pk, ListingKeys.Keys keys) {
        try {
            client.updateItem(u -> u.tableName(table).key(Map.of("pk", pk))
                    .updateExpression("SET #listPk = :listPk, #listSk = :listSk")
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#listPk)")
                    .expressionAttributeNames(Map.of("#pk", "pk", "#listPk", ListingKeys.LIST_PK,
                            "#listSk", ListingKeys.LIST_SK))
                    .expressionAttributeValues(Map.of(":listPk", AttributeValue.fromS(keys.listPk()),
                            ":listSk", AttributeValue.fromS(keys.listSk()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}

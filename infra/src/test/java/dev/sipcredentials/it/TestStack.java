package dev.sipcredentials.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.testkit.GrantedEvents;
import dev.sipcredentials.local.EmbeddedDynamoDb;
import dev.sipcredentials.store.DynamoDbClients;
import dev.sipcredentials.store.DynamoDbSipCredentialStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One DynamoDB engine for the whole test JVM, started by the project's own {@link EmbeddedDynamoDb}, and a
 * fresh table per test created from template.yaml's declaration. The handlers get the same client the
 * Lambda builds ({@link DynamoDbClients#fromSettings()}), pointed at the engine.
 */
final class TestStack {
    private static final AtomicInteger TABLES = new AtomicInteger();
    /**
     * "Now" for the engine's TTL sweeper. The tests that run handlers on a fixed clock start at this instant; every
     * other test writes expiry times by the real clock, after it. So nothing a test writes expires under the sweeper
     * mid-test, whatever the real date (a sweeper on the real clock once deleted a fixed-clock test's record).
     */
    static final Instant ENGINE_NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static EmbeddedDynamoDb database;
    private static DynamoDbClient client;
    static final ExecutorService WRITERS = Executors.newFixedThreadPool(DynamoDbClients.WRITE_CONCURRENCY);

    private TestStack() {
    }

    static synchronized DynamoDbClient client() {
        if (client == null) {
            database = EmbeddedDynamoDb.start(null, 0, Clock.fixed(ENGINE_NOW, ZoneOffset.UTC));
            System.setProperty("DYNAMODB_ENDPOINT", database.endpoint().toString());
            System.setProperty("AWS_REGION", "us-east-1");
            System.setProperty("LOCAL_MASTER_KEY_FILE", masterKeyFile().toString());
            client = DynamoDbClients.fromSettings();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                } catch (Exception ignored) {
                    // The JVM is going away.
                }
            }));
        }
        return client;
    }

    static synchronized String endpoint() {
        client();
        return database.endpoint().toString();
    }

    /** A new, empty table shaped as template.yaml declares SipCredentialsTable. */
    static String freshTable() {
        String name = "SipCredentials-it-" + TABLES.incrementAndGet();
        TemplateTables.create(client(), name);
        return name;
    }

    private static final Map<String, dev.sipcredentials.sealing.ServiceMacKey> SERVICE_KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The service MAC key of {@code table}, as a function instance holds it: its item read (or created on first use)
     * and unwrapped with this JVM's local master key. One per table, so every handler of a test shares it.
     */
    static dev.sipcredentials.sealing.ServiceMacKey serviceKey(String table) {
        return SERVICE_KEYS.computeIfAbsent(table, t -> new dev.sipcredentials.sealing.ServiceMacKey(
                dev.sipcredentials.store.ServiceKeyItem.macKey(client(), t,
                        dev.sipcredentials.sealing.LocalMasterKeyProvider.fromFile(masterKeyFile())),
                Clock.systemUTC()));
    }

    static DynamoDbSipCredentialStore store(String table) {
        return new DynamoDbSipCredentialStore(client(), table, Clock.systemUTC());
    }

    /**
     * The table's credentials, guards and idempotency records: every item but the service MAC key's, which the
     * first keyed request or listing cursor creates and which is no part of what a request stores.
     */
    static List<Map<String, AttributeValue>> items(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().forEach(items::add);
        items.removeIf(item -> dev.sipcredentials.store.ServiceKeyItem.PK_VALUE.equals(item.get("pk").s()));
        return items;
    }

    static List<String> itemsOfKind(String table, String kind, String attribute) {
        List<String> values = new ArrayList<>();
        for (Map<String, AttributeValue> item : items(table)) {
            if (kind.equals(item.get("kind").s())) {
                values.add(item.get(attribute).s());
            }
        }
        return values;
    }

    static APIGatewayV2HTTPEvent event(String routeKey, String path, Map<String, String> pathParameters,
                                       String contentType, String body, boolean base64, String requestId) {
        return GrantedEvents.post(routeKey, path, pathParameters, contentType, body, base64, requestId);
    }

    /** Hash1/Hash1b of a Bandwidth credential item of {@code table}, opened as the account's own GET would. */
    static dev.sipcredentials.sealing.HashSealer.Hashes hashes(String table, Map<String, AttributeValue> item) {
        return dev.sipcredentials.store.TenantKeyTable.hashSealerFromSettings(client(), table).open(item, item.get("accountId").s(),
                dev.sipcredentials.provisioning.SipUserPart.canonical(item.get("name").s())
                        .toLowerCase(java.util.Locale.ROOT));
    }

    private static java.nio.file.Path masterKeyFile;

    /** The local master key the stores in this JVM wrap password data keys with (as the local stack's would). */
    static synchronized java.nio.file.Path masterKeyFile() {
        if (masterKeyFile == null) {
            try {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                masterKeyFile = java.nio.file.Files.createTempFile("it-password-master-key", "");
                masterKeyFile.toFile().deleteOnExit();
                java.nio.file.Files.writeString(masterKeyFile, Base64.getEncoder().encodeToString(key));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return masterKeyFile;
    }

    /** Whether a transaction is the one a tenant's first write makes its tenant key with (only key# puts). */
    static boolean makesTenantKey(software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest transaction) {
        return transaction.transactItems().stream().allMatch(i -> i.put() != null
                && i.put().item().get("pk").s().startsWith("key#"));
    }
}

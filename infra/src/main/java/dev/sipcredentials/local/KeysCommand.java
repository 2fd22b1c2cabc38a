package dev.sipcredentials.local;

import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.sealing.KeyPairVault;
import dev.sipcredentials.sealing.TenantKeyring;
import dev.sipcredentials.sealing.DataKeyProvider;
import dev.sipcredentials.sealing.HashSealer;
import dev.sipcredentials.sealing.KmsDataKeyProvider;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import dev.sipcredentials.store.TenantKeyTable;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The operator's two commands on the key hierarchy (docs/security.md):
 * <ul>
 *   <li>{@code rotate-tenant-keys}: a new version of each named tenant's key pair (or of every tenant's, with
 *       {@code --all}); writers take it up within one cache period (5 minutes), and what older versions sealed still
 *       opens. Needs kms:GenerateDataKeyPairWithoutPlaintext.
 *   <li>{@code reseal}: Bandwidth credentials whose Hash1/Hash1b are in clear (written before hashes were sealed),
 *       sealed with one KMS data key per item (before the key hierarchy), or under an older tenant key version, are
 *       sealed under their account's newest tenant key. Each with one conditional UpdateItem that changes only the
 *       sealed attributes and only if they are still the ones read (a PUT meanwhile wins): idempotent, resumable
 *       ({@code --start-after} the key printed per page), safe while the service runs. Needs kms:Decrypt of the old
 *       data keys and tenant keys: an operator's role, never a function's.
 * </ul>
 * The key source: {@code --kms-key-id} (with {@code --kms-endpoint} for a local KMS endpoint; default credentials
 * chain otherwise) or {@code --master-key-file} (the local stack's in-process key).
 */
final class KeysCommand {
    static final String USAGE = String.join("\n",
            "Usage: java -jar infra/target/sip-credentials-local.jar reseal --endpoint URL --table T KEYS",
            "           [--region R] [--start-after PK] [--page-size N]",
            "       java -jar infra/target/sip-credentials-local.jar rotate-tenant-keys --endpoint URL --table T KEYS",
            "           (--tenant bw#<accountId> | --tenant ds#<vendorId>#<organizationId>)... | --all",
            "KEYS:  --kms-key-id ID [--kms-endpoint URL]   (AWS KMS, or a local KMS endpoint)",
            "     | --master-key-file FILE                 (a local master key, base64 of 32 bytes)",
            "",
            "reseal: seals Hash1/Hash1b held in clear, sealed per item, or under an older tenant key version, under the",
            "account's newest tenant key; one conditional UpdateItem per item (idempotent, resumable, safe while the",
            "service runs). rotate-tenant-keys: a new key version per tenant; writers use it within 5 minutes.",
            "Exit codes: 0 done, 1 failed (rerun: nothing is lost), 2 bad arguments.");

    record Counts(long scanned, long resealed, long current, long changedMeanwhile, long notBandwidth) {
        Counts plus(Counts o) {
            return new Counts(scanned + o.scanned, resealed + o.resealed, current + o.current,
                    changedMeanwhile + o.changedMeanwhile, notBandwidth + o.notBandwidth);
        }
    }

    private KeysCommand() {
    }

    static int run(String command, String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        String endpoint = null;
        String table = null;
        String region = "us-east-1";
        String startAfter = null;
        String kmsKeyId = null;
        String kmsEndpoint = null;
        String masterKeyFile = null;
        Set<String> tenants = new LinkedHashSet<>();
        boolean all = false;
        int pageSize = 500;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--endpoint" -> endpoint = Main.Arguments.value(args, ++i, arg);
                    case "--table" -> table = Main.Arguments.value(args, ++i, arg);
                    case "--region" -> region = Main.Arguments.value(args, ++i, arg);
                    case "--start-after" -> startAfter = Main.Arguments.value(args, ++i, arg);
                    case "--kms-key-id" -> kmsKeyId = Main.Arguments.value(args, ++i, arg);
                    case "--kms-endpoint" -> kmsEndpoint = Main.Arguments.value(args, ++i, arg);
                    case "--master-key-file" -> masterKeyFile = Main.Arguments.value(args, ++i, arg);
                    case "--tenant" -> tenants.add(tenant(Main.Arguments.value(args, ++i, arg)));
                    case "--all" -> all = true;
                    case "--page-size" -> pageSize = pageSize(Main.Arguments.value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown " + command + " option: " + arg);
                }
            }
            if (endpoint == null || table == null) {
                throw new IllegalArgumentException(command + " needs --endpoint and --table");
            }
            if ((kmsKeyId == null) == (masterKeyFile == null)) {
                throw new IllegalArgumentException(command + " needs one of --kms-key-id or --master-key-file");
            }
            if (command.equals("rotate-tenant-keys") && all == !tenants.isEmpty()) {
                throw new IllegalArgumentException("rotate-tenant-keys needs --all or at least one --tenant, not both");
            }
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage() + " (see " + command + " --help)");
            return 2;
        }
        try (DynamoDbClient client = MigrateListingCommand.client(endpoint, region)) {
            Keys keys = keys(client, table, region, kmsKeyId, kmsEndpoint, masterKeyFile);
            if (command.equals("rotate-tenant-keys")) {
                for (String tenant : all ? allTenants(client, table) : tenants) {
                    out.printf("%s: tenant %s now seals with %s%d%n", table, tenant, TenantKeyring.KEY_ID_PREFIX,
                            keys.tenantKeys().rotate(tenant));
                }
            } else {
                reseal(client, table, keys, startAfter, pageSize, out);
            }
            return 0;
        } catch (RuntimeException e) {
            err.println(command + " failed: " + e.getMessage());
            err.println("Nothing is lost: rerun it (reseal: add --start-after with the last key printed).");
            return 1;
        }
    }

    private static String tenant(String scope) {
        if (!scope.matches("bw#[^#]+|ds#[0-9a-f-]{36}#[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("--tenant is bw#<accountId> or ds#<vendorId>#<organizationId>, not "
                    + scope);
        }
        return scope;
    }

    private static int pageSize(String value) {
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= 10_000) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // Said below.
        }
        throw new IllegalArgumentException("--page-size must be 1 to 10000, not " + value);
    }

    record Keys(TenantKeyring tenantKeys, HashSealer hashes) {
    }

    static Keys keys(DynamoDbClient client, String table, String region, String kmsKeyId, String kmsEndpoint,
                     String masterKeyFile) {
        KeyPairVault vault;
        DataKeyProvider perItem;
        if (masterKeyFile != null) {
            LocalMasterKeyProvider local = LocalMasterKeyProvider.fromFile(Path.of(masterKeyFile));
            vault = KeyPairVault.local(local.masterKeyBytes());
            perItem = local;
        } else {
            var kms = KmsClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
            if (kmsEndpoint != null) {
                URI uri = URI.create(kmsEndpoint);
                kms.endpointOverride(uri).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local")));
            } else {
                kms.credentialsProvider(DefaultCredentialsProvider.builder().build());
            }
            KmsClient built = kms.build();
            vault = KeyPairVault.kms(built, kmsKeyId);
            perItem = new KmsDataKeyProvider(built, kmsKeyId);
        }
        // No cache across a rotation: the operator's view of the newest version is always read anew.
        TenantKeyring tenantKeys = new TenantKeyring(new TenantKeyTable(client, table), vault, Clock.systemUTC(),
                java.time.Duration.ZERO);
        return new Keys(tenantKeys, new HashSealer(tenantKeys, perItem));
    }

    private static Set<String> allTenants(DynamoDbClient client, String table) {
        Set<String> scopes = new LinkedHashSet<>();
        client.scanPaginator(ScanRequest.builder().tableName(table).projectionExpression("pk, kind").build()).items()
                .forEach(item -> {
                    String pk = item.get("pk").s();
                    if (pk.startsWith("key#") && !pk.matches(".*#v[0-9]+")) {
                        scopes.add(pk.substring(4));
                    }
                });
        return scopes;
    }

    static Counts reseal(DynamoDbClient client, String table, Keys keys, String startAfter, int pageSize,
                         PrintStream out) {
        Map<String, AttributeValue> start = startAfter == null ? null : Map.of("pk", AttributeValue.fromS(startAfter));
        Counts total = new Counts(0, 0, 0, 0, 0);
        Map<String, Integer> newest = new HashMap<>();
        do {
            ScanResponse page = client.scan(ScanRequest.builder().tableName(table).limit(pageSize)
                    .exclusiveStartKey(start).consistentRead(true).build());
            long resealed = 0;
            long current = 0;
            long meanwhile = 0;
            long other = 0;
            for (Map<String, AttributeValue> item : page.items()) {
                String pk = item.get("pk").s();
                AttributeValue kind = item.get("kind");
                if (!pk.startsWith("bw#") || kind == null || !"bandwidth-sip-credential".equals(kind.s())) {
                    other++;
                    continue;
                }
                String rest = pk.substring(3);
                String accountId = rest.substring(0, rest.indexOf('#'));
                String uniquenessKey = rest.substring(rest.indexOf('#') + 1);
                String scope = "bw#" + accountId;
                int newestVersion = newest.computeIfAbsent(scope, s -> keys.tenantKeys().rotateIfAbsent(s));
                AttributeValue keyId = item.get("hashKeyId");
                if (keyId != null && (TenantKeyring.KEY_ID_PREFIX + newestVersion).equals(keyId.s())) {
                    current++;
                } else if (resealed(client, table, keys.hashes(), item, accountId, uniquenessKey)) {
                    resealed++;
                } else {
                    meanwhile++;
                }
            }
            Counts counts = new Counts(page.items().size(), resealed, current, meanwhile, other);
            total = total.plus(counts);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            out.printf("%s: scanned %d, resealed %d, already current %d, changed meanwhile %d, not Bandwidth"
                            + " credentials %d%s%n", table, counts.scanned(), counts.resealed(), counts.current(),
                    counts.changedMeanwhile(), counts.notBandwidth(),
                    start == null ? "" : "; resume with --start-after " + start.get("pk").s());
        } while (start != null);
        out.printf("%s: done: scanned %d, resealed %d, already current %d, changed meanwhile %d, not Bandwidth"
                        + " credentials %d%n", table, total.scanned(), total.resealed(), total.current(),
                total.changedMeanwhile(), total.notBandwidth());
        return total;
    }

    /** Opens as a GET would (the item's own key gives account and name), seals anew, writes if unchanged. */
    private static boolean resealed(DynamoDbClient client, String table, HashSealer hashes,
                                    Map<String, AttributeValue> item, String accountId, String uniquenessKey) {
        HashSealer.Hashes opened = hashes.open(item, accountId, uniquenessKey);
        AttributeValue domain = item.get("domain");
        Map<String, AttributeValue> sealed = hashes.seal(accountId, new AccountCredential(item.get("userName").s(),
                domain == null ? null : domain.s(), opened.hash1(), opened.hash1b()));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, AttributeValue> e : sealed.entrySet()) {
            names.put("#s" + n, e.getKey());
            values.put(":s" + n, e.getValue());
            set.add("#s" + n + " = :s" + n);
            n++;
        }
        List<String> remove = new ArrayList<>();
        for (String stale : List.of("hash1", "hash1b", "hash1bCiphertext", "hash1bNonce")) {
            if (item.containsKey(stale) && !sealed.containsKey(stale)) {
                names.put("#r" + remove.size(), stale);
                remove.add("#r" + remove.size());
            }
        }
        // Unchanged since read: the ciphertext (a fresh nonce per seal) or, for a clear item, the clear Hash1.
        String was = item.containsKey("hash1Ciphertext") ? "hash1Ciphertext" : "hash1";
        names.put("#was", was);
        values.put(":was", item.get(was));
        try {
            client.updateItem(u -> u.tableName(table).key(Map.of("pk", item.get("pk")))
                    .updateExpression("SET " + String.join(", ", set)
                            + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove)))
                    .conditionExpression("#was = :was")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}

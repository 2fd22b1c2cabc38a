package dev.sipcredentials.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * 100,000 credential-sized items (~300 bytes) must fit in a 256 MB heap: measures the heap the stored items hold
 * (through the operations, without HTTP) and prints bytes per item.
 */
class HeapFootprintTest {
    static final int ITEMS = 100_000;

    @Test
    void oneHundredThousandCredentialsFitWellInsideTwoHundredFiftySixMegabytes() {
        OperationContext context = new OperationContext(Database.inMemory(), new PartitionThroughput(false));
        Operations operations = new Operations(context);
        ObjectNode create = ItemJson.MAPPER.createObjectNode();
        create.put("TableName", "heap").put("BillingMode", "PAY_PER_REQUEST");
        create.putArray("AttributeDefinitions").addObject().put("AttributeName", "pk").put("AttributeType", "S");
        create.putArray("KeySchema").addObject().put("AttributeName", "pk").put("KeyType", "HASH");
        operations.get("CreateTable").apply(create);
        long before = usedAfterGc();
        long itemBytes = 0;
        for (int i = 0; i < ITEMS; i++) {
            ObjectNode put = ItemJson.MAPPER.createObjectNode();
            put.put("TableName", "heap").put("ConditionExpression", "attribute_not_exists(pk)");
            ObjectNode item = put.putObject("Item");
            String name = String.format(Locale.ROOT, "user%06d@sip.example.com", i);
            item.putObject("pk").put("S", "bw#account-1#" + name);
            item.putObject("kind").put("S", "bandwidth-sip-credential");
            item.putObject("accountId").put("S", "account-1");
            item.putObject("name").put("S", name);
            item.putObject("userName").put("S", String.format(Locale.ROOT, "user%06d", i));
            item.putObject("domain").put("S", "sip.example.com");
            item.putObject("hash1").put("S", "v1:" + "a".repeat(56));
            item.putObject("hash1b").put("S", "v1:" + "b".repeat(56));
            item.putObject("createdAt").put("S", "2026-12-02T08:00:00.000Z");
            item.putObject("writeToken").put("S", "token-" + i);
            itemBytes += item.toString().length();
            operations.get("PutItem").apply(put);
        }
        long used = usedAfterGc() - before;
        assertThat(context.db.table("heap").itemCount()).isEqualTo(ITEMS);
        System.out.printf(Locale.ROOT, "Heap footprint: %d items of %d bytes (wire JSON) hold %.1f MB: %d bytes per item%n",
                ITEMS, itemBytes / ITEMS, used / 1e6, used / ITEMS);
        assertThat(used).as("heap held by 100,000 items").isLessThan(128L * 1024 * 1024);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}

package dev.sipcredentials.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * The listing keys ({@code listPk}, {@code listSk}) a stored credential item should carry, computed from the item's
 * own attributes exactly as a create writes them ({@link KeyScheme}): for migrating items written before the
 * listing index existed ({@code migrate-listing} in the local jar).
 */
public final class ListingKeys {
    public static final String LIST_PK = KeyScheme.LIST_PK;
    public static final String LIST_SK = KeyScheme.LIST_SK;
    public static final String INDEX = KeyScheme.LISTING_INDEX;

    private ListingKeys() {
    }

    /** The listing keys of one item. */
    public record Keys(String listPk, String listSk) {
    }

    /**
     * The keys of a Bandwidth credential ({@code pk = bw#<accountId>#<uniqueness key>}) or a deepslate record
     * ({@code pk = ds#<vendor>#<organization>#cred#<id>}, with {@code createdAt}); null for every other item
     * (guards, idempotency records) and for an item lacking what its keys derive from.
     */
    public static Keys of(Map<String, AttributeValue> item) {
        String pk = text(item, KeyScheme.PK);
        if (pk == null) {
            return null;
        }
        if (pk.startsWith("bw#")) {
            String accountId = text(item, "accountId");
            String prefix = "bw#" + accountId + "#";
            if (accountId == null || !pk.startsWith(prefix) || pk.length() == prefix.length()) {
                return null;
            }
            // The uniqueness key is what the pk ends with: the same value a create derives from the name.
            String uniquenessKey = pk.substring(prefix.length());
            return new Keys(KeyScheme.accountListPartition(accountId, KeyScheme.accountListShard(uniquenessKey)),
                    uniquenessKey);
        }
        if (pk.startsWith("ds#") && pk.contains("#cred#")) {
            String vendorId = text(item, "vendorId");
            String organizationId = text(item, "organizationId");
            String id = text(item, "id");
            String createdAt = text(item, "createdAt");
            if (vendorId == null || organizationId == null || id == null || createdAt == null) {
                return null;
            }
            try {
                UUID uuid = UUID.fromString(id);
                var organization = dev.sipcredentials.provisioning.Tenant.organization(vendorId, organizationId);
                return new Keys(KeyScheme.organizationListPartition(organization, KeyScheme.organizationListShard(uuid)),
                        KeyScheme.organizationListSort(Instant.parse(createdAt), uuid));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}

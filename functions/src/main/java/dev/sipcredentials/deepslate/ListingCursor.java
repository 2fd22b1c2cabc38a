package dev.sipcredentials.deepslate;

import dev.sipcredentials.provisioning.ListedOrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The opaque {@code cursor} of deepslate's listing: base64url (no padding) of
 * {@code c1|<vendorId>|<organizationId>|<position>|<crc32 hex>}, {@code position} being the last listed
 * credential's place in the listing order ({@code <13-digit creation millis>#<id>}).
 *
 * <p>Bound to its organization: a cursor names the organization it was given to, and another organization's is
 * refused. The checksum refuses a cursor changed by hand or cut short. It is not a secret and not a permission:
 * what a request may read is decided by its token's grant and the path, and a forged cursor can only move within
 * the caller's own organization's listing (which the caller may read in full anyway).
 */
final class ListingCursor {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final String VERSION = "c1";
    private static final int MAX_LENGTH = 256;

    private ListingCursor() {
    }

    static String of(Tenant.Organization organization, String position) {
        String payload = VERSION + "|" + organization.vendorId() + "|" + organization.organizationId() + "|" + position;
        String text = payload + "|" + crc(payload);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position the cursor continues after, or null when it is not a cursor of this organization's listing. */
    static String position(Tenant.Organization organization, String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] parts = text.split("\\|", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            return null;
        }
        String payload = text.substring(0, text.lastIndexOf('|'));
        if (!crc(payload).equals(parts[4]) || !organization.vendorId().equals(parts[1])
                || !organization.organizationId().equals(parts[2])
                || !ListedOrganizationCredential.isPosition(parts[3])) {
            return null;
        }
        return parts[3];
    }

    private static String crc(String payload) {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** A page's {@code limit}: 1 to {@value #MAX_LIMIT} in plain digits, else -1. */
    static int parseLimit(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int limit = Integer.parseInt(text);
        return limit >= 1 && limit <= MAX_LIMIT ? limit : -1;
    }

    /** SnapStart priming of the 200 the listing answers after the store call (a page and its cursor). */
    static boolean primeAnswer() {
        Tenant.Organization organization = Tenant.organization("00000000-0000-4000-8000-000000000000",
                "00000000-0000-4000-8000-000000000001");
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000002");
        String cursor = of(organization, "0000000000000#" + id);
        return ApiResponseJson.listed(List.of(new StoredOrganizationCredential(id, "prime.invalid", 5060, "prime", 1)),
                cursor, Instant.EPOCH, "snapstart-priming").contains(cursor)
                && cursor.equals(of(organization, position(organization, cursor)));
    }
}

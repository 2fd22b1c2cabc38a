package dev.sipcredentials.deepslate;

import dev.sipcredentials.provisioning.ListedOrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.sealing.ServiceMacKey;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The opaque {@code cursor} of deepslate's listing: base64url (no padding) of
 * {@code 0x02 || nonce(12) || AES-256-GCM(position)}, the position being the last listed credential's place in
 * the listing order ({@code <13-digit creation millis>#<id>}), the key the service MAC key's
 * {@link ServiceMacKey#LISTING_CURSOR} sub-key, the additional data the version, vendor and organization.
 *
 * <p>Encrypted, so it no longer shows when the last listed credential was created; authenticated, so a cursor changed
 * by hand, cut short, made up, or given to another organization is refused (400 INVALID_CURSOR). Cursors of the
 * earlier form ({@code c1|...|crc32}) are refused the same way: they live one listing session. A cursor is still not
 * a permission: what a request may read is decided by its token's grant and the path.
 */
final class ListingCursor {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_LENGTH = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceMacKey key;

    ListingCursor(ServiceMacKey key) {
        this.key = key;
    }

    String of(Tenant.Organization organization, String position) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.encryptionKey(ServiceMacKey.LISTING_CURSOR),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(organization));
            byte[] sealed = cipher.doFinal(position.getBytes(StandardCharsets.UTF_8));
            byte[] cursor = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed)
                    .array();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES/GCM", e);
        }
    }

    /** The position the cursor continues after, or null when it is not a cursor of this organization's listing. */
    String position(Tenant.Organization organization, String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length <= 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            return null;
        }
        String position;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.encryptionKey(ServiceMacKey.LISTING_CURSOR),
                    new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(aad(organization));
            position = new String(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException forgedOrOtherOrganizations) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES/GCM", e);
        }
        return ListedOrganizationCredential.isPosition(position) ? position : null;
    }

    private static byte[] aad(Tenant.Organization organization) {
        return ("sip-credentials/listing-cursor/v2|" + organization.vendorId() + "|" + organization.organizationId())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A page's {@code limit}: 1 to {@value #MAX_LIMIT} in plain digits, else -1. */
    static int parseLimit(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int limit = Integer.parseInt(text);
        return limit >= 1 && limit <= MAX_LIMIT ? limit : -1;
    }

    /**
     * SnapStart priming of the 200 the listing answers after the store call (a page and its cursor), under a key
     * that lives in memory only: nothing it makes opens anywhere else.
     */
    static boolean primeAnswer() {
        Tenant.Organization organization = Tenant.organization("00000000-0000-4000-8000-000000000000",
                "00000000-0000-4000-8000-000000000001");
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000002");
        ListingCursor cursors = new ListingCursor(ServiceMacKey.ephemeral());
        String cursor = cursors.of(organization, "0000000000000#" + id);
        return ApiResponseJson.listed(List.of(new StoredOrganizationCredential(id, "prime.invalid", 5060, "prime", 1)),
                cursor, Instant.EPOCH, "snapstart-priming").contains(cursor)
                && ("0000000000000#" + id).equals(cursors.position(organization, cursor));
    }
}

package dev.sipcredentials.sealing;

import dev.sipcredentials.provisioning.OrganizationCredential;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a sealed password is bound to (the GCM additional data, and through it the data key's KMS encryption context).
 * <ul>
 *   <li>v2, every item written now: {@code sip-credentials/password/v2|vendorId|organizationId|id|hostname|port|username},
 *       the hostname and username as stored, so a table writer who points the ciphertext at another SIP server, port
 *       or username gets an item whose password does not open. The item says {@value #VERSION_ATTRIBUTE} = "2".
 *   <li>v1, items written before: {@code sip-credentials/password/v1|vendorId|organizationId|id}, chosen only for an
 *       item without the version attribute. Dropping the attribute from a v2 item does not help a tamperer: its
 *       ciphertext does not authenticate under v1.
 * </ul>
 * Hosts and ports cannot contain '|', and the free-form username comes last, so the fields cannot be shifted.
 */
public final class PasswordAad {
    public static final String VERSION_ATTRIBUTE = "passwordAadVersion";
    public static final String CURRENT_VERSION = "2";

    private PasswordAad() {
    }

    public static byte[] of(OrganizationCredential credential) {
        return v2(credential.vendorId().toString(), credential.organizationId().toString(), credential.id().toString(),
                credential.login().hostname(), Integer.toString(credential.login().port()),
                credential.login().username());
    }

    /** The AAD of a stored item, from the item's own attributes and version. */
    public static byte[] of(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION_ATTRIBUTE);
        String vendorId = item.get("vendorId").s();
        String organizationId = item.get("organizationId").s();
        String id = item.get("id").s();
        if (version == null) {
            return v1(vendorId, organizationId, id);
        }
        if (!CURRENT_VERSION.equals(version.s())) {
            throw new PasswordSealer.SealException("unknown password AAD version", null);
        }
        return v2(vendorId, organizationId, id, item.get("hostname").s(), item.get("port").n(), item.get("username").s());
    }

    public static byte[] v1(String vendorId, String organizationId, String credentialId) {
        return ("sip-credentials/password/v1|" + vendorId + "|" + organizationId + "|" + credentialId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] v2(String vendorId, String organizationId, String credentialId, String hostname, String port,
                             String username) {
        return ("sip-credentials/password/v2|" + vendorId + "|" + organizationId + "|" + credentialId + "|" + hostname
                + "|" + port + "|" + username).getBytes(StandardCharsets.UTF_8);
    }
}

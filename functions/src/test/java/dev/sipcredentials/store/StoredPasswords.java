package dev.sipcredentials.store;

import dev.sipcredentials.sealing.PasswordSealer;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Reading a password back from a raw deepslate credential item, for whoever is authorised to (tests, a future
 * reader with kms:Decrypt of organizations' keys): the AAD comes from the item's own id and login, so a ciphertext
 * moved to another item does not open; the tenant key is that of the organization the reader names.
 */
public final class StoredPasswords {
    private StoredPasswords() {
    }

    public static String open(Map<String, AttributeValue> item, PasswordSealer sealer) {
        return open(item, sealer, "ds#" + item.get("vendorId").s() + "#" + item.get("organizationId").s());
    }

    /** As the organization {@code tenant} (the one a request would have addressed) opens it. */
    public static String open(Map<String, AttributeValue> item, PasswordSealer sealer, String tenant) {
        return sealer.open(tenant, CredentialItems.sealedPassword(item), CredentialItems.passwordAad(item));
    }
}

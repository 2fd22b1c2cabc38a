package dev.sipcredentials.store;

import dev.sipcredentials.sealing.PasswordSealer;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Reading a password back from a raw deepslate credential item, for whoever is authorised to (tests, a future
 * reader with kms:Decrypt): the AAD comes from the item's own id and tenant, so a ciphertext moved to another item
 * does not open.
 */
public final class StoredPasswords {
    private StoredPasswords() {
    }

    public static String open(Map<String, AttributeValue> item, PasswordSealer sealer) {
        return sealer.open(CredentialItems.sealedPassword(item), CredentialItems.passwordAad(item));
    }
}

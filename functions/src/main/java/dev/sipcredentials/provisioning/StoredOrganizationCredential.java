package dev.sipcredentials.provisioning;

import java.util.UUID;

/**
 * A deepslate credential as it reads back from the store: everything but the password, which is write-only (the
 * store holds its ciphertext and no route reads it back).
 */
public record StoredOrganizationCredential(UUID id, String hostname, int port, String username, int maxAgentTasks) {
}

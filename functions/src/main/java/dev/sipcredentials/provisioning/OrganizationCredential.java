package dev.sipcredentials.provisioning;

import java.util.UUID;

/**
 * A validated SIP credential of an organization (the deepslate model): how a voice agent registers with a
 * SIP server. {@code password} is write-only: it goes to the store and nowhere else.
 */
public record OrganizationCredential(UUID id, UUID vendorId, UUID organizationId, SipServerLogin login,
                                     String password, int maxAgentTasks) {

    @Override
    public String toString() {
        // Records print every component by default; this one must never print the password.
        return "OrganizationCredential[id=" + id + ", organizationId=" + organizationId + "]";
    }
}

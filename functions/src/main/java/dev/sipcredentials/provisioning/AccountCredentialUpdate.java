package dev.sipcredentials.provisioning;

/**
 * What a change of one Bandwidth credential's hashes did: changed (with the UserName and Domain as stored, which
 * the answer shows), absent (never created by a change), or a store fault with nothing changed.
 */
public record AccountCredentialUpdate(Kind kind, String userName, String domain) {
    public enum Kind { UPDATED, NOT_FOUND, TRANSIENT_FAILURE, STORE_FAILURE }

    public static AccountCredentialUpdate updated(String userName, String domain) {
        return new AccountCredentialUpdate(Kind.UPDATED, userName, domain);
    }

    public static AccountCredentialUpdate of(Kind kind) {
        if (kind == Kind.UPDATED) {
            throw new IllegalArgumentException("an update carries the stored name");
        }
        return new AccountCredentialUpdate(kind, null, null);
    }
}

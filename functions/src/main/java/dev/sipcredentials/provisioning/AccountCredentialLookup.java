package dev.sipcredentials.provisioning;

/** What a read of one Bandwidth credential found: it, nothing, or a store fault after the SDK's retries. */
public record AccountCredentialLookup(Kind kind, StoredAccountCredential credential) {
    public enum Kind { FOUND, NOT_FOUND, TRANSIENT_FAILURE, STORE_FAILURE }

    public static AccountCredentialLookup found(StoredAccountCredential credential) {
        return new AccountCredentialLookup(Kind.FOUND, credential);
    }

    public static AccountCredentialLookup of(Kind kind) {
        if (kind == Kind.FOUND) {
            throw new IllegalArgumentException("a found lookup carries its credential");
        }
        return new AccountCredentialLookup(kind, null);
    }
}

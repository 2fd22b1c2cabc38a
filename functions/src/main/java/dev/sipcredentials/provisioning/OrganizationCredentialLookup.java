package dev.sipcredentials.provisioning;

/**
 * What a read of one organization credential found: the credential, nothing (absent, or another organization's:
 * the two are one answer, so an id reveals nothing about other tenants), or a store fault after the SDK's retries.
 */
public record OrganizationCredentialLookup(Kind kind, StoredOrganizationCredential credential) {
    public enum Kind { FOUND, NOT_FOUND, TRANSIENT_FAILURE, STORE_FAILURE }

    public static OrganizationCredentialLookup found(StoredOrganizationCredential credential) {
        return new OrganizationCredentialLookup(Kind.FOUND, credential);
    }

    public static OrganizationCredentialLookup of(Kind kind) {
        if (kind == Kind.FOUND) {
            throw new IllegalArgumentException("a found lookup carries its credential");
        }
        return new OrganizationCredentialLookup(kind, null);
    }
}

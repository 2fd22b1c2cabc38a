package dev.sipcredentials.provisioning;

/**
 * A deepslate credential as a listing shows it, with its position in the organization's listing order (creation
 * time, then id): the opaque value a cursor carries to continue after it.
 */
public record ListedOrganizationCredential(StoredOrganizationCredential credential, String position) {
}

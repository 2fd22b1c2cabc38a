package dev.sipcredentials.provisioning;

import java.util.List;

/**
 * One page of a tenant's credentials in listing order, or why there is none: a store fault after the SDK's
 * retries, worth the client's retry ({@code TRANSIENT_FAILURE}) or not ({@code STORE_FAILURE}).
 *
 * @param <T> how a listed credential looks ({@link ListedAccountCredential}, {@link ListedOrganizationCredential})
 */
public record CredentialListing<T>(Kind kind, List<T> items) {
    public enum Kind { LISTED, TRANSIENT_FAILURE, STORE_FAILURE }

    public static <T> CredentialListing<T> listed(List<T> items) {
        return new CredentialListing<>(Kind.LISTED, List.copyOf(items));
    }

    public static <T> CredentialListing<T> failed(Kind kind) {
        if (kind == Kind.LISTED) {
            throw new IllegalArgumentException("a listing carries its items");
        }
        return new CredentialListing<>(kind, List.of());
    }
}

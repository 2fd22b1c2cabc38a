package dev.sipcredentials.provisioning;

import java.time.Duration;

/**
 * Lists a tenant's credentials page by page, keyset-based: a page starts at a position in the listing order and
 * holds the next {@code limit} credentials from there, so pages stay stable while other requests create and
 * delete (no offset shifts). Reads are eventually consistent (an index): a credential created a moment ago may
 * show on a later listing only. Never throws for store faults: they come back as the listing's kind.
 */
public interface CredentialLister {

    /**
     * The account's credentials in case-insensitive composite-name order, from the name {@code fromName} on
     * (inclusive; null: from the first), those {@code filter} matches, at most {@code limit}.
     *
     * @param timeout the longest the whole page may take, the SDK's retries included
     */
    CredentialListing<ListedAccountCredential> listAccount(String accountId, String fromName,
                                                           AccountCredentialFilter filter, int limit,
                                                           Duration timeout);

    /**
     * The organization's credentials in creation order (then id), after {@code afterPosition} (a
     * {@link ListedOrganizationCredential#position()} of an earlier page; null: from the first), at most
     * {@code limit}. Never the password.
     */
    CredentialListing<ListedOrganizationCredential> listOrganization(Tenant.Organization organization,
                                                                     String afterPosition, int limit,
                                                                     Duration timeout);
}

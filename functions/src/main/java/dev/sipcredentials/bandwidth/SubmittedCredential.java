package dev.sipcredentials.bandwidth;

import dev.sipcredentials.provisioning.AccountCredential;

/**
 * One {@code <SipCredential>} as the client sent it: element texts trimmed, null when absent or empty.
 * {@code structuralError} is set when the entry had unknown, nested or repeated elements.
 */
record SubmittedCredential(String userName, String domain, String hash1, String hash1b,
                           BandwidthError structuralError) {

    /** As {@link AccountCredential#name()}: what a duplicate is reported under. */
    String name() {
        return AccountCredential.name(userName, domain);
    }
}

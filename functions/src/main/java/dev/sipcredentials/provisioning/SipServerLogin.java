package dev.sipcredentials.provisioning;

/**
 * One account on one SIP server: the triple an organization may hold only one credential for.
 * {@code canonicalHost} is the form used for uniqueness (lower case, no trailing dot, IP literals in one
 * spelling); {@code hostname} is kept as submitted.
 */
public record SipServerLogin(String hostname, String canonicalHost, int port, String username) {

    /** Username compared exactly (SIP user parts are case-sensitive), host case-insensitively. */
    public String uniquenessKey() {
        return canonicalHost + "#" + port + "#" + username;
    }
}

package dev.sipcredentials.provisioning;

/**
 * One account on one SIP server: the triple an organization may hold only one credential for.
 * {@code canonicalHost} is the form used for uniqueness (lower case, no trailing dot, IP literals in one
 * spelling); {@code hostname} is kept as submitted.
 */
public record SipServerLogin(String hostname, String canonicalHost, int port, String username) {

    /**
     * Username compared exactly (SIP user parts are case-sensitive) but in NFC ({@link UsernameText}), host
     * case-insensitively. For a username already in NFC (every ASCII one among them) the key is the one written
     * before NFC was applied, so guards stored then are found as before.
     */
    public String uniquenessKey() {
        return canonicalHost + "#" + port + "#" + UsernameText.nfc(username);
    }
}

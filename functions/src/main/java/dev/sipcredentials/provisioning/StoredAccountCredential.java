package dev.sipcredentials.provisioning;

/**
 * A Bandwidth credential as stored, its hashes opened: UserName and Domain (null when none) as created, Hash1 and
 * Hash1b (null when none). Never logged: {@link #toString()} hides the hashes, which answer any digest challenge.
 */
public record StoredAccountCredential(String userName, String domain, String hash1, String hash1b) {
    @Override
    public String toString() {
        return "StoredAccountCredential[" + AccountCredential.name(userName, domain) + ", hashes hidden]";
    }
}

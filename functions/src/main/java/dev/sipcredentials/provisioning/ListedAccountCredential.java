package dev.sipcredentials.provisioning;

/**
 * A Bandwidth credential as a listing shows it: the fields exactly as stored, the hashes opened. {@code domain}
 * and {@code hash1b} may be null. Never logged: {@link #toString()} leaves the hashes out.
 */
public record ListedAccountCredential(String userName, String domain, String hash1, String hash1b) {

    /** The composite name as stored ({@code UserName@Domain}, or the UserName): what a {@code page} names. */
    public String name() {
        return AccountCredential.name(userName, domain);
    }

    @Override
    public String toString() {
        return "ListedAccountCredential[" + name() + ", hashes hidden]";
    }
}

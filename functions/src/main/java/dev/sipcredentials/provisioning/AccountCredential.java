package dev.sipcredentials.provisioning;

import java.util.Locale;

/**
 * A validated SIP credential of an account (the Bandwidth model). {@code domain} and {@code hash1b} may be
 * null. Values are kept exactly as submitted (after trimming): the name is echoed as the client wrote it.
 */
public record AccountCredential(String userName, String domain, String hash1, String hash1b) {

    /** {@code UserName@Domain} when a Domain is given, else the UserName (which may already hold the '@'). */
    public String name() {
        return name(userName, domain);
    }

    /** The name of a credential with this UserName and (nullable) Domain. */
    public static String name(String userName, String domain) {
        return domain == null ? userName : userName + "@" + domain;
    }

    /** Names are unique per account regardless of case, as Bandwidth's service treats them. */
    public String uniquenessKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}

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

    /**
     * Names are unique per account regardless of case, as Bandwidth's service treats them, and regardless of
     * escaping ({@code %61lice} is {@code alice}, see {@link SipUserPart}). The domain holds no '%', so the whole
     * name can be canonicalised. Lower-casing after canonicalising also folds the escapes' hex: for every name
     * without an escaped unreserved character the key is exactly the one written before escapes were decoded
     * ({@code name().toLowerCase(Locale.ROOT)}), so credentials stored then are found as before.
     */
    public String uniquenessKey() {
        return SipUserPart.canonical(name()).toLowerCase(Locale.ROOT);
    }
}

package dev.sipcredentials.bandwidth;

import dev.sipcredentials.provisioning.AccountCredential;

import java.util.ArrayList;
import java.util.List;

/**
 * Bandwidth's rules for one submitted credential. The first broken rule is reported, in the order below,
 * so that a client fixing errors one by one converges.
 */
final class SipCredentialRules {
    static final int MAX_NAME_LENGTH = 32;
    static final int MAX_HASH_LENGTH = 64;

    private SipCredentialRules() {
    }

    /** Either {@code credential} or {@code error} is set. */
    record Checked(AccountCredential credential, BandwidthError error) {
    }

    static Checked check(SubmittedCredential submitted) {
        BandwidthError error = firstError(submitted);
        if (error != null) {
            return new Checked(null, error);
        }
        return new Checked(new AccountCredential(submitted.userName(), submitted.domain(), submitted.hash1(),
                submitted.hash1b()), null);
    }

    private static BandwidthError firstError(SubmittedCredential s) {
        if (s.structuralError() != null) {
            return s.structuralError();
        }
        if (s.userName() == null) {
            return BandwidthError.USER_NAME_REQUIRED;
        }
        if (s.hash1() == null) {
            return BandwidthError.HASH1_REQUIRED;
        }
        if (length(s.userName()) > MAX_NAME_LENGTH) {
            return BandwidthError.USER_NAME_TOO_LONG;
        }
        if (s.domain() != null && length(s.domain()) > MAX_NAME_LENGTH) {
            return BandwidthError.DOMAIN_TOO_LONG;
        }
        if (length(s.hash1()) > MAX_HASH_LENGTH) {
            return BandwidthError.HASH1_TOO_LONG;
        }
        if (s.hash1b() != null && length(s.hash1b()) > MAX_HASH_LENGTH) {
            return BandwidthError.HASH1B_TOO_LONG;
        }
        int at = s.userName().indexOf('@');
        if (at >= 0 && s.domain() != null) {
            return BandwidthError.USER_NAME_WITH_AT_AND_DOMAIN;
        }
        if (at >= 0) {
            // An aggregated name, user@domain: each side follows its own rules.
            String user = s.userName().substring(0, at);
            String domain = s.userName().substring(at + 1);
            if (!isSipUser(user) || !isDomain(domain)) {
                return BandwidthError.USER_NAME_INVALID;
            }
        } else if (!isSipUser(s.userName())) {
            return BandwidthError.USER_NAME_INVALID;
        }
        if (s.domain() != null && !isDomain(s.domain())) {
            return BandwidthError.DOMAIN_INVALID;
        }
        if (!isHash(s.hash1()) || (s.hash1b() != null && !isHash(s.hash1b()))) {
            return BandwidthError.HASH_INVALID;
        }
        return null;
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** The user part of a SIP URI (RFC 3261 {@code user}): unreserved, user-unreserved and %-escapes. */
    static boolean isSipUser(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isAlphaNumeric(c) || "-_.!~*'()&=+$,;?/".indexOf(c) >= 0) {
                continue;
            }
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                i += 2;
                continue;
            }
            return false;
        }
        return true;
    }

    /** A host name: letters, digits, '-' and '.', not starting or ending with '.' or '-'. */
    static boolean isDomain(String value) {
        if (value.isEmpty() || value.startsWith(".") || value.endsWith(".") || value.startsWith("-")
                || value.endsWith("-") || value.contains("..")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAlphaNumeric(c) && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Hash values need not be hex (Bandwidth's own examples are not), but they are printable ASCII. */
    static boolean isHash(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Bandwidth account ids are numeric; we accept a slightly wider, key-safe set. */
    static boolean isAccountId(String value) {
        if (value == null || value.isEmpty() || value.length() > 32) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAlphaNumeric(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * A PUT's body, checked by the create's rules (the path's name standing in for an absent UserName and Domain),
     * then against the path ({@code 23004}, {@link #namesPath}): the error, or null when it passes.
     */
    static BandwidthError checkChange(SubmittedCredential body, String path) {
        SubmittedCredential asEntry = body.userName() != null ? body
                : new SubmittedCredential(CompositeNamePath.userPart(path),
                body.domain() != null ? body.domain() : CompositeNamePath.domainPart(path), body.hash1(),
                body.hash1b(), body.structuralError());
        Checked checked = check(asEntry);
        if (checked.error() != null) {
            return checked.error();
        }
        return namesPath(body, path) ? null : BandwidthError.NAME_CHANGE;
    }

    /**
     * Whether the body's UserName/Domain, where given, name the path's credential as uniqueness compares (case- and
     * escape-insensitively): {@code UserName} alone is the user part of the path's name (its Domain implied) or,
     * holding '@', the whole name; {@code Domain} alone is the path's Domain.
     */
    static boolean namesPath(SubmittedCredential body, String path) {
        String named;
        if (body.userName() != null) {
            String domain = body.domain() != null ? body.domain()
                    : body.userName().indexOf('@') >= 0 ? null : CompositeNamePath.domainPart(path);
            named = AccountCredential.name(body.userName(), domain);
        } else if (body.domain() != null) {
            named = AccountCredential.name(CompositeNamePath.userPart(path), body.domain());
        } else {
            return true;
        }
        return uniquenessKey(named).equals(uniquenessKey(path));
    }

    private static String uniquenessKey(String compositeName) {
        return new AccountCredential(compositeName, null, null, null).uniquenessKey();
    }

    /** A batch checked entry by entry: each refused entry's error at its position, the valid ones and theirs. */
    record Batch(BandwidthError[] refusals, List<AccountCredential> valid, int[] positions) {
    }

    static Batch check(List<SubmittedCredential> submitted) {
        BandwidthError[] refusals = new BandwidthError[submitted.size()];
        List<AccountCredential> valid = new ArrayList<>(submitted.size());
        int[] positions = new int[submitted.size()];
        for (int i = 0; i < submitted.size(); i++) {
            Checked checked = check(submitted.get(i));
            if (checked.error() != null) {
                refusals[i] = checked.error();
            } else {
                positions[valid.size()] = i;
                valid.add(checked.credential());
            }
        }
        return new Batch(refusals, valid, positions);
    }
}

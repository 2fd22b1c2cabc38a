package dev.sipcredentials.deepslate;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks a SIP server's host (a DNS name, an IPv4 literal or an IPv6 literal, optionally in brackets) and
 * gives the spelling used for uniqueness, so that {@code SIP.Example.com.} and {@code sip.example.com}, or
 * {@code ::1} and {@code 0:0::1}, are one server. Never resolves a name.
 */
final class SipServerHost {
    static final int MAX_LENGTH = 253;

    private SipServerHost() {
    }

    /** The canonical form, or null when {@code host} is not a valid host. */
    static String canonical(String host) {
        if (host.isEmpty() || host.length() > MAX_LENGTH + 2) {
            return null;
        }
        if (host.indexOf(':') >= 0) {
            return canonicalIpv6(host);
        }
        if (isIpv4(host)) {
            return host;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > MAX_LENGTH || !isDnsName(name)) {
            return null;
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDnsName(String name) {
        String[] labels = name.split("\\.", -1);
        boolean allNumeric = true;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-'
                    || label.charAt(label.length() - 1) == '-') {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                boolean digit = c >= '0' && c <= '9';
                if (!letter && !digit && c != '-') {
                    return false;
                }
                allNumeric &= digit;
            }
        }
        // "1.2.3.999" is a mistyped address, not a name: a top-level label is never all digits.
        String last = labels[labels.length - 1];
        return !last.chars().allMatch(Character::isDigit) && !allNumeric;
    }

    private static String canonicalIpv6(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!isIpv6(literal)) {
            return null; // also refuses zone ids ("%eth0"), which mean nothing off the host
        }
        try {
            // Only a checked literal gets here, so this parses and never asks a resolver.
            InetAddress address = InetAddress.getByName(literal);
            // An IPv4-mapped address (::ffff:192.0.2.1) is the IPv4 server itself.
            return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** RFC 4291 text form: eight groups of 1–4 hex digits, one "::" at most, an IPv4 tail allowed. */
    static boolean isIpv6(String literal) {
        if (literal.length() < 2 || literal.length() > 45) {
            return false;
        }
        String hex = literal;
        int groups = 0;
        if (literal.indexOf('.') >= 0) {
            int lastColon = literal.lastIndexOf(':');
            if (lastColon < 0 || !isIpv4(literal.substring(lastColon + 1))) {
                return false;
            }
            hex = literal.substring(0, lastColon + 1) + "0";
            groups = 1; // the IPv4 tail fills two groups; "0" above stands for one of them
        }
        int doubleColon = hex.indexOf("::");
        if (doubleColon >= 0 && hex.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] halves = doubleColon >= 0
                ? new String[]{hex.substring(0, doubleColon), hex.substring(doubleColon + 2)}
                : new String[]{hex};
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (group.isEmpty() || group.length() > 4) {
                    return false;
                }
                for (int i = 0; i < group.length(); i++) {
                    if (Character.digit(group.charAt(i), 16) < 0) {
                        return false;
                    }
                }
                groups++;
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}

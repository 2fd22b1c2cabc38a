package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The absolute URLs of a listing's {@code <first>} and {@code <next>} links.
 *
 * <p>{@code {base}} is {@code <scheme>://<host>}: the scheme from {@code X-Forwarded-Proto} (http or https; https
 * when absent, as API Gateway serves only https), the host from the {@code Host} header (which keeps the port the
 * local stack listens on) when it is a plain {@code host[:port]} naming the domain API Gateway reports
 * ({@code requestContext.domainName}), else that domain name. So a forged Host cannot put another site into the
 * links. A custom domain's base-path mapping is not known to the function and is not part of the links.
 */
final class ListingLinks {
    private ListingLinks() {
    }

    static String base(Call<?> call) {
        String proto = call.header("x-forwarded-proto");
        String scheme = "http".equalsIgnoreCase(proto) ? "http" : "https";
        String domainName = call.domainName();
        String host = call.header("host");
        if (host != null && isHostAndPort(host)) {
            String name = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
            if (domainName == null || domainName.isEmpty() || name.equalsIgnoreCase(domainName)) {
                return scheme + "://" + host.toLowerCase(Locale.ROOT);
            }
        }
        return scheme + "://" + (domainName == null || domainName.isEmpty() || !isHostAndPort(domainName)
                ? "localhost" : domainName.toLowerCase(Locale.ROOT));
    }

    /** {@code <base path>?size=N&page=P} and the fragments given, each value percent-encoded. */
    static String url(String base, int size, String page, String userNameFragment, String domainFragment) {
        StringBuilder url = new StringBuilder(base.length() + 64).append(base)
                .append("?size=").append(size).append("&page=");
        encode(url, page);
        if (userNameFragment != null) {
            url.append("&usernamefragment=");
            encode(url, userNameFragment);
        }
        if (domainFragment != null) {
            url.append("&domainfragment=");
            encode(url, domainFragment);
        }
        return url.toString();
    }

    /** RFC 3986 unreserved characters and '@' as they are (a composite name reads as one); the rest %XX. */
    private static void encode(StringBuilder url, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@".indexOf(c) >= 0) {
                url.append(c);
            } else {
                url.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
    }

    private static boolean isHostAndPort(String value) {
        if (value.isEmpty() || value.length() > 261) {
            return false;
        }
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (colon >= 0) {
            String port = value.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !name.isEmpty() && name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '.');
    }
}

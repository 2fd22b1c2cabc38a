package dev.sipcredentials.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code java -jar sip-credentials-local.jar hash --username U [--domain D] --realm R < password}: prints the
 * Hash1 and Hash1b a Bandwidth create request carries, computed as Bandwidth documents them:
 * Hash1 = MD5({@code composite:realm:password}), Hash1b = MD5({@code composite@realm:realm:password}), where the
 * composite username is {@code U} or, with a domain, {@code U@D} (Bandwidth joins Domain to UserName with an '@').
 * The password comes from standard input so that it stays out of the shell history and the process list.
 */
final class HashCommand {

    static final String USAGE = String.join("\n",
            "Usage: java -jar infra/target/sip-credentials-local.jar hash --username U [--domain D] --realm R < password",
            "",
            "Reads the password from standard input (one line; the trailing newline is dropped) and prints the digest",
            "hashes a Bandwidth POST /accounts/{accountId}/sipcredentials takes, as Bandwidth documents them:",
            "  Hash1  = MD5(username:realm:password)",
            "  Hash1b = MD5(username@realm:realm:password)",
            "where username is U, or U@D when --domain D is given (Bandwidth's composite username).",
            "",
            "Options:",
            "  --username U   the UserName (required)",
            "  --domain D     the Domain, joined to the username with '@' (optional; not with a U that holds '@')",
            "  --realm R      the SIP realm the device authenticates against (required)",
            "  --help         show this help",
            "",
            "Example: printf '%s\\n' \"$PASSWORD\" | java -jar infra/target/sip-credentials-local.jar hash --username bob --realm r.example.com");

    /** A password line longer than this is not a password: refuse rather than read without bound. */
    static final int MAX_PASSWORD_BYTES = 1024;

    record Request(String username, String domain, String realm) {
        String compositeUsername() {
            return domain == null ? username : username + "@" + domain;
        }
    }

    record Hashes(String hash1, String hash1b) {}

    private HashCommand() {}

    static Request parse(String... args) {
        String username = null;
        String domain = null;
        String realm = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--username" -> username = nonBlank(Main.Arguments.value(args, ++i, arg), arg);
                case "--domain" -> domain = nonBlank(Main.Arguments.value(args, ++i, arg), arg);
                case "--realm" -> realm = nonBlank(Main.Arguments.value(args, ++i, arg), arg);
                default -> throw new IllegalArgumentException("Unknown hash option: " + arg);
            }
        }
        if (username == null) {
            throw new IllegalArgumentException("hash needs --username");
        }
        if (realm == null) {
            throw new IllegalArgumentException("hash needs --realm");
        }
        if (domain != null && username.indexOf('@') >= 0) {
            // The API refuses the same pair (UserName with '@' and a Domain): a hash for it would match no credential.
            throw new IllegalArgumentException("--username holds '@' already: give --domain only with a plain username");
        }
        if ((domain != null && domain.indexOf(':') >= 0) || username.indexOf(':') >= 0 || realm.indexOf(':') >= 0) {
            // ':' separates the digest's fields: a name holding one makes the hash ambiguous.
            throw new IllegalArgumentException("--username, --domain and --realm must not contain ':'");
        }
        return new Request(username, domain, realm);
    }

    private static String nonBlank(String value, String option) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty");
        }
        return value;
    }

    static Hashes hashes(Request request, String password) {
        String user = request.compositeUsername();
        return new Hashes(md5Hex(user + ":" + request.realm() + ":" + password),
                md5Hex(user + "@" + request.realm() + ":" + request.realm() + ":" + password));
    }

    /** The first line of {@code in}, without its line terminator (LF or CRLF); refuses an empty or endless line. */
    static String readPassword(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_PASSWORD_BYTES) {
                throw new IllegalArgumentException("the password line is longer than " + MAX_PASSWORD_BYTES + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (length == 0) {
            throw new IllegalArgumentException("no password on standard input (one line expected)");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Request request = parse(args);
            Hashes hashes = hashes(request, readPassword(in));
            out.println("Hash1=" + hashes.hash1());
            out.println("Hash1b=" + hashes.hash1b());
            return 0;
        } catch (IllegalArgumentException e) {
            return Main.usageError(err, "hash", e.getMessage());
        } catch (IOException e) {
            err.println("hash: could not read the password from standard input: " + Main.oneLine(e.getMessage()));
            return Main.EXIT_FAILED;
        }
    }

    private static String md5Hex(String text) {
        try {
            // MD5 because SIP digest (RFC 2617/8760 HA1) and Bandwidth's API define it: not our choice of hash.
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}

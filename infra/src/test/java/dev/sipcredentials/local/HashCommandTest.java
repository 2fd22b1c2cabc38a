package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return HashCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hash1IsRfc2617sHa1AndHash1bPutsTheRealmAfterTheUsername() {
        // RFC 2617 section 3.5's HA1 for Mufasa; Hash1b from md5sum over "Mufasa@testrealm@host.com:testrealm@host.com:...".
        int status = run("Circle Of Life\n", "--username", "Mufasa", "--realm", "testrealm@host.com");

        assertThat(status).isZero();
        assertThat(out()).isEqualTo("Hash1=939e7578ed9e3c518a452acee763bce9\nHash1b=a8515a070d59f4360775b24b870b3e49\n"
                .replace("\n", System.lineSeparator()));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDomainJoinsTheUsernameWithAnAtAndThePasswordIsUtf8() {
        int status = run("pässwörd\r\n", "--username", "bob", "--domain", "somewhere.com", "--realm", "r.example.com");

        assertThat(status).isZero();
        assertThat(out()).contains("Hash1=4d434f81da9e99882883288767fb5247", "Hash1b=a65c96452a6ae434357481cb0ad0c684");
    }

    @Test
    void theCompositeUsernameGivenWholeHashesAsTheUsernamePlusDomain() {
        run("pässwörd", "--username", "bob@somewhere.com", "--realm", "r.example.com");

        assertThat(out()).contains("Hash1=4d434f81da9e99882883288767fb5247");
    }

    @Test
    void onlyTheFirstLineIsThePassword() {
        run("Circle Of Life\nsomething else\n", "--username", "Mufasa", "--realm", "testrealm@host.com");

        assertThat(out()).contains("Hash1=939e7578ed9e3c518a452acee763bce9");
    }

    @Test
    void refusesAnEmptyPasswordWithoutPrintingAHash() {
        assertThat(run("\n", "--username", "bob", "--realm", "r")).isEqualTo(2);
        assertThat(run("", "--username", "bob", "--realm", "r")).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no password on standard input");
    }

    @Test
    void refusesMissingOrAmbiguousNames() {
        assertThat(run("pw\n", "--realm", "r")).isEqualTo(2);
        assertThat(run("pw\n", "--username", "bob")).isEqualTo(2);
        assertThat(run("pw\n", "--username", "bob@x.com", "--domain", "y.com", "--realm", "r")).isEqualTo(2);
        assertThat(run("pw\n", "--username", "bo:b", "--realm", "r")).isEqualTo(2);
        assertThat(run("pw\n", "--username", "bob", "--realm", "")).isEqualTo(2);
        assertThat(run("pw\n", "--username", "bob", "--realm", "r", "--password", "pw")).isEqualTo(2);

        assertThat(out()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hash needs --username", "hash needs --realm",
                "give --domain only with a plain username", "must not contain ':'", "Unknown hash option: --password");
    }

    @Test
    void refusesAPasswordLineWithoutBound() {
        assertThat(run("x".repeat(HashCommand.MAX_PASSWORD_BYTES + 1), "--username", "bob", "--realm", "r")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat(run("", "--help")).isZero();
        assertThat(out()).contains("Hash1  = MD5(username:realm:password)");
    }
}

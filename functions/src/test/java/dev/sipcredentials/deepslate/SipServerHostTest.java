package dev.sipcredentials.deepslate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SipServerHostTest {

    @ParameterizedTest
    @CsvSource({
            "sipconnect.sipgate.de,   sipconnect.sipgate.de",
            "SIP.Example.COM,         sip.example.com",
            "sip.example.com.,        sip.example.com",
            "SIP.EXAMPLE.COM.,        sip.example.com",
            "localhost,               localhost",
            "a,                       a",
            "123.example,             123.example",
            "xn--bcher-kva.de,        xn--bcher-kva.de",
            "a-b.c-d.example,         a-b.c-d.example",
            "1e100.net,               1e100.net",
    })
    void dnsNamesAreLowerCasedWithoutTrailingDot(String host, String canonical) {
        assertThat(SipServerHost.canonical(host)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
            "1.2.3.4,         1.2.3.4",
            "0.0.0.0,         0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "192.168.10.1,    192.168.10.1",
    })
    void ipv4LiteralsAreKept(String host, String canonical) {
        assertThat(SipServerHost.canonical(host)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
            "::1,                           [0:0:0:0:0:0:0:1]",
            "[::1],                         [0:0:0:0:0:0:0:1]",
            "0:0::1,                        [0:0:0:0:0:0:0:1]",
            "0:0:0:0:0:0:0:1,               [0:0:0:0:0:0:0:1]",
            "2001:db8::1,                   [2001:db8:0:0:0:0:0:1]",
            "2001:DB8::1,                   [2001:db8:0:0:0:0:0:1]",
            "[2001:0db8:0000::0001],        [2001:db8:0:0:0:0:0:1]",
            "::,                            [0:0:0:0:0:0:0:0]",
            "fe80::1,                       [fe80:0:0:0:0:0:0:1]",
    })
    void ipv6LiteralsAreCanonicalisedInBrackets(String host, String canonical) {
        assertThat(SipServerHost.canonical(host)).isEqualTo(canonical);
    }

    @Test
    void spellingsOfOneIpv6AddressAreOneServer() {
        assertThat(SipServerHost.canonical("::1"))
                .isEqualTo(SipServerHost.canonical("0:0::1"))
                .isEqualTo(SipServerHost.canonical("[0000:0000:0000:0000:0000:0000:0000:0001]"));
    }

    @Test
    void ipv4MappedIpv6LiteralIsAValidHost() {
        // "::ffff:192.0.2.1" is a valid IPv6 literal (RFC 4291 section 2.5.5.2).
        assertThat(SipServerHost.canonical("::ffff:192.0.2.1")).isNotNull();
        assertThat(SipServerHost.canonical("[::ffff:192.0.2.1]")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", ".", "..", "-", "sip..example.com", ".sip.example.com", "sip.example.com..", "-sip.example.com",
            "sip-.example.com", "sip.-example.com", "sip_example.com", "sip example.com", " sip.example.com",
            "sip.example.com ", "b\u00fccher.de", "sip.example.com/path", "user@sip.example.com", "*.example.com",
            "1.2.3.999", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "123", "example.123", "1.2.3.4.",
            "-1.2.3.4", "1..2.3",
    })
    void invalidNamesAndIpv4LiteralsAreRefused(String host) {
        assertThat(SipServerHost.canonical(host)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ":", ":::", "1:2:3:4:5:6:7:8:9", "2001:db8::1::2", "fe80::1%eth0", "fe80::1%1", "[::1", "::1]", "[[::1]]",
            "[]", "[1.2.3.4]", "sip.example.com:5060", "1.2.3.4:5060", "::g", "12345::1", "[::1]:5060",
    })
    void invalidIpv6LiteralsAreRefused(String host) {
        assertThat(SipServerHost.canonical(host)).isNull();
    }

    @Test
    void labelOf63CharactersIsAcceptedAnd64Refused() {
        assertThat(SipServerHost.canonical("a".repeat(63) + ".example")).isEqualTo("a".repeat(63) + ".example");
        assertThat(SipServerHost.canonical("a".repeat(64) + ".example")).isNull();
    }

    @Test
    void nameOf253CharactersIsAcceptedAlsoWithTrailingDotAnd254Refused() {
        String host253 = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
        String host254 = ("a".repeat(63) + ".").repeat(3) + "a".repeat(62);

        assertThat(SipServerHost.canonical(host253)).isEqualTo(host253);
        assertThat(SipServerHost.canonical(host253 + ".")).isEqualTo(host253);
        assertThat(SipServerHost.canonical(host254)).isNull();
        assertThat(SipServerHost.canonical(host254 + ".")).isNull();
        assertThat(SipServerHost.canonical("a".repeat(10_000))).isNull();
    }

    @Test
    void caseAndTrailingDotDoNotMakeAnotherServer() {
        assertThat(SipServerHost.canonical("Sip.Example.Com."))
                .isEqualTo(SipServerHost.canonical("sip.example.com"))
                .isEqualTo(SipServerHost.canonical("SIP.EXAMPLE.COM"));
    }
}

package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyEncodingTest {

    @ParameterizedTest(name = "{0} -> base64 {1}")
    @CsvSource(nullValues = "NULL", value = {
            "application/xml, false",
            "text/xml, false",
            "application/json, false",
            "application/json; charset=utf-8, false",
            "APPLICATION/XML;charset=UTF-8, false",
            "text/plain, false",
            "text/csv, false",
            "application/javascript, false",
            "application/octet-stream, true",
            "application/x-www-form-urlencoded, true",
            "image/png, true",
            "application/soap+xml, true",
            "'', true",
            "NULL, true"
    })
    void encodesEverythingButTextLikeContentTypes(String contentType, boolean base64) {
        assertThat(BodyEncoding.isBase64Encoded(contentType)).isEqualTo(base64);
        assertThat(BodyEncoding.isBase64Encoded(contentType, "<a>\u00e9</a>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(base64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/xml", "application/json", "text/plain"})
    void aTextBodyThatIsNotUtf8IsBase64EncodedToo(String contentType) {
        byte[] cut = {'<', 'a', '>', (byte) 0xC3, '<', '/', 'a', '>'};
        byte[] overlongSlash = {'<', 'a', '>', (byte) 0xC0, (byte) 0xAF};

        assertThat(BodyEncoding.isBase64Encoded(contentType, cut)).isTrue();
        assertThat(BodyEncoding.isBase64Encoded(contentType, overlongSlash)).isTrue();
    }
}

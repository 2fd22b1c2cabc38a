package dev.sipcredentials.bandwidth;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SipCredentialsXmlWriterTest {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private static final SubmittedCredential MISSING_USER_NAME =
            new SubmittedCredential(null, "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24", null);
    private static final SubmittedCredential BILL =
            new SubmittedCredential("Bill", "bw.com", "43543gggs43g324", "4562gadgs433454", null);

    @Test
    void declarationIsBandwidths() {
        assertThat(SipCredentialsXmlWriter.DECLARATION).isEqualTo(DECLARATION);
    }

    @Test
    void createdWithoutErrorsHasNoErrorsElement() {
        String xml = SipCredentialsXmlWriter.created(List.of(), List.of(
                new SubmittedCredential("John", "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24", null),
                new SubmittedCredential("Mathew@bw.com", null, "43543gggs43g324", "1g32gadgs433a34", null)));

        assertThat(xml).isEqualTo(DECLARATION
                + "<SipCredentialsResponse>"
                + "<ValidSipCredentials>"
                + "<SipCredential><UserName>John</UserName><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1>"
                + "<Hash1b>1g32gadgs433d24</Hash1b></SipCredential>"
                + "<SipCredential><UserName>Mathew@bw.com</UserName><Hash1>43543gggs43g324</Hash1>"
                + "<Hash1b>1g32gadgs433a34</Hash1b></SipCredential>"
                + "</ValidSipCredentials>"
                + "</SipCredentialsResponse>");
    }

    @Test
    void createdWithErrorsIsBandwidthsCreatedExample() {
        String xml = SipCredentialsXmlWriter.created(
                List.of(new SipCredentialsXmlWriter.EntryError(1003, "UserName is required", MISSING_USER_NAME)),
                List.of(BILL));

        assertThat(xml).isEqualTo(DECLARATION
                + "<SipCredentialsResponse>"
                + "<Errors><Error><ErrorCode>1003</ErrorCode><Description>UserName is required</Description>"
                + "<SipCredential><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1><Hash1b>1g32gadgs433d24</Hash1b>"
                + "</SipCredential></Error></Errors>"
                + "<ValidSipCredentials><SipCredential><UserName>Bill</UserName><Domain>bw.com</Domain>"
                + "<Hash1>43543gggs43g324</Hash1><Hash1b>4562gadgs433454</Hash1b></SipCredential></ValidSipCredentials>"
                + "</SipCredentialsResponse>");
    }

    @Test
    void refusedWithoutCodeIsBandwidthsBadRequestExample() {
        String xml = SipCredentialsXmlWriter.refused(null, "Please check your input parameters.", List.of(
                new SipCredentialsXmlWriter.EntryError(1003, "UserName is required", MISSING_USER_NAME),
                new SipCredentialsXmlWriter.EntryError(23009,
                        "Sip credential Bill@bw.com does already exist on the account with ID = 41", BILL)));

        assertThat(xml).isEqualTo(DECLARATION
                + "<SipCredentialsResponse>"
                + "<ResponseStatus><Description>Please check your input parameters.</Description></ResponseStatus>"
                + "<Errors>"
                + "<Error><ErrorCode>1003</ErrorCode><Description>UserName is required</Description>"
                + "<SipCredential><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1><Hash1b>1g32gadgs433d24</Hash1b>"
                + "</SipCredential></Error>"
                + "<Error><ErrorCode>23009</ErrorCode>"
                + "<Description>Sip credential Bill@bw.com does already exist on the account with ID = 41</Description>"
                + "<SipCredential><UserName>Bill</UserName><Domain>bw.com</Domain><Hash1>43543gggs43g324</Hash1>"
                + "<Hash1b>4562gadgs433454</Hash1b></SipCredential></Error>"
                + "</Errors>"
                + "</SipCredentialsResponse>");
    }

    @Test
    void refusedWithCodeCarriesTheCodeBeforeTheDescription() {
        String xml = SipCredentialsXmlWriter.refused(19001, "Retry.", List.of(
                new SipCredentialsXmlWriter.EntryError(19001, "later", new SubmittedCredential("u", null, "h", null, null))));

        assertThat(xml).isEqualTo(DECLARATION
                + "<SipCredentialsResponse>"
                + "<ResponseStatus><ErrorCode>19001</ErrorCode><Description>Retry.</Description></ResponseStatus>"
                + "<Errors><Error><ErrorCode>19001</ErrorCode><Description>later</Description>"
                + "<SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></Error></Errors>"
                + "</SipCredentialsResponse>");
    }

    @Test
    void requestErrorHasStatusOnly() {
        assertThat(SipCredentialsXmlWriter.requestError(BandwidthError.DTD_NOT_ALLOWED)).isEqualTo(DECLARATION
                + "<SipCredentialsResponse><ResponseStatus><ErrorCode>1105</ErrorCode>"
                + "<Description>DOCTYPE declarations and entities are not allowed</Description>"
                + "</ResponseStatus></SipCredentialsResponse>");
    }

    @Test
    void entryWithoutAnyFieldIsAnEmptySipCredential() {
        String xml = SipCredentialsXmlWriter.refused(null, "Please check your input parameters.", List.of(
                new SipCredentialsXmlWriter.EntryError(1003, "UserName is required",
                        new SubmittedCredential(null, null, null, null, null))));

        assertThat(xml).contains("<Description>UserName is required</Description><SipCredential></SipCredential></Error>");
    }

    @Test
    void textIsEscaped() {
        String xml = SipCredentialsXmlWriter.refused(null, "a<b>&c", List.of(new SipCredentialsXmlWriter.EntryError(
                1012, "x & y", new SubmittedCredential("<u>", "d&d", "]]>", "&amp;", null))));

        assertThat(xml).isEqualTo(DECLARATION
                + "<SipCredentialsResponse>"
                + "<ResponseStatus><Description>a&lt;b&gt;&amp;c</Description></ResponseStatus>"
                + "<Errors><Error><ErrorCode>1012</ErrorCode><Description>x &amp; y</Description>"
                + "<SipCredential><UserName>&lt;u&gt;</UserName><Domain>d&amp;d</Domain><Hash1>]]&gt;</Hash1>"
                + "<Hash1b>&amp;amp;</Hash1b></SipCredential></Error></Errors>"
                + "</SipCredentialsResponse>");
    }

    @Test
    void escapedDocumentParsesBackToTheOriginalText() throws Exception {
        String hash = "<&>\"'\r\n\t]]>";
        String xml = SipCredentialsXmlWriter.created(List.of(),
                List.of(new SubmittedCredential("u", null, hash, null, null)));

        var document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(document.getElementsByTagName("Hash1").item(0).getTextContent()).isEqualTo(hash);
    }

    @Test
    void nonAsciiTextIsWrittenAsIs() {
        String xml = SipCredentialsXmlWriter.created(List.of(),
                List.of(new SubmittedCredential("J\u00f6rg", null, "h", null, null)));

        assertThat(xml).contains("<UserName>J\u00f6rg</UserName>");
    }
}

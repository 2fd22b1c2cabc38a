package dev.sipcredentials.bandwidth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SipCredentialsXmlReaderTest {

    /** The example request of Bandwidth's documentation, verbatim. */
    static final String SEED_REQUEST = """
            <SipCredentials>
                <SipCredential>
                    <UserName>
                        John
                    </UserName>
                    <Domain>
                        bw.com
                    </Domain>
                    <Hash1>
                        1g32gadgs433dd4
                    </Hash1>
                    <Hash1b>
                        1g32gadgs433d24
                    </Hash1b>
                </SipCredential>
                <SipCredential>
                    <UserName>
                        Mathew@bw.com
                    </UserName>
                    <Hash1>
                        43543gggs43g324
                    </Hash1>
                    <Hash1b>
                        1g32gadgs433a34
                    </Hash1b>
                </SipCredential>
            </SipCredentials>
            """;

    private static final Duration QUICKLY = Duration.ofSeconds(3);

    static List<SubmittedCredential> read(String xml) throws SipCredentialsXmlReader.RequestException {
        return SipCredentialsXmlReader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    static BandwidthError requestError(byte[] body) {
        try {
            List<SubmittedCredential> entries = SipCredentialsXmlReader.read(body);
            throw new AssertionError("expected a request error, but read " + entries);
        } catch (SipCredentialsXmlReader.RequestException e) {
            return e.error();
        }
    }

    static BandwidthError requestError(String xml) {
        return requestError(xml.getBytes(StandardCharsets.UTF_8));
    }

    static String wrap(String entries) {
        return "<SipCredentials>" + entries + "</SipCredentials>";
    }

    static String entry(String fields) {
        return "<SipCredential>" + fields + "</SipCredential>";
    }

    static final String VALID_ENTRY = entry("<UserName>u</UserName><Hash1>h</Hash1>");

    // ---- well-formed requests ------------------------------------------------------------------------------

    @Test
    void seedExampleRequestGivesTwoEntriesWithTrimmedFields() throws Exception {
        List<SubmittedCredential> entries = read(SEED_REQUEST);

        assertThat(entries).containsExactly(
                new SubmittedCredential("John", "bw.com", "1g32gadgs433dd4", "1g32gadgs433d24", null),
                new SubmittedCredential("Mathew@bw.com", null, "43543gggs43g324", "1g32gadgs433a34", null));
    }

    @Test
    void compactRequestWithDeclarationIsRead() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + wrap(entry("<UserName>Bill</UserName><Domain>bw.com</Domain><Hash1>43543gggs43g324</Hash1>"));

        assertThat(read(xml)).containsExactly(
                new SubmittedCredential("Bill", "bw.com", "43543gggs43g324", null, null));
    }

    @Test
    void entriesKeepDocumentOrder() throws Exception {
        StringBuilder xml = new StringBuilder("<SipCredentials>");
        for (int i = 0; i < 20; i++) {
            xml.append(entry("<UserName>user" + i + "</UserName><Hash1>h" + i + "</Hash1>"));
        }
        xml.append("</SipCredentials>");

        List<SubmittedCredential> entries = read(xml.toString());

        assertThat(entries).extracting(SubmittedCredential::userName)
                .containsExactly("user0", "user1", "user2", "user3", "user4", "user5", "user6", "user7", "user8",
                        "user9", "user10", "user11", "user12", "user13", "user14", "user15", "user16", "user17",
                        "user18", "user19");
    }

    @Test
    void fieldOrderInsideAnEntryDoesNotMatter() throws Exception {
        String xml = wrap(entry("<Hash1b>b</Hash1b><Hash1>a</Hash1><Domain>d.com</Domain><UserName>u</UserName>"));

        assertThat(read(xml)).containsExactly(new SubmittedCredential("u", "d.com", "a", "b", null));
    }

    @Test
    void cdataContentIsTextAndTrimmed() throws Exception {
        String xml = wrap(entry("<UserName><![CDATA[ Bill ]]></UserName><Hash1>  <![CDATA[a<b&c>]]>  </Hash1>"));

        assertThat(read(xml)).containsExactly(new SubmittedCredential("Bill", null, "a<b&c>", null, null));
    }

    @Test
    void textSplitByCdataCommentsAndProcessingInstructionsIsJoined() throws Exception {
        String xml = wrap(entry("<UserName>Jo<!-- note -->h<?pi data?>n</UserName><Hash1>ab<![CDATA[cd]]>ef</Hash1>"));

        assertThat(read(xml)).containsExactly(new SubmittedCredential("John", null, "abcdef", null, null));
    }

    @Test
    void commentsAndProcessingInstructionsEverywhereAreIgnored() throws Exception {
        String xml = "<?xml version=\"1.0\"?><!-- before --><?app before?>"
                + "<SipCredentials><!-- in root --><?app in-root?>"
                + "<SipCredential><!-- in entry --><?app in-entry?><UserName>u</UserName><Hash1>h</Hash1></SipCredential>"
                + "</SipCredentials><!-- after --><?app after?>";

        assertThat(read(xml)).containsExactly(new SubmittedCredential("u", null, "h", null, null));
    }

    @Test
    void predefinedAndCharacterReferencesAreDecodedNotRefused() throws Exception {
        String xml = wrap(entry("<UserName>a&amp;b</UserName><Hash1>&lt;x&gt;&#65;&#x42;&quot;&apos;</Hash1>"));

        assertThat(read(xml)).containsExactly(new SubmittedCredential("a&b", null, "<x>AB\"'", null, null));
    }

    @Test
    void emptyAndWhiteSpaceOnlyFieldsAreAbsent() throws Exception {
        String xml = wrap(entry("<UserName/><Domain>   </Domain><Hash1>\n\t </Hash1><Hash1b></Hash1b>"));

        assertThat(read(xml)).containsExactly(new SubmittedCredential(null, null, null, null, null));
    }

    @Test
    void emptyEntryIsReadAsEntryWithoutFields() throws Exception {
        assertThat(read(wrap("<SipCredential/>"))).containsExactly(new SubmittedCredential(null, null, null, null, null));
    }

    @Test
    void attributesAreIgnored() throws Exception {
        String xml = "<SipCredentials a=\"1\"><SipCredential b=\"2\"><UserName c=\"3\">u</UserName>"
                + "<Hash1>h</Hash1></SipCredential></SipCredentials>";

        assertThat(read(xml)).containsExactly(new SubmittedCredential("u", null, "h", null, null));
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() throws Exception {
        byte[] xml = wrap(VALID_ENTRY).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[xml.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(xml, 0, withBom, 3, xml.length);

        assertThat(SipCredentialsXmlReader.read(withBom))
                .containsExactly(new SubmittedCredential("u", null, "h", null, null));
    }

    @Test
    void nonAsciiTextIsDecodedAsUtf8() throws Exception {
        String xml = wrap(entry("<UserName>J\u00f6rg</UserName><Hash1>h</Hash1>"));

        assertThat(read(xml)).containsExactly(new SubmittedCredential("J\u00f6rg", null, "h", null, null));
    }

    @Test
    void leadingWhiteSpaceLongerThanTheFieldBufferIsStillTrimmed() throws Exception {
        // Well under the 64 KiB XML text limit: the element text is "<10000 spaces>John", trimmed it is "John".
        String xml = wrap(entry("<UserName>" + " ".repeat(10_000) + "John</UserName><Hash1>h</Hash1>"));

        assertThat(read(xml)).containsExactly(new SubmittedCredential("John", null, "h", null, null));
    }

    // ---- per-entry structural problems ---------------------------------------------------------------------

    @Test
    void unknownElementInEntryIsUnexpectedElement() throws Exception {
        String xml = wrap(entry("<UserName>u</UserName><Hash1>h</Hash1><Password>p</Password>"));

        assertThat(read(xml)).containsExactly(
                new SubmittedCredential("u", null, "h", null, BandwidthError.UNEXPECTED_ELEMENT));
    }

    @Test
    void elementNestedInFieldIsUnexpectedElementAndItsTextIsNotTaken() throws Exception {
        String xml = wrap(entry("<UserName>u<b>x</b></UserName><Hash1>h</Hash1>"));

        List<SubmittedCredential> entries = read(xml);

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).structuralError()).isEqualTo(BandwidthError.UNEXPECTED_ELEMENT);
        assertThat(entries.get(0).userName()).isEqualTo("u");
    }

    @Test
    void textDirectlyInEntryIsUnexpectedElement() throws Exception {
        String xml = wrap(entry("stray<UserName>u</UserName><Hash1>h</Hash1>"));

        assertThat(read(xml)).extracting(SubmittedCredential::structuralError)
                .containsExactly(BandwidthError.UNEXPECTED_ELEMENT);
    }

    @Test
    void namespacedFieldIsUnexpectedElement() throws Exception {
        String xml = wrap(entry("<x:UserName xmlns:x=\"urn:x\">u</x:UserName><Hash1>h</Hash1>"));

        assertThat(read(xml)).extracting(SubmittedCredential::structuralError)
                .containsExactly(BandwidthError.UNEXPECTED_ELEMENT);
    }

    @Test
    void fieldNamesAreCaseSensitive() throws Exception {
        String xml = wrap(entry("<username>u</username><Hash1>h</Hash1>"));

        assertThat(read(xml)).extracting(SubmittedCredential::structuralError)
                .containsExactly(BandwidthError.UNEXPECTED_ELEMENT);
    }

    @Test
    void repeatedFieldIsRepeatedElement() throws Exception {
        String xml = wrap(entry("<UserName>a</UserName><UserName>b</UserName><Hash1>h</Hash1>"));

        List<SubmittedCredential> entries = read(xml);

        assertThat(entries).extracting(SubmittedCredential::structuralError)
                .containsExactly(BandwidthError.REPEATED_ELEMENT);
    }

    @Test
    void repeatedEmptyFieldIsStillRepeatedElement() throws Exception {
        String xml = wrap(entry("<Domain/><Domain>d.com</Domain><UserName>u</UserName><Hash1>h</Hash1>"));

        assertThat(read(xml)).extracting(SubmittedCredential::structuralError)
                .containsExactly(BandwidthError.REPEATED_ELEMENT);
    }

    @Test
    void firstStructuralProblemOfAnEntryIsTheOneReported() throws Exception {
        String xml = wrap(entry("<Foo/><UserName>a</UserName><UserName>b</UserName><Hash1>h</Hash1>")
                + entry("<UserName>a</UserName><UserName>b</UserName><Foo/><Hash1>h</Hash1>"));

        assertThat(read(xml)).extracting(SubmittedCredential::structuralError)
                .containsExactly(BandwidthError.UNEXPECTED_ELEMENT, BandwidthError.REPEATED_ELEMENT);
    }

    @Test
    void structuralProblemStaysWithItsEntry() throws Exception {
        String xml = wrap(VALID_ENTRY + entry("<UserName>x</UserName><Hash1>h</Hash1><Extra/>") + VALID_ENTRY);

        assertThat(read(xml)).extracting(SubmittedCredential::structuralError)
                .containsExactly(null, BandwidthError.UNEXPECTED_ELEMENT, null);
    }

    // ---- whole-request errors ------------------------------------------------------------------------------

    @Test
    void emptyDocumentIsMalformed() {
        assertThat(requestError(new byte[0])).isEqualTo(BandwidthError.MALFORMED_XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not xml at all",
            "<SipCredentials>",
            "<SipCredentials><SipCredential><UserName>u</UserName></SipCredential>",
            "<SipCredentials><SipCredential><UserName>u</Hash1></SipCredential></SipCredentials>",
            "<SipCredentials></SipCredential>",
            "<SipCredentials><SipCredential><UserName>a & b</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<SipCredentials><SipCredential><UserName>a < b</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<SipCredentials><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>trailing",
            "<SipCredentials><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></SipCredentials><SipCredentials/>",
            "<SipCredentials><SipCredential a=\"1\" a=\"2\"><UserName>u</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<SipCredentials><SipCredential><UserName>\u0001</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<SipCredentials><SipCredential><UserName>&#1;</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<x:SipCredentials><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></x:SipCredentials>",
    })
    void malformedXmlIsRefused(String xml) {
        assertThat(requestError(xml)).isEqualTo(BandwidthError.MALFORMED_XML);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] prefix = "<SipCredentials><SipCredential><UserName>".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(prefix);
        body.write(0xC3); // a lead byte followed by an ASCII byte: not UTF-8
        body.write('(');
        body.writeBytes(suffix);

        assertThat(requestError(body.toByteArray())).isEqualTo(BandwidthError.MALFORMED_XML);
    }

    @Test
    void latin1BytesWithoutDeclarationAreMalformed() {
        byte[] body = wrap(entry("<UserName>J\u00f6rg</UserName><Hash1>h</Hash1>")).getBytes(StandardCharsets.ISO_8859_1);

        assertThat(requestError(body)).isEqualTo(BandwidthError.MALFORMED_XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<sipcredentials><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></sipcredentials>",
            "<SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential>",
            "<Foo/>",
            "<SipCredentials xmlns=\"urn:bw\"><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<bw:SipCredentials xmlns:bw=\"urn:bw\"><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></bw:SipCredentials>",
    })
    void wrongOrNamespacedRootIsWrongRoot(String xml) {
        assertThat(requestError(xml)).isEqualTo(BandwidthError.WRONG_ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<SipCredentials><Foo/></SipCredentials>",
            "<SipCredentials><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential><Other/></SipCredentials>",
            "<SipCredentials>text<SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<SipCredentials><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential>text</SipCredentials>",
            "<SipCredentials><![CDATA[x]]><SipCredential><UserName>u</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>",
            "<SipCredentials><UserName>u</UserName><Hash1>h</Hash1></SipCredentials>",
            "<SipCredentials><b:SipCredential xmlns:b=\"urn:b\"><UserName>u</UserName><Hash1>h</Hash1></b:SipCredential></SipCredentials>",
    })
    void nonSipCredentialContentInRootIsUnexpectedContent(String xml) {
        assertThat(requestError(xml)).isEqualTo(BandwidthError.UNEXPECTED_CONTENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<SipCredentials/>",
            "<SipCredentials></SipCredentials>",
            "<SipCredentials>\n   <!-- nothing -->\n</SipCredentials>",
    })
    void rootWithoutEntriesIsNoEntries(String xml) {
        assertThat(requestError(xml)).isEqualTo(BandwidthError.NO_ENTRIES);
    }

    @Test
    void exactly5000EntriesAreAccepted() throws Exception {
        List<SubmittedCredential> entries = read(entries(5000));

        assertThat(entries).hasSize(5000);
        assertThat(entries.get(0).userName()).isEqualTo("u0");
        assertThat(entries.get(4999).userName()).isEqualTo("u4999");
    }

    @Test
    void entry5001IsTooManyEntries() {
        assertThat(requestError(entries(5001))).isEqualTo(BandwidthError.TOO_MANY_ENTRIES);
    }

    private static String entries(int count) {
        StringBuilder xml = new StringBuilder(count * 80).append("<SipCredentials>\n");
        for (int i = 0; i < count; i++) {
            xml.append("  <SipCredential><UserName>u").append(i).append("</UserName><Hash1>h</Hash1></SipCredential>\n");
        }
        return xml.append("</SipCredentials>").toString();
    }

    @Test
    void deepNestingInsideAFieldIsRefusedQuickly() {
        int depth = 100_000;
        String xml = "<SipCredentials><SipCredential><UserName>" + "<a>".repeat(depth) + "x" + "</a>".repeat(depth)
                + "</UserName><Hash1>h</Hash1></SipCredential></SipCredentials>";

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isEqualTo(BandwidthError.XML_LIMIT_EXCEEDED);
    }

    @Test
    void deepNestingInsideAnUnknownElementIsRefusedQuickly() {
        int depth = 100_000;
        String xml = "<SipCredentials><SipCredential><Foo>" + "<a>".repeat(depth) + "</a>".repeat(depth)
                + "</Foo></SipCredential></SipCredentials>";

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isEqualTo(BandwidthError.XML_LIMIT_EXCEEDED);
    }

    @Test
    void deepNestingUnderTheRootIsRefusedQuickly() {
        int depth = 100_000;
        String xml = "<SipCredentials>" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</SipCredentials>";

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isIn(BandwidthError.UNEXPECTED_CONTENT, BandwidthError.XML_LIMIT_EXCEEDED);
    }

    @Test
    void hugeFieldTextIsRefusedQuickly() {
        String xml = wrap(entry("<UserName>" + "a".repeat(3 * 1024 * 1024) + "</UserName><Hash1>h</Hash1>"));

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isEqualTo(BandwidthError.XML_LIMIT_EXCEEDED);
    }

    @Test
    void hugeCdataIsRefusedQuickly() {
        String xml = wrap(entry("<UserName>u</UserName><Hash1><![CDATA[" + "a".repeat(3 * 1024 * 1024)
                + "]]></Hash1>"));

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isEqualTo(BandwidthError.XML_LIMIT_EXCEEDED);
    }

    @Test
    void manyUnknownElementsInOneEntryAreRefusedQuickly() {
        String xml = wrap(entry("<UserName>u</UserName><Hash1>h</Hash1>" + "<x/>".repeat(500_000)));

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isEqualTo(BandwidthError.XML_LIMIT_EXCEEDED);
    }

    // ---- DTDs and entities ---------------------------------------------------------------------------------

    @Test
    void plainDoctypeIsRefused() {
        String xml = "<!DOCTYPE SipCredentials>" + wrap(VALID_ENTRY);

        assertThat(requestError(xml)).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
    }

    @Test
    void internalEntityIsRefusedNotExpanded() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE SipCredentials [<!ENTITY name \"Expanded\">]>"
                + wrap(entry("<UserName>&name;</UserName><Hash1>h</Hash1>"));

        assertThat(requestError(xml)).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
    }

    @Test
    void externalFileEntityIsRefusedAndNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE SipCredentials [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>" + wrap(entry("<UserName>&xxe;</UserName><Hash1>h</Hash1>"));

        assertThat(requestError(xml)).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
    }

    @Test
    void externalDtdIsRefusedAndNeverFetched() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String xml = "<!DOCTYPE SipCredentials SYSTEM \"http://127.0.0.1:" + port + "/evil.dtd\">"
                    + wrap(entry("<UserName>&xxe;</UserName><Hash1>h</Hash1>"));

            BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

            assertThat(error).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
            try (SocketChannel connection = server.accept()) {
                assertThat(connection).as("the parser connected to fetch the external DTD").isNull();
            }
        }
    }

    @Test
    void externalParameterEntityIsRefused() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String xml = "<!DOCTYPE SipCredentials [<!ENTITY % remote SYSTEM \"http://127.0.0.1:" + port
                    + "/x.dtd\"> %remote;]>" + wrap(VALID_ENTRY);

            BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

            assertThat(error).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
            try (SocketChannel connection = server.accept()) {
                assertThat(connection).as("the parser connected to fetch the parameter entity").isNull();
            }
        }
    }

    @Test
    void billionLaughsIsRefusedQuicklyWithoutExpansion() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE SipCredentials [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = dtd + wrap(entry("<UserName>&lol9;</UserName><Hash1>h</Hash1>"));

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
    }

    @Test
    void quadraticBlowupIsRefusedQuicklyWithoutExpansion() {
        String big = "x".repeat(50_000);
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE SipCredentials [<!ENTITY big \"" + big + "\">]>"
                + wrap(entry("<UserName>" + "&big;".repeat(20_000) + "</UserName><Hash1>h</Hash1>"));

        BandwidthError error = assertTimeoutPreemptively(QUICKLY, () -> requestError(xml));

        assertThat(error).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
    }

    @Test
    void doctypeIsRefusedEvenWhenTheBodyHasNoEntities() {
        String xml = "<!DOCTYPE SipCredentials [<!ELEMENT SipCredentials ANY>]>" + wrap(VALID_ENTRY);

        assertThat(requestError(xml)).isEqualTo(BandwidthError.DTD_NOT_ALLOWED);
    }

    @Test
    void undeclaredEntityReferenceIsRefusedAndNotKept() {
        String xml = wrap(entry("<UserName>&undeclared;</UserName><Hash1>h</Hash1>"));

        assertThat(requestError(xml)).isIn(BandwidthError.DTD_NOT_ALLOWED, BandwidthError.MALFORMED_XML);
    }

    @Test
    void doctypeAfterTheRootIsRefused() {
        String xml = wrap(VALID_ENTRY) + "<!DOCTYPE SipCredentials>";

        assertThat(requestError(xml)).isIn(BandwidthError.DTD_NOT_ALLOWED, BandwidthError.MALFORMED_XML);
    }

    @Test
    void requestExceptionCarriesNoStackTrace() {
        assertThatThrownBy(() -> read("<Foo/>"))
                .isInstanceOf(SipCredentialsXmlReader.RequestException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void overlongUtf8IsMalformedNotDecodedAsASlash() {
        // Found by the hostile corpus: Woodstox decoded C0 AF as '/', and "a/b" was created.
        byte[] body = wrap(entry("<UserName>a\u0000</UserName><Hash1>h</Hash1>")).replace("\u0000", "@@")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("@@");
        body[at] = (byte) 0xC0;
        body[at + 1] = (byte) 0xAF;

        assertThat(requestError(body)).isEqualTo(BandwidthError.MALFORMED_XML);
    }
}

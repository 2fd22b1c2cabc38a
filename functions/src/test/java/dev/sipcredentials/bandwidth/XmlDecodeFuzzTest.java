package dev.sipcredentials.bandwidth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The XML API's decode-and-validate path under fuzzing (the batch's reader and, on the same bytes, the PUT's reader
 * of one credential): whatever the bytes, the reader either returns entries or
 * throws its documented {@link SipCredentialsXmlReader.RequestException}, the rules give every entry a verdict, and
 * the response written from that is well-formed XML. Any other exception, or a response a strict parser refuses, is a
 * finding. {@code mvn verify} replays the kept inputs in src/test/resources/.../XmlDecodeFuzzTestInputs; see the
 * README (Security) for a fuzzing run.
 */
class XmlDecodeFuzzTest {
    private static final SAXParserFactory STRICT = strictParser();

    @FuzzTest(maxDuration = "5m")
    void readCheckAndRespond(byte[] body) throws Exception {
        String response;
        try {
            List<SubmittedCredential> entries = SipCredentialsXmlReader.read(body);
            List<SipCredentialsXmlWriter.EntryError> errors = new ArrayList<>();
            List<SubmittedCredential> valid = new ArrayList<>();
            for (SubmittedCredential entry : entries) {
                SipCredentialRules.Checked verdict = SipCredentialRules.check(entry);
                if (verdict.error() != null) {
                    errors.add(new SipCredentialsXmlWriter.EntryError(verdict.error().code(),
                            verdict.error().description(), entry));
                } else {
                    if (verdict.credential() == null) {
                        throw new AssertionError("a verdict without error must carry the credential");
                    }
                    valid.add(entry);
                }
            }
            response = valid.isEmpty()
                    ? SipCredentialsXmlWriter.refused(null, BandwidthError.ALL_INVALID_DESCRIPTION, errors)
                    : SipCredentialsXmlWriter.created(errors, valid);
        } catch (SipCredentialsXmlReader.RequestException e) {
            response = SipCredentialsXmlWriter.requestError(e.error());
        }
        assertWellFormed(response);

        // The same bytes as the body of a PUT of one credential: one entry or the documented exception, and an
        // answer (the credential, or its refusal) that is well-formed XML.
        String single;
        try {
            SubmittedCredential entry = SipCredentialsXmlReader.readSingle(body);
            SipCredentialRules.Checked verdict = SipCredentialRules.check(entry);
            single = verdict.error() != null
                    ? SipCredentialsXmlWriter.singleError(verdict.error().code(), verdict.error().description())
                    : SipCredentialsXmlWriter.single(entry.userName(), entry.domain(), entry.hash1(), entry.hash1b());
        } catch (SipCredentialsXmlReader.RequestException e) {
            single = SipCredentialsXmlWriter.singleError(e.error().code(), e.error().description());
        }
        assertWellFormed(single);
    }

    static void assertWellFormed(String xml) throws Exception {
        SAXParser parser = STRICT.newSAXParser();
        try {
            parser.parse(new InputSource(new StringReader(xml)), new DefaultHandler());
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError("response is not well-formed XML: " + e.getMessage());
        }
    }

    private static SAXParserFactory strictParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

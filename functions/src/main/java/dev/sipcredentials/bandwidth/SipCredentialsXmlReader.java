package dev.sipcredentials.bandwidth;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import dev.sipcredentials.http.Reply;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code <SipCredentials>} document with a streaming parser hardened against hostile XML: no DTD
 * (a DOCTYPE is refused outright, so no entity is ever declared or expanded, internal or external), no
 * external resources, and hard limits on depth, text length, attributes and element count.
 */
final class SipCredentialsXmlReader {
    static final int MAX_ENTRIES = 5000;
    private static final String ROOT = "SipCredentials";
    private static final String ENTRY = "SipCredential";

    private static final XMLInputFactory FACTORY = hardenedFactory();

    private SipCredentialsXmlReader() {
    }

    /** A batch create's body as the route reads it: an empty (or blank) one is refused before the XML reader. */
    static List<SubmittedCredential> readBody(byte[] body, String requestId) throws Reply.Refused {
        if (isBlank(body)) {
            throw BandwidthDialect.refusal(BandwidthError.EMPTY_BODY).refusal();
        }
        try {
            return read(body);
        } catch (RequestException e) {
            throw BandwidthDialect.refusal(e.error()).refusal();
        }
    }

    /** A PUT's body as the route reads it: refusals in the single-credential dialect. */
    static SubmittedCredential readSingleBody(byte[] body, String requestId) throws Reply.Refused {
        if (isBlank(body)) {
            throw BandwidthDialect.SINGLE.refused(BandwidthError.EMPTY_BODY).refusal();
        }
        try {
            return readSingle(body);
        } catch (RequestException e) {
            throw BandwidthDialect.SINGLE.refused(e.error()).refusal();
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    static List<SubmittedCredential> read(byte[] body) throws RequestException {
        if (!dev.sipcredentials.http.Utf8.isValid(body)) {
            throw new RequestException(BandwidthError.MALFORMED_XML);
        }
        if (!XmlDeclaredEncoding.isUtf8OrAbsent(body)) {
            throw new RequestException(BandwidthError.DECLARED_ENCODING);
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            return readDocument(reader);
        } catch (RequestException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            throw new RequestException(isLimit(e) ? BandwidthError.XML_LIMIT_EXCEEDED : BandwidthError.MALFORMED_XML);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing is held open for a byte array.
                }
            }
        }
    }

    /**
     * A {@code <SipCredential>} document (the body of a PUT of one credential), under the same hardening and
     * per-field reading as an entry of a batch.
     */
    static SubmittedCredential readSingle(byte[] body) throws RequestException {
        if (!dev.sipcredentials.http.Utf8.isValid(body)) {
            throw new RequestException(BandwidthError.MALFORMED_XML);
        }
        if (!XmlDeclaredEncoding.isUtf8OrAbsent(body)) {
            throw new RequestException(BandwidthError.DECLARED_ENCODING);
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            if ("1.1".equals(reader.getVersion())) {
                throw new RequestException(BandwidthError.XML_VERSION);
            }
            if (!advanceToRoot(reader)) {
                throw new RequestException(BandwidthError.MALFORMED_XML);
            }
            if (!isNamed(reader, ENTRY)) {
                throw new RequestException(BandwidthError.WRONG_SINGLE_ROOT);
            }
            SubmittedCredential entry = readEntry(reader);
            readToEnd(reader);
            return entry;
        } catch (RequestException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            throw new RequestException(isLimit(e) ? BandwidthError.XML_LIMIT_EXCEEDED : BandwidthError.MALFORMED_XML);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing is held open for a byte array.
                }
            }
        }
    }

    /** Reads to the end so trailing garbage makes the document malformed, as any XML reader would say. */
    private static void readToEnd(XMLStreamReader reader) throws XMLStreamException, RequestException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new RequestException(BandwidthError.DTD_NOT_ALLOWED);
            }
        }
    }

    private static List<SubmittedCredential> readDocument(XMLStreamReader reader)
            throws XMLStreamException, RequestException {
        if ("1.1".equals(reader.getVersion())) {
            // XML 1.1 admits control characters that an XML 1.0 response could not echo.
            throw new RequestException(BandwidthError.XML_VERSION);
        }
        if (!advanceToRoot(reader)) {
            throw new RequestException(BandwidthError.MALFORMED_XML);
        }
        if (!isNamed(reader, ROOT)) {
            throw new RequestException(BandwidthError.WRONG_ROOT);
        }
        List<SubmittedCredential> entries = new ArrayList<>();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!isNamed(reader, ENTRY)) {
                        throw new RequestException(BandwidthError.UNEXPECTED_CONTENT);
                    }
                    if (entries.size() == MAX_ENTRIES) {
                        throw new RequestException(BandwidthError.TOO_MANY_ENTRIES);
                    }
                    entries.add(readEntry(reader));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!reader.isWhiteSpace()) {
                        throw new RequestException(BandwidthError.UNEXPECTED_CONTENT);
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                        throw new RequestException(BandwidthError.DTD_NOT_ALLOWED);
                default -> {
                    // Comments, processing instructions and ignorable white space carry nothing.
                }
            }
        }
        readToEnd(reader);
        if (entries.isEmpty()) {
            throw new RequestException(BandwidthError.NO_ENTRIES);
        }
        return entries;
    }

    private static boolean advanceToRoot(XMLStreamReader reader) throws XMLStreamException, RequestException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new RequestException(BandwidthError.DTD_NOT_ALLOWED);
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    private static SubmittedCredential readEntry(XMLStreamReader reader) throws XMLStreamException, RequestException {
        EntryFields fields = new EntryFields();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return fields.toSubmitted();
            }
            switch (event) {
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                        throw new RequestException(BandwidthError.DTD_NOT_ALLOWED);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!reader.isWhiteSpace()) {
                        fields.problem(BandwidthError.UNEXPECTED_ELEMENT);
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = reader.getNamespaceURI() == null || reader.getNamespaceURI().isEmpty()
                            ? reader.getLocalName() : "";
                    if (EntryFields.isField(name)) {
                        fields.put(name, readText(reader, fields));
                    } else {
                        skipElement(reader);
                        fields.problem(BandwidthError.UNEXPECTED_ELEMENT);
                    }
                }
                default -> {
                    // Comments, processing instructions and white space carry nothing.
                }
            }
        }
    }

    /** The trimmed text of a field element, null when empty; a child element inside it is a problem. */
    private static String readText(XMLStreamReader reader, EntryFields fields)
            throws XMLStreamException, RequestException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    fields.problem(BandwidthError.UNEXPECTED_ELEMENT);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 1) {
                        // Bounded by the parser's text limit and the body limit.
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                        throw new RequestException(BandwidthError.DTD_NOT_ALLOWED);
                default -> {
                    // Comments and processing instructions inside a field are ignored, as XML intends.
                }
            }
        }
        String trimmed = text.toString().strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The fields of one entry as they are read; the first of several problems is the one reported. */
    private static final class EntryFields {
        private final java.util.Map<String, String> values = new java.util.HashMap<>(8);
        private final java.util.Set<String> seen = new java.util.HashSet<>(8);
        private BandwidthError problem;

        static boolean isField(String name) {
            return name.equals("UserName") || name.equals("Domain") || name.equals("Hash1") || name.equals("Hash1b");
        }

        void put(String name, String text) {
            if (!seen.add(name)) {
                problem(BandwidthError.REPEATED_ELEMENT);
                return;
            }
            if (text != null) {
                values.put(name, text);
            }
        }

        void problem(BandwidthError error) {
            if (problem == null) {
                problem = error;
            }
        }

        SubmittedCredential toSubmitted() {
            return new SubmittedCredential(values.get("UserName"), values.get("Domain"), values.get("Hash1"),
                    values.get("Hash1b"), problem);
        }
    }

    private static void skipElement(XMLStreamReader reader) throws XMLStreamException, RequestException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD) {
                throw new RequestException(BandwidthError.DTD_NOT_ALLOWED);
            }
        }
    }

    private static boolean isNamed(XMLStreamReader reader, String localName) {
        String namespace = reader.getNamespaceURI();
        return localName.equals(reader.getLocalName()) && (namespace == null || namespace.isEmpty());
    }

    private static boolean isLimit(Exception e) {
        String message = e.getMessage();
        return message != null && (message.contains("Maximum") || message.contains("maximum") || message.contains("limit"));
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Entity references are reported instead of replaced, so one reaching the reader is refused.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 8);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 16);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 1024);
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, 64 * 1024);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, (long) (MAX_ENTRIES + 1) * 16);
        // Woodstox takes no 0 here; a DOCTYPE is refused before any entity could be declared anyway.
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return factory;
    }

    /** A problem with the request as a whole: nothing in it is processed. */
    static final class RequestException extends Exception {
        private final BandwidthError error;

        RequestException(BandwidthError error) {
            super(error.name(), null, false, false);
            this.error = error;
        }

        BandwidthError error() {
            return error;
        }
    }
}

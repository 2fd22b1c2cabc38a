package dev.sipcredentials.local;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** An HTTP/1.1 request line and header fields as {@link LocalHttpServer} reads them, and its body's framing. */
final class RequestHead {
    /** A request that cannot be read as HTTP/1.1: answered with {@link #status} and the connection closed. */
    static final class Malformed extends IOException {
        final int status;

        Malformed(int status, String why) {
            super(why);
            this.status = status;
        }
    }

    final String method;
    final URI uri;
    final String protocol;
    final Headers headers;

    private RequestHead(String method, URI uri, String protocol, Headers headers) {
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.headers = headers;
    }

    String path() {
        String p = uri.getRawPath();
        return p == null ? "" : p;
    }

    boolean expectsContinue() {
        String expect = headers.getFirst("Expect");
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /** HTTP/1.1 keeps the connection unless the client says close; HTTP/1.0 closes it. */
    boolean keepAlive() {
        String connection = headers.getFirst("Connection");
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
            return false;
        }
        return protocol.equals("HTTP/1.1");
    }

    /** The next request's head, or null when the connection ended cleanly before one began. */
    static RequestHead read(InputStream in) throws IOException {
        String requestLine = line(in, true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = line(in, true); // RFC 9112: a server should ignore empty lines before a request line
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new Malformed(400, "bad request line");
        }
        URI uri;
        try {
            uri = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw new Malformed(400, "bad request target");
        }
        Headers headers = new Headers();
        int total = requestLine.length();
        while (true) {
            String field = line(in, false);
            if (field.isEmpty()) {
                break;
            }
            total += field.length();
            if (total > LocalHttpServer.MAX_HEAD_BYTES) {
                throw new Malformed(431, "header fields too large");
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || field.charAt(0) == ' ' || field.charAt(0) == '\t') {
                throw new Malformed(400, "bad header field");
            }
            headers.add(field.substring(0, colon).strip(), field.substring(colon + 1).strip());
        }
        return new RequestHead(parts[0], uri, parts[2], headers);
    }

    /** The body as framed by Transfer-Encoding: chunked, Content-Length, or nothing. */
    InputStream body(InputStream in) throws Malformed {
        String transferEncoding = headers.getFirst("Transfer-Encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.equalsIgnoreCase("chunked") || headers.containsKey("Content-Length")) {
                throw new Malformed(400, "unsupported transfer coding");
            }
            return new ChunkedInput(in);
        }
        String length = headers.getFirst("Content-Length");
        if (length == null) {
            // Not InputStream.nullInputStream(): a handler closes the body, and a closed null stream fails the
            // server's drain, which then dropped the kept-alive connection after every bodyless GET or DELETE.
            return new BoundedInput(in, 0);
        }
        long n;
        try {
            n = Long.parseLong(length);
        } catch (NumberFormatException e) {
            throw new Malformed(400, "bad Content-Length");
        }
        if (n < 0 || headers.get("Content-Length").size() > 1) {
            throw new Malformed(400, "bad Content-Length");
        }
        return new BoundedInput(in, n);
    }

    /** Reads what is left of a body, up to {@code limit} bytes; false when more was left (close the connection). */
    static boolean drain(InputStream body, long limit) {
        try {
            long skipped = 0;
            byte[] buffer = new byte[8192];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                skipped += n;
                if (skipped > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One CRLF- (or LF-) terminated line of ISO-8859-1; null at a clean end of stream when {@code endAllowed}. */
    private static String line(InputStream in, boolean endAllowed) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (endAllowed && b.size() == 0) {
                    return null;
                }
                throw new Malformed(400, "connection ended inside the request head");
            }
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
            if (b.size() > LocalHttpServer.MAX_HEAD_BYTES) {
                throw new Malformed(431, "request head too large");
            }
        }
    }

    /** A request body on the connection: closing it leaves the connection open (the server drains the rest). */
    private abstract static class BodyInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            // The connection stays open for the next request.
        }
    }

    /** Exactly {@code length} bytes of the connection, then end of stream. */
    private static final class BoundedInput extends BodyInput {
        private final InputStream in;
        private long remaining;

        BoundedInput(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new IOException("connection ended inside the request body");
            }
            remaining -= n;
            return n;
        }
    }

    /** A chunked body (RFC 9112 section 7.1), trailer fields read and dropped. */
    private static final class ChunkedInput extends BodyInput {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = line(in, false);
                int semicolon = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new Malformed(400, "bad chunk size");
                }
                if (chunkLeft < 0) {
                    throw new Malformed(400, "bad chunk size");
                }
                if (chunkLeft == 0) {
                    while (!line(in, false).isEmpty()) {
                        // trailer fields: not used
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new IOException("connection ended inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !line(in, false).isEmpty()) {
                throw new Malformed(400, "chunk not followed by CRLF");
            }
            return n;
        }
    }
}

package dev.sipcredentials.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its response on a {@link LocalHttpServer} connection, with {@link HttpExchange}'s contract:
 * {@code sendResponseHeaders(code, -1)} sends no body, {@code (code, n > 0)} exactly n bytes, {@code (code, 0)} a
 * chunked body.
 */
final class SocketExchange extends HttpExchange {
    private final RequestHead head;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private final Socket socket;
    private final OutputStream connection;
    private InputStream requestBody;
    private OutputStream responseBody;
    private int status = -1;
    private boolean closed;
    private boolean keepAlive;

    SocketExchange(RequestHead head, InputStream body, OutputStream connection, Socket socket) {
        this.head = head;
        this.requestBody = body;
        this.connection = connection;
        this.socket = socket;
        this.keepAlive = head.keepAlive();
    }

    boolean responseStarted() {
        return status >= 0;
    }

    /** The response went out whole and neither side asked to close. */
    boolean reusable() {
        return keepAlive && closed && status >= 0;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri;
    }

    @Override
    public String getRequestMethod() {
        return head.method;
    }

    @Override
    public HttpContext getHttpContext() {
        throw new UnsupportedOperationException("the local stack's handlers do not use contexts");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (status < 0) {
                sendResponseHeaders(500, -1);
            }
            if (responseBody != null) {
                responseBody.close();
            }
            connection.flush();
        } catch (IOException e) {
            keepAlive = false;
        }
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        if (responseBody == null) {
            throw new IllegalStateException("sendResponseHeaders first");
        }
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status >= 0) {
            throw new IOException("headers already sent");
        }
        status = code;
        boolean bodyless = length == -1 || head.method.equals("HEAD") || code == 204 || code == 304 || code < 200;
        responseHeaders.remove("Content-Length");
        responseHeaders.remove("Transfer-Encoding");
        if (bodyless) {
            if (code != 204 && code != 304 && code >= 200) {
                responseHeaders.set("Content-Length", length > 0 ? Long.toString(length) : "0");
            }
            responseBody = OutputStream.nullOutputStream();
        } else if (length == 0) {
            responseHeaders.set("Transfer-Encoding", "chunked");
            responseBody = new ChunkedOutput(connection);
        } else {
            responseHeaders.set("Content-Length", Long.toString(length));
            responseBody = new FixedOutput(connection, length);
        }
        if (!keepAlive) {
            responseHeaders.set("Connection", "close");
        }
        if (!responseHeaders.containsKey("Date")) {
            responseHeaders.set("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        StringBuilder b = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ')
                .append(ReasonPhrases.of(code)).append("\r\n");
        for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
            for (String value : h.getValue()) {
                b.append(h.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        b.append("\r\n");
        connection.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
        return head.protocol;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            requestBody = in;
        }
        if (out != null) {
            responseBody = out;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    /** Exactly the announced number of bytes; fewer at close means the connection cannot be reused. */
    private final class FixedOutput extends OutputStream {
        private final OutputStream out;
        private long remaining;

        FixedOutput(OutputStream out, long length) {
            this.out = out;
            this.remaining = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > remaining) {
                throw new IOException("more bytes than the announced Content-Length");
            }
            out.write(b, off, len);
            remaining -= len;
        }

        @Override
        public void close() throws IOException {
            if (remaining > 0) {
                keepAlive = false;
            }
            out.flush();
        }
    }

    private static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;
        private boolean finished;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                finished = true;
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }
}

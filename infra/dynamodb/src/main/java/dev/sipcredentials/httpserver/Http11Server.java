package dev.sipcredentials.httpserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one small HTTP/1.1 server of infra, on 127.0.0.1: the DynamoDB engine's wire and the local stack's API Gateway
 * emulation both stand on it. A thread per connection over a {@link ServerSocket} (the SDK clients and test clients
 * keep a handful of pooled connections, so a thread each is cheap and needs no selector); keep-alive; TCP_NODELAY;
 * request bodies by Content-Length or chunked, read whole up to a limit; {@code Expect: 100-continue}; a reason phrase
 * on every status line; Date on every answer. It replaced the JDK's {@code com.sun.net.httpserver}, whose per-exchange
 * machinery was the engine's largest cost under JFR and whose status line has no reason phrase for codes it does not
 * know ("HTTP/1.1 422 " where API Gateway sends "HTTP/1.1 422 Unprocessable Content").
 *
 * <p>A body over the limit reaches the handler as null. Unless the client waits for 100-continue (then it is not
 * invited to send it), the server reads and drops up to {@link Options#drainBytes} of it first, so that a client still
 * sending reads the answer instead of a reset connection; more than that and the connection closes after the answer.
 */
public final class Http11Server implements AutoCloseable {

    /** One request, its body read whole. */
    public record Request(String method, URI uri, String protocol, List<Map.Entry<String, String>> headers,
            byte[] body, InetSocketAddress remote, InetSocketAddress local) {

        /** The first value of a header, its name in any case; null when absent. */
        public String header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        /** The path as sent (percent-escapes kept), never null. */
        public String rawPath() {
            String path = uri.getRawPath();
            return path == null ? "" : path;
        }

        /** The query as sent, or null. */
        public String rawQuery() {
            return uri.getRawQuery();
        }

        /** True when the body exceeded the server's limit (it is then null). */
        public boolean bodyTooLarge() {
            return body == null;
        }
    }

    /**
     * An answer. The server writes Content-Length (the body's, also for HEAD, whose body it does not send), Date, and
     * Connection: close when it closes; Content-Length, Transfer-Encoding and Connection among {@code headers} are
     * ignored.
     */
    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        public Response {
            headers = List.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        public static Response of(int status, String contentType, byte[] body) {
            return new Response(status, contentType == null ? List.of() : List.of(Map.entry("Content-Type", contentType)),
                    body);
        }
    }

    /** What a server does with each request. */
    public interface Handler {
        /** The answer; null closes the connection without one (a fault injector's dropped answers). */
        Response handle(Request request) throws IOException;
    }

    /** Settings; all have defaults. */
    public static final class Options {
        int port;
        int maxBodyBytes = 16 * 1024 * 1024;
        long drainBytes = 64L * 1024 * 1024;
        int idleTimeoutMillis;
        int maxConnections;
        String threadName = "http";

        /** 0 (the default): a free port. */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /** Bodies over this reach the handler as null. */
        public Options maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** How much of a body over the limit is read and dropped so the client reads the answer. */
        public Options drainBytes(long drainBytes) {
            this.drainBytes = drainBytes;
            return this;
        }

        /** A kept-alive connection idle this long is closed; 0 (the default): never. */
        public Options idleTimeoutMillis(int millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        /** Connections served at a time (more wait to be accepted); 0 (the default): no limit. */
        public Options maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Threads are named {@code <name>-accept} and {@code <name>-<n>}. */
        public Options threadName(String threadName) {
            this.threadName = threadName;
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final Handler handler;
    private final Options options;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile boolean closed;

    private Http11Server(ServerSocket listener, Options options, Handler handler) {
        this.listener = listener;
        this.options = options;
        this.handler = handler;
        this.slots = options.maxConnections > 0 ? new Semaphore(options.maxConnections) : null;
    }

    /** Listens on 127.0.0.1 and serves on threads of its own. */
    public static Http11Server start(Options options, Handler handler) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port), 1024);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        Http11Server server = new Http11Server(listener, options, handler);
        Thread acceptor = new Thread(server::accept, options.threadName + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                if (slots != null) {
                    slots.acquire();
                }
                socket = listener.accept();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (slots != null) {
                    slots.release();
                }
                if (closed) {
                    return;
                }
                continue; // a connection that failed while being accepted: the next one may be fine
            }
            open.add(socket);
            Thread worker = new Thread(() -> serve(socket), options.threadName + "-" + threads.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // small answers must not wait for the client's delayed ACK (40 ms otherwise)
            socket.setSoTimeout(options.idleTimeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (!closed && serveOne(socket, in, out)) {
                // keep-alive: the next request on the same connection
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, idled out, or sent something that is not HTTP: the connection ends.
        } finally {
            open.remove(socket);
            if (slots != null) {
                slots.release();
            }
        }
    }

    /** A request that cannot be read as HTTP/1.1: answered with {@link #status}, then the connection closes. */
    private static final class Malformed extends IOException {
        final int status;

        Malformed(int status, String why) {
            super(why, null);
            this.status = status;
        }
    }

    /** One request and its answer; false when the connection is to be closed. */
    private boolean serveOne(Socket socket, InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in, true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in, true); // RFC 9112 2.2: a server should ignore empty lines before a request
        }
        if (requestLine == null) {
            return false; // the client closed an idle connection
        }
        Request request;
        boolean keepAlive;
        try {
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
            List<Map.Entry<String, String>> headers = readHeaders(in, requestLine.length());
            String method = parts[0];
            String protocol = parts[2];
            keepAlive = keepAlive(protocol, headers);
            BodyFraming framing = BodyFraming.of(headers);
            boolean expectContinue = "100-continue".equalsIgnoreCase(first(headers, "Expect"));
            byte[] body;
            if (framing.length > options.maxBodyBytes) {
                body = null;
                // Invited to wait, the client may not send it: then nothing is left to read, but the connection is
                // in an unknown state. Not invited, it sends it: drop what is reasonable, else close after answering.
                boolean drained = !expectContinue && skip(in, framing.length, options.drainBytes);
                keepAlive = keepAlive && drained;
            } else {
                if (expectContinue && (framing.chunked || framing.length > 0)) {
                    out.write(CONTINUE);
                    out.flush();
                }
                if (framing.chunked) {
                    Chunked chunked = readChunked(in, options.maxBodyBytes, options.drainBytes);
                    body = chunked.body();
                    keepAlive = keepAlive && chunked.drained();
                } else {
                    body = framing.length == 0 ? new byte[0] : in.readNBytes((int) framing.length);
                    if (body.length < framing.length) {
                        return false; // the client went away mid-body
                    }
                }
            }
            request = new Request(method, uri, protocol, headers, body,
                    (InetSocketAddress) socket.getRemoteSocketAddress(), (InetSocketAddress) socket.getLocalSocketAddress());
        } catch (Malformed e) {
            write(out, "GET", Response.of(e.status, null, null), false);
            return false;
        }
        Response response;
        try {
            response = handler.handle(request);
        } catch (RuntimeException e) {
            response = Response.of(500, null, null);
            keepAlive = false;
        }
        if (response == null) {
            return false; // closed unanswered
        }
        write(out, request.method(), response, keepAlive);
        return keepAlive;
    }

    private static boolean keepAlive(String protocol, List<Map.Entry<String, String>> headers) {
        String connection = first(headers, "Connection");
        String value = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        if (value.contains("close")) {
            return false;
        }
        return protocol.equals("HTTP/1.1") || value.contains("keep-alive");
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** How the body is framed: chunked, or a length (0 when neither header is there). */
    private record BodyFraming(boolean chunked, long length) {
        static BodyFraming of(List<Map.Entry<String, String>> headers) throws Malformed {
            String transferEncoding = null;
            String contentLength = null;
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
                    transferEncoding = h.getValue();
                } else if (h.getKey().equalsIgnoreCase("Content-Length")) {
                    if (contentLength != null) {
                        throw new Malformed(400, "more than one Content-Length");
                    }
                    contentLength = h.getValue();
                }
            }
            if (transferEncoding != null) {
                if (!transferEncoding.equalsIgnoreCase("chunked") || contentLength != null) {
                    throw new Malformed(400, "unsupported transfer coding");
                }
                return new BodyFraming(true, 0);
            }
            if (contentLength == null) {
                return new BodyFraming(false, 0);
            }
            long n;
            try {
                n = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw new Malformed(400, "bad Content-Length");
            }
            if (n < 0) {
                throw new Malformed(400, "bad Content-Length");
            }
            return new BodyFraming(false, n);
        }
    }

    private static List<Map.Entry<String, String>> readHeaders(InputStream in, int requestLineLength) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int total = requestLineLength;
        for (String field = readLine(in, false); !field.isEmpty(); field = readLine(in, false)) {
            total += field.length();
            if (total > MAX_HEAD_BYTES) {
                throw new Malformed(431, "header fields too large");
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || field.charAt(0) == ' ' || field.charAt(0) == '\t') {
                throw new Malformed(400, "bad header field");
            }
            headers.add(Map.entry(field.substring(0, colon).strip(), field.substring(colon + 1).strip()));
        }
        return headers;
    }

    /** Reads and drops {@code length} bytes if that is at most {@code limit}; false when it is more or the client left. */
    private static boolean skip(InputStream in, long length, long limit) throws IOException {
        if (length > limit) {
            return false;
        }
        in.skipNBytes(length);
        return true;
    }

    /** A chunked body: its bytes, or null when over the limit; {@code drained} false when the rest was left unread. */
    private record Chunked(byte[] body, boolean drained) {}

    private static Chunked readChunked(InputStream in, int limit, long drainLimit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long dropped = 0;
        for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
            if (body != null && body.size() + size > limit) {
                dropped = body.size();
                body = null; // over the limit: the rest is read and dropped, up to drainLimit
            }
            if (body == null) {
                dropped += size;
                if (dropped > drainLimit) {
                    return new Chunked(null, false);
                }
                in.skipNBytes(size);
            } else {
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) {
                    throw new EOFException();
                }
                body.write(chunk);
            }
            endOfChunk(in);
        }
        readTrailers(in);
        return new Chunked(body == null ? null : body.toByteArray(), true);
    }

    private static long chunkSize(InputStream in) throws IOException {
        String line = readLine(in, false);
        int semicolon = line.indexOf(';');
        long size;
        try {
            size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
        } catch (NumberFormatException e) {
            throw new Malformed(400, "bad chunk size");
        }
        if (size < 0) {
            throw new Malformed(400, "bad chunk size");
        }
        return size;
    }

    private static void endOfChunk(InputStream in) throws IOException {
        if (!readLine(in, false).isEmpty()) {
            throw new Malformed(400, "chunk not followed by CRLF");
        }
    }

    private static void readTrailers(InputStream in) throws IOException {
        while (!readLine(in, false).isEmpty()) {
            // trailer fields: not used
        }
    }

    /** A line without its CRLF (or LF), as ISO-8859-1; null at a clean end of stream where {@code endAllowed}. */
    private static String readLine(InputStream in, boolean endAllowed) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endAllowed && line.length() == 0) {
                    return null;
                }
                throw new EOFException("connection ended inside the request head");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_HEAD_BYTES) {
                throw new Malformed(431, "request head too large");
            }
            line.append((char) b);
        }
    }

    private static void write(OutputStream out, String method, Response response, boolean keepAlive) throws IOException {
        int status = response.status();
        boolean noContent = status == 204 || status == 304 || status < 200;
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(status).append(' ').append(ReasonPhrases.of(status)).append("\r\n");
        for (Map.Entry<String, String> h : response.headers()) {
            String name = h.getKey();
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")
                    && !name.equalsIgnoreCase("Connection")) {
                head.append(name).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        if (!noContent) {
            head.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        head.append("Date: ").append(HttpDate.now()).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!noContent && !method.equals("HEAD")) {
            out.write(response.body());
        }
        out.flush();
    }

    /** The Date header's value, formatted once a second. */
    private static final class HttpDate {
        private static volatile long second = -1;
        private static volatile String text;

        static String now() {
            long nowSecond = System.currentTimeMillis() / 1000;
            String cached = text;
            if (nowSecond != second || cached == null) {
                cached = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(nowSecond), ZoneOffset.UTC));
                text = cached;
                second = nowSecond;
            }
            return cached;
        }
    }

    /** Stops accepting and closes every connection (requests in flight see their sockets closed). Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}

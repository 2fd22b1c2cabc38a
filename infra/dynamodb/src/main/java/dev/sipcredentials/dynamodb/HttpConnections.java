package dev.sipcredentials.dynamodb;

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
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server for the engine's one route: a thread per connection over a {@link ServerSocket} on
 * 127.0.0.1, keep-alive, TCP_NODELAY, Content-Length or chunked request bodies, {@code Expect: 100-continue}.
 * It replaced the JDK's {@code com.sun.net.httpserver}, whose per-exchange machinery (header maps, filter chains,
 * the dispatcher thread) was the engine's largest cost under JFR. The SDK clients keep a handful of pooled
 * connections, so a thread each is cheap and needs no selector.
 */
final class HttpConnections implements AutoCloseable {
    /** What one request gets: its method, the X-Amz-Target header and the body (null when over the limit). */
    interface Handler {
        /** The answer, or null to close the connection without one (the fault injector's dropped answers). */
        Answer handle(String method, String target, byte[] body);
    }

    record Answer(int status, String contentType, byte[] body, String crc32, String requestId) {}

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket listener;
    private final Handler handler;
    private final int maxBodyBytes;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile boolean closed;

    HttpConnections(int port, int maxBodyBytes, Handler handler) throws IOException {
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        Thread acceptor = new Thread(this::accept, "dynamodb-engine-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // a connection that failed while being accepted: the next one may be fine
            }
            open.add(socket);
            Thread worker = new Thread(() -> serve(socket), "dynamodb-engine-" + threads.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true); // small answers must not wait for the client's delayed ACK (40 ms otherwise)
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (!closed && serveOne(in, out)) {
                // keep-alive: next request on the same connection
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent something that is not HTTP: the connection ends, as with any server
        } finally {
            open.remove(socket);
        }
    }

    /** One request and its answer; false when the connection is to be closed. */
    private boolean serveOne(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in, true);
        if (requestLine == null) {
            return false; // the client closed an idle connection
        }
        if (requestLine.isEmpty()) {
            return true; // a stray CRLF between requests (RFC 9112 2.2 allows ignoring it)
        }
        int space = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (space <= 0 || lastSpace == space) {
            writeBare(out, 400, "Bad Request");
            return false;
        }
        String method = requestLine.substring(0, space);
        boolean http10 = requestLine.endsWith("HTTP/1.0");
        String target = null;
        long contentLength = -1;
        boolean chunked = false;
        boolean expectContinue = false;
        boolean keepAlive = !http10;
        int headerBytes = 0;
        for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                writeBare(out, 431, "Request Header Fields Too Large");
                return false;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("x-amz-target")) {
                target = value;
            } else if (name.equalsIgnoreCase("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    writeBare(out, 400, "Bad Request");
                    return false;
                }
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("expect")) {
                expectContinue = value.equalsIgnoreCase("100-continue");
            } else if (name.equalsIgnoreCase("connection")) {
                String v = value.toLowerCase(Locale.ROOT);
                keepAlive = v.contains("close") ? false : v.contains("keep-alive") || keepAlive;
            }
        }
        byte[] body;
        if (contentLength > maxBodyBytes) {
            body = null; // refused without reading it; the connection cannot be reused after an unread body
            keepAlive = false;
        } else {
            if (expectContinue && (chunked || contentLength > 0)) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            if (chunked) {
                body = readChunked(in);
                if (body == null) {
                    keepAlive = false;
                }
            } else {
                body = contentLength <= 0 ? new byte[0] : in.readNBytes((int) contentLength);
                if (body.length < contentLength) {
                    return false; // the client went away mid-body
                }
            }
        }
        Answer answer = handler.handle(method, target, body);
        if (answer == null) {
            return false; // closed unanswered
        }
        StringBuilder head = new StringBuilder(200)
                .append("HTTP/1.1 ").append(answer.status()).append(answer.status() == 200 ? " OK" : reason(answer.status()))
                .append("\r\nContent-Type: ").append(answer.contentType())
                .append("\r\nContent-Length: ").append(answer.body().length);
        if (answer.crc32() != null) {
            head.append("\r\nx-amz-crc32: ").append(answer.crc32());
        }
        if (answer.requestId() != null) {
            head.append("\r\nx-amzn-RequestId: ").append(answer.requestId());
        }
        if (!keepAlive) {
            head.append("\r\nConnection: close");
        }
        head.append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!method.equals("HEAD")) {
            out.write(answer.body());
        }
        out.flush();
        return keepAlive;
    }

    /** A chunked body, or null when it grows over the limit (the rest is left unread). */
    private byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size");
            }
            if (size == 0) {
                while (!readLine(in, false).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBodyBytes) {
                return null;
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException();
            }
            body.write(chunk);
            readLine(in, false); // the CRLF after the chunk
        }
    }

    /** A line without its CRLF (ISO-8859-1); null at a clean end of stream where {@code eofOk}. */
    private static String readLine(InputStream in, boolean eofOk) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofOk && line.length() == 0) {
                    return null;
                }
                throw new EOFException();
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_HEADER_BYTES) {
                throw new IOException("header line too long");
            }
            line.append((char) b);
        }
    }

    private static void writeBare(OutputStream out, int status, String reason) throws IOException {
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reason(int status) {
        switch (status) {
            case 400:
                return " Bad Request";
            case 413:
                return " Payload Too Large";
            case 500:
                return " Internal Server Error";
            case 503:
                return " Service Unavailable";
            default:
                return " Status";
        }
    }

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

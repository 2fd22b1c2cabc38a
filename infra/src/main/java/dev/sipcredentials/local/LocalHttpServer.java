package dev.sipcredentials.local;

import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The local stack's HTTP/1.1 listener on loopback. It stands in for {@code com.sun.net.httpserver.HttpServer}, whose
 * status line has no reason phrase for codes it does not know (it sends "HTTP/1.1 422 " where API Gateway sends
 * "HTTP/1.1 422 Unprocessable Content"); the handlers stay {@link HttpHandler}s over a {@link SocketExchange}.
 *
 * <p>One thread per connection (keep-alive, idle connections closed after {@link #IDLE_TIMEOUT_MILLIS}), at most
 * {@link #MAX_CONNECTIONS} at a time; request bodies by Content-Length or chunked; {@code Expect: 100-continue}
 * answered; handlers chosen by the longest matching path prefix.
 */
final class LocalHttpServer implements AutoCloseable {
    static final int IDLE_TIMEOUT_MILLIS = 30_000;
    static final int MAX_CONNECTIONS = 256;
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket socket;
    private final List<Map.Entry<String, HttpHandler>> handlers = new ArrayList<>();
    private final Semaphore connectionSlots = new Semaphore(MAX_CONNECTIONS);
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean stopped;
    private Thread acceptor;

    private LocalHttpServer(ServerSocket socket) {
        this.socket = socket;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    static LocalHttpServer listen(int port, int backlog) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), backlog);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new LocalHttpServer(s);
    }

    /** Requests whose path starts with {@code prefix} go to {@code handler}; the longest prefix wins. */
    synchronized void handle(String prefix, HttpHandler handler) {
        handlers.add(Map.entry(prefix, handler));
        handlers.sort(Comparator.comparingInt((Map.Entry<String, HttpHandler> e) -> e.getKey().length()).reversed());
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Accepts connections on a thread of its own, serving each on {@code connections}. */
    void start(ExecutorService connections) {
        acceptor = new Thread(() -> acceptLoop(connections), "http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ExecutorService connections) {
        while (!stopped) {
            Socket client;
            try {
                connectionSlots.acquire();
                client = socket.accept();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                connectionSlots.release();
                if (stopped) {
                    return;
                }
                continue;
            }
            synchronized (open) {
                open.add(client);
            }
            try {
                connections.execute(() -> serve(client));
            } catch (RuntimeException rejected) {
                forget(client);
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 16 * 1024);
            boolean keepAlive = true;
            while (keepAlive && !stopped) {
                RequestHead head;
                try {
                    head = RequestHead.read(in);
                } catch (RequestHead.Malformed e) {
                    writeBare(out, e.status);
                    return;
                }
                if (head == null) {
                    return; // the client closed the connection between requests
                }
                keepAlive = serveOne(client, head, in, out);
            }
        } catch (SocketTimeoutException | SocketException idleOrGone) {
            // An idle keep-alive connection, or a client that went away: nothing to answer.
        } catch (IOException e) {
            // The same, seen from a read or write in the middle of an exchange.
        } finally {
            forget(client);
        }
    }

    /** One exchange; true when the connection can carry another request. */
    private boolean serveOne(Socket client, RequestHead head, InputStream in, OutputStream out) throws IOException {
        InputStream body;
        try {
            body = head.body(in);
        } catch (RequestHead.Malformed e) {
            writeBare(out, e.status);
            return false;
        }
        if (head.expectsContinue()) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        HttpHandler handler = handlerFor(head.path());
        SocketExchange exchange = new SocketExchange(head, body, out, client);
        if (handler == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        } else {
            try {
                handler.handle(exchange);
            } catch (RuntimeException e) {
                if (!exchange.responseStarted()) {
                    exchange.sendResponseHeaders(500, -1);
                }
                exchange.close();
                return false;
            }
            exchange.close();
        }
        // What the handler did not read of the body would be taken for the next request: drain a little, else close.
        return exchange.reusable() && RequestHead.drain(body, 1024 * 1024);
    }

    private synchronized HttpHandler handlerFor(String path) {
        for (Map.Entry<String, HttpHandler> e : handlers) {
            if (path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void writeBare(OutputStream out, int status) throws IOException {
        out.write(("HTTP/1.1 " + status + " " + ReasonPhrases.of(status)
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void forget(Socket client) {
        boolean removed;
        synchronized (open) {
            removed = open.remove(client);
        }
        if (removed) {
            connectionSlots.release();
        }
        try {
            client.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Stops accepting and closes every connection (requests in flight see their sockets closed). */
    @Override
    public void close() {
        stopped = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        List<Socket> all;
        synchronized (open) {
            all = new ArrayList<>(open);
        }
        for (Socket s : all) {
            forget(s);
        }
        if (acceptor != null) {
            acceptor.interrupt();
        }
    }
}

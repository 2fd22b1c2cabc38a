package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local stack's HTTP/1.1 listener, as raw bytes on a socket and as Java's HttpClient sees it. */
class LocalHttpServerTest {
    private LocalHttpServer server;
    private ExecutorService threads;

    @BeforeEach
    void start() throws IOException {
        server = LocalHttpServer.listen(0, 16);
        // Answers /status/NNN with that status and echoes the request body; /_other/ answers 200 "other".
        server.handle("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
            exchange.getResponseHeaders().add("X-Method", exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.handle("/_other/", exchange -> {
            byte[] body = "other".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            exchange.close();
        });
        threads = Executors.newCachedThreadPool();
        server.start(threads);
    }

    @AfterEach
    void stop() {
        server.close();
        threads.shutdownNow();
    }

    @Test
    void everyStatusLineCarriesItsReasonPhrase() throws IOException {
        assertThat(exchangeRaw("GET /status/422 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 422 Unprocessable Content\r\n");
        assertThat(exchangeRaw("GET /status/429 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 429 Too Many Requests\r\n");
        assertThat(exchangeRaw("GET /status/201 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 201 Created\r\n")
                .containsIgnoringCase("\r\nContent-Length: 0\r\n");
    }

    @Test
    void oneConnectionCarriesSeveralRequestsAndBodiesOfEitherFraming() throws IOException {
        String twoRequests = "POST /status/200 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /status/201 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"
                + "GET /_other/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        String answers = exchangeRaw(twoRequests);
        assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(answers).contains("\r\n\r\nhelloHTTP/1.1 201 Created\r\n");
        assertThat(answers).containsIgnoringCase("Content-Length: 5\r\n").contains("\r\n\r\nabcdeHTTP/1.1 200 OK\r\n");
        assertThat(answers).containsIgnoringCase("Transfer-Encoding: chunked\r\n").endsWith("\r\n\r\n5\r\nother\r\n0\r\n\r\n");
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /status/200 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("ok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(rest).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok").containsIgnoringCase("X-Method: PUT");
        }
    }

    @Test
    void aMalformedRequestGets400AndTheConnectionCloses() throws IOException {
        assertThat(exchangeRaw("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .containsIgnoringCase("Connection: close");
        assertThat(exchangeRaw("POST /status/200 HTTP/1.1\r\nContent-Length: nope\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n");
    }

    @Test
    void javasHttpClientKeepsItsConnectionAndReadsEveryAnswer() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/status/422"))
                    .POST(HttpRequest.BodyPublishers.ofString("body " + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).isEqualTo("body " + i);
        }
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(base.resolve("/status/200"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    /** Sends {@code request} as is and reads until the server closes the connection. */
    private String exchangeRaw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(got);
            return got.toString(StandardCharsets.US_ASCII);
        }
    }
}

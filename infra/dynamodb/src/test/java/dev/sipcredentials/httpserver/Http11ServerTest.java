package dev.sipcredentials.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** infra's HTTP/1.1 server, as raw bytes on a socket and as Java's HttpClient sees it. */
class Http11ServerTest {
    private Http11Server server;

    @BeforeEach
    void start() throws IOException {
        // Answers /status/NNN with that status and echoes the body; X-Method and X-Body-Size say what arrived.
        server = Http11Server.start(Http11Server.options().maxBodyBytes(16).drainBytes(64).threadName("test"),
                request -> {
                    String path = request.rawPath();
                    int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
                    return new Http11Server.Response(status, List.of(Map.entry("X-Method", request.method()),
                            Map.entry("X-Body-Size", request.bodyTooLarge() ? "too large" : "" + request.body().length)),
                            request.body());
                });
    }

    @AfterEach
    void stop() {
        server.close();
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
        String requests = "POST /status/200 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /status/201 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"
                + "GET /status/202 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        String answers = exchangeRaw(requests);
        assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(answers).contains("\r\n\r\nhelloHTTP/1.1 201 Created\r\n");
        assertThat(answers).containsIgnoringCase("Content-Length: 5\r\n").contains("\r\n\r\nabcdeHTTP/1.1 202 Accepted\r\n");
        assertThat(answers).endsWith("Connection: close\r\n\r\n");
    }

    @Test
    void bodylessRequestsKeepTheConnection() throws IOException {
        // Python's http.client and urllib3 send GET and DELETE without Content-Length and reuse the connection.
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (String request : List.of("GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n",
                    "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n",
                    "DELETE /status/204 HTTP/1.1\r\nHost: x\r\n\r\n",
                    "POST /status/201 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok",
                    "HEAD /status/200 HTTP/1.1\r\nHost: x\r\n\r\n",
                    "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n")) {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertThat(head).as(request).doesNotContainIgnoringCase("Connection: close");
                if (request.startsWith("POST")) {
                    assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("ok");
                }
            }
        }
    }

    @Test
    void aBodyOverTheLimitReachesTheHandlerAsNullAndIsDrainedSoTheConnectionStays() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(("POST /status/413 HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n" + "x".repeat(20)
                    + "POST /status/413 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n" + "y".repeat(16)
                    + "\r\n4\r\nzzzz\r\n0\r\n\r\n"
                    + "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 413 Content Too Large\r\n").contains("X-Body-Size: too large")
                    .doesNotContainIgnoringCase("Connection: close");
            assertThat(readHead(in)).startsWith("HTTP/1.1 413 ").contains("X-Body-Size: too large");
            assertThat(readHead(in)).startsWith("HTTP/1.1 200 OK\r\n").contains("X-Method: GET");
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
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
        assertThat(exchangeRaw("POST /status/200 HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n");
    }

    @Test
    void javasHttpClientKeepsItsConnectionAndReadsEveryAnswer() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://127.0.0.1:" + server.port());
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/status/422"))
                    .POST(HttpRequest.BodyPublishers.ofString("body " + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).isEqualTo("body " + i);
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(base.resolve("/status/200")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
        }
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(base.resolve("/status/200"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    /** Reads one answer's head (the caller reads its body). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed the connection; read so far: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Sends {@code request} as is and reads until the server closes the connection. */
    private String exchangeRaw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(got);
            return got.toString(StandardCharsets.US_ASCII);
        }
    }
}

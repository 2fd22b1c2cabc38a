package dev.sipcredentials.dynamodb;

import dev.sipcredentials.httpserver.Http11Server;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's one route on infra's HTTP/1.1 server ({@link Http11Server}): what {@link HttpFront} needs of a request
 * (method, X-Amz-Target, body) and the headers its answers carry.
 */
final class HttpConnections implements AutoCloseable {
    /** What one request gets: its method, the X-Amz-Target header and the body (null when over the limit). */
    interface Handler {
        /** The answer, or null to close the connection without one (the fault injector's dropped answers). */
        Answer handle(String method, String target, byte[] body);
    }

    record Answer(int status, String contentType, byte[] body, String crc32, String requestId) {}

    private final Http11Server server;

    HttpConnections(int port, int maxBodyBytes, Handler handler) throws IOException {
        // drainBytes 0: a body over the limit is refused unread and the connection closed, as DynamoDB does.
        server = Http11Server.start(Http11Server.options().port(port).maxBodyBytes(maxBodyBytes).drainBytes(0)
                .threadName("dynamodb-engine"), request -> {
                    Answer answer = handler.handle(request.method(), request.header("X-Amz-Target"), request.body());
                    if (answer == null) {
                        return null;
                    }
                    List<Map.Entry<String, String>> headers = new ArrayList<>(3);
                    headers.add(Map.entry("Content-Type", answer.contentType()));
                    if (answer.crc32() != null) {
                        headers.add(Map.entry("x-amz-crc32", answer.crc32()));
                    }
                    if (answer.requestId() != null) {
                        headers.add(Map.entry("x-amzn-RequestId", answer.requestId()));
                    }
                    return new Http11Server.Response(answer.status(), headers, answer.body());
                });
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}

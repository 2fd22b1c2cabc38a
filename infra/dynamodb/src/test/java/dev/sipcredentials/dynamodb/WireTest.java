package dev.sipcredentials.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire itself, as raw HTTP: status codes, content type, x-amz-crc32, error bodies. */
class WireTest {
    static DynamoDbEngine engine;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.start(DynamoDbEngine.options());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    record Answer(int status, String contentType, String crc, byte[] body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    static Answer post(String target, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) engine.endpoint().toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
        if (target != null) {
            c.setRequestProperty("X-Amz-Target", target);
        }
        try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        byte[] bytes;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            bytes = in.readAllBytes();
        }
        return new Answer(status, c.getHeaderField("Content-Type"), c.getHeaderField("x-amz-crc32"), bytes);
    }

    static String crcOf(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue());
    }

    @Test
    void answersCarryTheContentTypeAndTheCrc32OfTheirBody() throws Exception {
        Answer a = post("DynamoDB_20120810.ListTables", "{}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(a.crc()).isEqualTo(crcOf(a.body()));
        assertThat(a.json().get("TableNames").isArray()).isTrue();
    }

    @Test
    void anUnknownOperationIsUnknownOperationException() throws Exception {
        Answer a = post("DynamoDB_20120810.FlyToTheMoon", "{}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("__type").asText()).endsWith("#UnknownOperationException");
        assertThat(a.crc()).isEqualTo(crcOf(a.body()));
        assertThat(post(null, "{}").json().get("__type").asText()).endsWith("#UnknownOperationException");
    }

    @Test
    void badJsonIsSerializationException() throws Exception {
        for (String body : new String[] {"{not json", "[1,2]", "", "\"text\""}) {
            Answer a = post("DynamoDB_20120810.PutItem", body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.json().get("__type").asText()).as(body).endsWith("#SerializationException");
        }
    }

    @Test
    void errorsCarryTypeAndMessageAndNoStackTrace() throws Exception {
        Answer a = post("DynamoDB_20120810.GetItem", "{\"TableName\":\"missing\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("__type").asText())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        assertThat(a.json().get("message").asText()).isEqualTo("Requested resource not found");
        Answer wrong = post("DynamoDB_20120810.PutItem", "{\"TableName\":5,\"Item\":[]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).doesNotContain("at dev.").doesNotContain("Exception:");
    }

    @Test
    void malformedShapesAreClientErrorsNever500() throws Exception {
        post("DynamoDB_20120810.CreateTable", "{\"TableName\":\"shapes\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
        String[][] requests = {
                {"PutItem", "{\"TableName\":\"shapes\",\"Item\":{\"pk\":\"plain\"}}"},
                {"PutItem", "{\"TableName\":\"shapes\",\"Item\":{\"pk\":{\"S\":\"a\",\"N\":\"1\"}}}"},
                {"PutItem", "{\"TableName\":\"shapes\",\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"x\"}}}"},
                {"PutItem", "{\"TableName\":\"shapes\",\"Item\":{\"pk\":{\"S\":\"a\"}},\"ConditionExpression\":\"((\"}"},
                {"GetItem", "{\"TableName\":\"shapes\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ConsistentRead\":\"maybe\"}"},
                {"Query", "{\"TableName\":\"shapes\",\"KeyConditionExpression\":\"pk = :v\","
                        + "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"1\"}}}"},
                {"Scan", "{\"TableName\":\"shapes\",\"Limit\":0}"},
                {"BatchWriteItem", "{\"RequestItems\":{\"shapes\":[{}]}}"},
                {"TransactWriteItems", "{\"TransactItems\":[{\"Put\":{}}]}"},
                {"UpdateItem", "{\"TableName\":\"shapes\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"UpdateExpression\":\"SET\"}"},
                {"CreateTable", "{\"TableName\":\"x1x\",\"AttributeDefinitions\":[],\"KeySchema\":[]}"},
        };
        for (String[] r : requests) {
            Answer a = post("DynamoDB_20120810." + r[0], r[1]);
            assertThat(a.status()).as(r[0] + " " + r[1] + " -> " + new String(a.body(), StandardCharsets.UTF_8))
                    .isEqualTo(400);
        }
        Answer scan = post("DynamoDB_20120810.Scan", "{\"TableName\":\"shapes\"}");
        assertThat(scan.json().get("Count").asInt()).as("nothing stored by the refused requests").isZero();
    }

    /** Writes raw bytes on one connection and reads {@code answers} HTTP answers off it (Content-Length bodies). */
    static String[] raw(Socket socket, String request, int answers) throws Exception {
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String[] read = new String[answers];
        for (int i = 0; i < answers; i++) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("connection closed after " + head);
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            read[i] = headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return read;
    }

    static String listTables(String headers, String body) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nx-amz-target: DynamoDB_20120810.ListTables\r\n" + headers
                + "\r\n" + body;
    }

    @Test
    void oneConnectionCarriesManyRequestsWithLowerCaseHeaders() throws Exception {
        try (Socket socket = new Socket(engine.endpoint().getHost(), engine.port())) {
            String one = listTables("CONTENT-LENGTH: 2\r\n", "{}");
            String[] answers = raw(socket, one + one + one, 3);
            for (String answer : answers) {
                assertThat(answer).startsWith("HTTP/1.1 200 ").contains("x-amz-crc32: ", "x-amzn-RequestId: ")
                        .contains("{\"TableNames\":[").doesNotContain("Connection: close");
            }
        }
    }

    @Test
    void chunkedBodiesAndExpectContinueAreRead() throws Exception {
        try (Socket socket = new Socket(engine.endpoint().getHost(), engine.port())) {
            String[] chunked = raw(socket, listTables("Transfer-Encoding: chunked\r\n", "1\r\n{\r\n1;x=y\r\n}\r\n0\r\n\r\n"), 1);
            assertThat(chunked[0]).startsWith("HTTP/1.1 200 ").contains("{\"TableNames\":[");
            String[] continued = raw(socket, listTables("Expect: 100-continue\r\nContent-Length: 2\r\n", "{}"), 2);
            assertThat(continued[0]).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            assertThat(continued[1]).startsWith("HTTP/1.1 200 ").contains("{\"TableNames\":[");
        }
    }

    @Test
    void aBodyOverSixteenMegabytesIsRefusedUnreadAndTheConnectionClosed() throws Exception {
        try (Socket socket = new Socket(engine.endpoint().getHost(), engine.port())) {
            String[] answer = raw(socket, listTables("Content-Length: 16777217\r\n", ""), 1);
            // DynamoDB answers 413 with no body
            assertThat(answer[0]).startsWith("HTTP/1.1 413 ").contains("Connection: close").endsWith("\r\n\r\n");
            assertThat(socket.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
        }
    }

    @Test
    void aGetIsAHealthCheck() throws Exception {
        try (Socket socket = new Socket(engine.endpoint().getHost(), engine.port())) {
            String[] answer = raw(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1);
            assertThat(answer[0]).startsWith("HTTP/1.1 200 ").contains("Content-Type: text/plain")
                    .endsWith("healthy: dynamodb.local");
        }
    }
}

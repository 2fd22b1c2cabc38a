package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * DynamoDB's JSON 1.0 wire: {@code POST /} with {@code X-Amz-Target: DynamoDB_20120810.<Op>}; answers
 * {@code application/x-amz-json-1.0} with the {@code x-amz-crc32} the SDKs check. Errors carry {@code __type} and
 * {@code message} (TransactionCanceledException: {@code Message}, as DynamoDB sends it); 400 for the client's, 500
 * only for InternalServerError, never a stack trace. Request signatures are not verified.
 */
final class HttpFront implements HttpConnections.Handler {
    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final String CORAL_PREFIX = "com.amazon.coral.service#";
    private static final String CORAL_VALIDATE_PREFIX = "com.amazon.coral.validate#";
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final byte[] HEALTHY = "healthy: dynamodb.local".getBytes(StandardCharsets.UTF_8);

    private final Operations operations;
    private final FaultInjector faults;
    private final EngineUsage usage;

    HttpFront(Operations operations, FaultInjector faults, EngineUsage usage) {
        this.operations = operations;
        this.faults = faults;
        this.usage = usage;
    }

    @Override
    public HttpConnections.Answer handle(String method, String target, byte[] body) {
        if (!"POST".equals(method)) {
            // DynamoDB answers a plain GET (a health check) with 200 and a short text
            return answer(200, "text/plain", HEALTHY);
        }
        String operation = target != null && target.startsWith(TARGET_PREFIX)
                ? target.substring(TARGET_PREFIX.length()) : null;
        Function<JsonNode, ObjectNode> handler = operation == null ? null : operations.get(operation);
        try {
            ObjectNode response;
            try {
                if (handler == null) {
                    throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION, null);
                }
                if (body == null) {
                    return answer(413, CONTENT_TYPE, new byte[0]); // over 16 MB: DynamoDB's 413, without a body
                }
                ObjectNode request = parse(body);
                RequestShapes.check(operation, request);
                faults.beforeRequest(operation);
                usage.begin(operation);
                try {
                    response = handler.apply(request);
                } finally {
                    usage.end(operation);
                }
            } catch (DynamoDbException e) {
                return errorAnswer(e);
            }
            if (faults.dropAnswer(operation)) {
                return null; // carried out, and the connection is closed unanswered
            }
            return answer(200, CONTENT_TYPE, ItemJson.encode(response));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            // a bug of ours: answer as DynamoDB does for its own failures, never with a stack trace
            System.err.println("dynamodb engine: internal error: " + e);
            return errorAnswer(new DynamoDbException(DynamoDbException.INTERNAL_SERVER_ERROR, "Internal server error"));
        }
    }

    /** The request object; DynamoDB answers a body that is not JSON, or none, with a bare SerializationException. */
    private static ObjectNode parse(byte[] body) {
        JsonNode request;
        try {
            request = body.length == 0 ? null : ItemJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, null);
        } catch (IOException e) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, null);
        }
        if (request == null || request.isMissingNode()) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, null);
        }
        if (!request.isObject()) {
            throw new DynamoDbException(DynamoDbException.SERIALIZATION, "Start of structure or map found where not expected");
        }
        return (ObjectNode) request;
    }

    static byte[] errorBody(DynamoDbException e) {
        ObjectNode error = ItemJson.MAPPER.createObjectNode();
        boolean coral = e.type().equals(DynamoDbException.UNKNOWN_OPERATION)
                || e.type().equals(DynamoDbException.SERIALIZATION)
                || e.type().equals("AccessDeniedException"); // Coral's authorization answer, as for tag operations
        boolean validation = e.type().equals(DynamoDbException.VALIDATION);
        error.put("__type", (coral ? CORAL_PREFIX : validation ? CORAL_VALIDATE_PREFIX : ERROR_PREFIX) + e.type());
        if (e.extra() != null) {
            error.setAll(e.extra());
        }
        if (e.getMessage() != null) {
            // DynamoDB's capital M for these three; "message" for every other error
            boolean capital = e.type().equals(DynamoDbException.TRANSACTION_CANCELED)
                    || e.type().equals(DynamoDbException.SERIALIZATION) || e.type().equals("AccessDeniedException");
            error.put(capital ? "Message" : "message", e.getMessage());
        }
        return ItemJson.encode(error);
    }

    private static HttpConnections.Answer errorAnswer(DynamoDbException e) {
        return answer(e.status(), CONTENT_TYPE, errorBody(e));
    }

    private static HttpConnections.Answer answer(int status, String contentType, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return new HttpConnections.Answer(status, contentType, body, Long.toString(crc.getValue()), requestId());
    }

    /** A request id in DynamoDB's shape (52 characters of [0-9A-Z]); random enough for logs, cheap. */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[52];
        for (int i = 0; i < id.length; i++) {
            int v = random.nextInt(36);
            id[i] = (char) (v < 10 ? '0' + v : 'A' + v - 10);
        }
        return new String(id);
    }
}

package dev.sipcredentials.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
final class HttpFront implements HttpHandler {
  static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";
  private static final String CORAL_PREFIX = "com.amazon.coral.service#";
  static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  private final Operations operations;
  private final FaultInjector faults;

  HttpFront(Operations operations, FaultInjector faults) {
    this.operations = operations;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        // DynamoDB answers a plain GET (a health check) with 200 and a short text
        byte[] body = "healthy: dynamodb.local".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        send(exchange, 200, body);
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target != null && target.startsWith(TARGET_PREFIX)
          ? target.substring(TARGET_PREFIX.length()) : null;
      Function<JsonNode, ObjectNode> handler = operation == null ? null : operations.get(operation);
      ObjectNode response;
      try {
        if (handler == null) {
          throw new DynamoDbException(DynamoDbException.UNKNOWN_OPERATION,
              "The action or operation requested is invalid. Verify that the action is typed correctly.");
        }
        byte[] body = readBody(exchange);
        faults.beforeRequest(operation);
        JsonNode request = parse(body);
        response = handler.apply(request);
      } catch (DynamoDbException e) {
        sendError(exchange, e);
        return;
      }
      if (faults.dropAnswer(operation)) {
        exchange.close(); // no response headers were sent: the connection is closed unanswered
        return;
      }
      send(exchange, 200, ItemJson.MAPPER.writeValueAsBytes(response));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (IOException e) {
      exchange.close(); // the client went away
    } catch (RuntimeException | StackOverflowError e) {
      // a bug of ours: answer as DynamoDB does for its own failures, never with a stack trace
      System.err.println("dynamodb engine: internal error: " + e);
      sendError(exchange, new DynamoDbException(DynamoDbException.INTERNAL_SERVER_ERROR, "Internal server error"));
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
      if (body.length > MAX_REQUEST_BYTES) {
        throw new DynamoDbException(DynamoDbException.VALIDATION, "Request size exceeded 16777216 bytes");
      }
      return body;
    }
  }

  private static JsonNode parse(byte[] body) {
    JsonNode request;
    try {
      request = ItemJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DynamoDbException(DynamoDbException.SERIALIZATION, "Start of structure or map found where not expected.");
    } catch (IOException e) {
      throw new DynamoDbException(DynamoDbException.SERIALIZATION, "The request body could not be read.");
    }
    if (request == null || !request.isObject()) {
      throw new DynamoDbException(DynamoDbException.SERIALIZATION, "Start of structure or map found where not expected.");
    }
    return request;
  }

  static byte[] errorBody(DynamoDbException e) {
    ObjectNode error = ItemJson.MAPPER.createObjectNode();
    boolean coral = e.type().equals(DynamoDbException.UNKNOWN_OPERATION)
        || e.type().equals(DynamoDbException.SERIALIZATION);
    error.put("__type", (coral ? CORAL_PREFIX : ERROR_PREFIX) + e.type());
    if (e.extra() != null) {
      error.setAll(e.extra());
    }
    error.put(e.type().equals(DynamoDbException.TRANSACTION_CANCELED) ? "Message" : "message", e.getMessage());
    return ItemJson.encode(error);
  }

  private static void sendError(HttpExchange exchange, DynamoDbException e) throws IOException {
    send(exchange, e.status(), errorBody(e));
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

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    if (!headers.containsKey("Content-Type")) {
      headers.set("Content-Type", CONTENT_TYPE);
    }
    CRC32 crc = new CRC32();
    crc.update(body);
    headers.set("x-amz-crc32", Long.toString(crc.getValue()));
    headers.set("x-amzn-RequestId", requestId());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

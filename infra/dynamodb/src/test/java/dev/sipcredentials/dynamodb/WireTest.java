package dev.sipcredentials.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
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
        {"GetItem", "{\"TableName\":\"shapes\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ConsistentRead\":\"yes\"}"},
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
}

package dev.sipcredentials.local;

import com.amazonaws.services.dynamodbv2.local.server.AbstractLocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running inside this JVM on a free loopback port, in memory or backed by files in a directory.
 *
 * <pre>{@code
 * try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
 *      DynamoDbClient client = db.newClient()) {
 *   client.listTables();
 * }
 * }</pre>
 *
 * <p>It runs in shared-database mode (DynamoDB Local's {@code -sharedDb}): without it DynamoDB Local keeps one
 * database per access key and region, and a table created by the local stack would be invisible to a handler using
 * other dummy credentials. Telemetry is off.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

  /** Dummy credentials: DynamoDB Local checks that some are present, not what they are. */
  public static final String ACCESS_KEY = "local";
  public static final String SECRET_KEY = "local";
  public static final Region REGION = Region.US_EAST_1;

  // Kept strongly reachable: java.util.logging forgets the level of a logger that is garbage-collected.
  private static final Logger SQLITE4JAVA_LOG = Logger.getLogger("com.almworks.sqlite4java");

  private final Server jetty;
  private final AbstractLocalDynamoDBServerHandler serverHandler;
  private final URI endpoint;
  private final Path dbPath;
  private boolean closed;

  private EmbeddedDynamoDb(
      Server jetty, AbstractLocalDynamoDBServerHandler serverHandler, URI endpoint, Path dbPath) {
    this.jetty = jetty;
    this.serverHandler = serverHandler;
    this.endpoint = endpoint;
    this.dbPath = dbPath;
  }

  /**
   * Starts DynamoDB Local on 127.0.0.1 and a free port.
   *
   * @param dbPathOrNull a directory to keep the data in across restarts (created if missing), or null for memory
   */
  public static EmbeddedDynamoDb start(Path dbPathOrNull) {
    SqliteNativeLibrary.install();
    // sqlite4java logs every queue start/stop through java.util.logging, and warns that a shaded jar has no
    // version in its manifest.
    SQLITE4JAVA_LOG.setLevel(Level.SEVERE);

    Path dbPath = null;
    if (dbPathOrNull != null) {
      dbPath = dbPathOrNull.toAbsolutePath().normalize();
      try {
        Files.createDirectories(dbPath);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create --db-path " + dbPath, e);
      }
    }

    // The same wiring as DynamoDB Local's ServerRunner.createServer (sharedDb on, no CORS, no transient-status
    // delays), minus its telemetry and its "Port: 8000" banner, on our own Jetty connector: ServerRunner would
    // listen on every interface and on a port chosen in advance; this binds 127.0.0.1 and lets the OS pick.
    Server jetty = new Server();
    try {
      LocalDynamoDBRequestHandler requestHandler = new LocalDynamoDBRequestHandler(
          0, dbPath == null, dbPath == null ? null : dbPath.toString(), true, false);
      LocalDynamoDBServerHandler serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      jetty.setHandler(new ContextHandler(serverHandler, "/"));
      jetty.start();
      URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
      return new EmbeddedDynamoDb(jetty, serverHandler, endpoint, dbPath);
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("DynamoDB Local failed to start: " + e.getMessage(), e);
    }
  }

  /** The endpoint to give an SDK client, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  /** The directory holding the data, or null when in memory. */
  public Path dbPath() {
    return dbPath;
  }

  /** A new SDK v2 client for this database (URLConnection HTTP client, dummy credentials); the caller closes it. */
  public DynamoDbClient newClient() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local failed to stop cleanly", e);
    } finally {
      serverHandler.close(); // closes the SQLite connections, flushing --db-path files
    }
  }
}

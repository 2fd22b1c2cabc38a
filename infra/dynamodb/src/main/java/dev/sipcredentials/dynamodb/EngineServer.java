package dev.sipcredentials.dynamodb;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The engine behind {@link DynamoDbEngine#start}: the JDK's HTTP server on 127.0.0.1 over the database. */
final class EngineServer implements DynamoDbEngine {
  private final HttpServer server;
  private final ExecutorService workers;
  private final Database db;
  private final TtlSweeper sweeper;
  private final FaultInjector faults;
  private final URI endpoint;
  private volatile boolean closed;

  EngineServer(Options options) {
    // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACKs: 40 ms per request.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      db = options.dbPath == null ? Database.inMemory() : Database.open(options.dbPath);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the database in " + options.dbPath, e);
    }
    PartitionThroughput throughput = new PartitionThroughput(options.partitionLimits);
    faults = new FaultInjector(throughput);
    OperationContext context = new OperationContext(db, throughput);
    AtomicInteger threads = new AtomicInteger();
    workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dynamodb-engine-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port), 1024);
    } catch (IOException e) {
      db.close();
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port, e);
    }
    server.createContext("/", new HttpFront(new Operations(context), faults));
    server.setExecutor(workers);
    server.start();
    sweeper = new TtlSweeper(db, options.ttlSweepInterval);
    endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public Faults faults() {
    return faults;
  }

  /** Runs one TTL sweep now (tests that do not want to wait for the interval); returns the items deleted. */
  int sweepExpiredNow() {
    return sweeper.sweep(System.currentTimeMillis() / 1000);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sweeper.close();
    server.stop(0);
    workers.shutdown();
    db.close();
  }
}

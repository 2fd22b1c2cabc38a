package dev.sipcredentials.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/** The engine behind {@link DynamoDbEngine#start}: our small HTTP/1.1 server on 127.0.0.1 over the database. */
final class EngineServer implements DynamoDbEngine {
    private final HttpConnections server;
    private final Database db;
    private final TtlSweeper sweeper;
    private final FaultInjector faults;
    private final EngineUsage usage;
    private final URI endpoint;
    private volatile boolean closed;

    EngineServer(Options options) {
        try {
            db = options.dbPath == null ? Database.inMemory() : Database.open(options.dbPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the database in " + options.dbPath, e);
        }
        PartitionThroughput throughput = new PartitionThroughput(options.partitionLimits);
        faults = new FaultInjector(throughput);
        OperationContext context = new OperationContext(db, throughput, options.tableStatusDelay.toNanos());
        usage = new EngineUsage(options.readLatency, options.writeLatency);
        try {
            server = new HttpConnections(options.port, HttpFront.MAX_REQUEST_BYTES,
                    new HttpFront(new Operations(context), faults, usage));
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port, e);
        }
        sweeper = new TtlSweeper(db, options.ttlSweepInterval, options.clock);
        endpoint = URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public Usage usage() {
        return usage.snapshot();
    }

    @Override
    public void resetUsage() {
        usage.reset();
    }

    /** Runs one TTL sweep now (tests that do not want to wait for the interval); returns the items deleted. */
    int sweepExpiredNow() {
        return sweeper.sweepNow();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.close();
        server.close();
        db.close();
    }
}

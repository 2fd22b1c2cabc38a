package dev.sipcredentials.dynamodb;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The engine as its own process: {@code --port N [--db-path DIR]}. Prints the endpoint once it listens; stops
 * (flushing and compacting a durable database) on SIGINT or SIGTERM.
 */
public final class DynamoDbMain {
    static final String USAGE = String.join("\n",
            "usage: dynamodb [--port N] [--db-path DIR] [--partition-limits] [--table-status-delay MS] [--help]",
            "  A DynamoDB-compatible engine on 127.0.0.1 (DynamoDB JSON 1.0 protocol; signatures are not verified).",
            "  --port N            port to listen on (default 8000; 0 picks a free one)",
            "  --db-path DIR       keep tables in DIR, durable across restarts (default: in memory)",
            "  --partition-limits  enforce DynamoDB's per-partition-key throughput (1,000 WCU/s, 3,000 RCU/s)",
            "  --table-status-delay MS  new tables are CREATING and deleted ones DELETING for MS milliseconds",
            "                      (default 0: ACTIVE at once, gone at once)",
            "  --help              this text");

    private DynamoDbMain() {}

    public static void main(String[] args) throws InterruptedException {
        DynamoDbEngine.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            // One line, no stack trace, exit 2: bad usage, as every command of the local jar reports it.
            System.err.println("dynamodb: " + e.getMessage() + " (dynamodb --help shows the options)");
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        DynamoDbEngine engine;
        try {
            engine = DynamoDbEngine.start(options);
        } catch (RuntimeException e) {
            System.err.println("dynamodb: cannot start: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "dynamodb-engine-shutdown"));
        System.out.println("DynamoDB engine listening on " + engine.endpoint()
                + (options.dbPath == null ? " (in memory)" : " (durable in " + options.dbPath.toAbsolutePath() + ")"));
        System.out.flush();
        stopped.await();
    }

    /** The options, or null for --help; IllegalArgumentException naming what is wrong. */
    static DynamoDbEngine.Options parse(String... args) {
        DynamoDbEngine.Options options = DynamoDbEngine.options().port(8000);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--port" -> options.port(port(value(args, ++i, "--port")));
                case "--db-path" -> options.dbPath(Path.of(value(args, ++i, "--db-path")));
                case "--partition-limits" -> options.partitionLimits(true);
                case "--table-status-delay" -> options.tableStatusDelay(java.time.Duration.ofMillis(
                        milliseconds(value(args, ++i, "--table-status-delay"), "--table-status-delay")));
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        return options;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--port must be 0..65535: " + text);
    }

    private static long milliseconds(String text, String option) {
        try {
            long n = Long.parseLong(text);
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " needs a whole number of milliseconds from 0: " + text);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

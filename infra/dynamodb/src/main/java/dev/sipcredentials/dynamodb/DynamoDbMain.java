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
        DynamoDbEngine.Options options = DynamoDbEngine.options().port(8000);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help":
                case "-h":
                    System.out.println(USAGE);
                    return;
                case "--port":
                    options.port((int) number(value(args, ++i, "--port"), "--port"));
                    break;
                case "--db-path":
                    options.dbPath(Path.of(value(args, ++i, "--db-path")));
                    break;
                case "--partition-limits":
                    options.partitionLimits(true);
                    break;
                case "--table-status-delay":
                    options.tableStatusDelay(java.time.Duration.ofMillis(
                            number(value(args, ++i, "--table-status-delay"), "--table-status-delay")));
                    break;
                default:
                    System.err.println("unknown option: " + args[i]);
                    System.err.println(USAGE);
                    System.exit(2);
            }
        }
        DynamoDbEngine engine = DynamoDbEngine.start(options);
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

    private static long number(String text, String option) {
        try {
            long n = Long.parseLong(text);
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, without a stack trace
        }
        System.err.println(option + " needs a whole number from 0, not: " + text);
        System.err.println(USAGE);
        System.exit(2);
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.err.println(USAGE);
            System.exit(2);
        }
        return args[i];
    }
}

package dev.sipcredentials.dynamodb;

import java.nio.file.Path;

/** A child JVM for {@link DurabilityTest}: an engine on a db path, its port on stdout, until killed. */
public final class DurabilityChild {
    private DurabilityChild() {}

    public static void main(String[] args) throws Exception {
        DynamoDbEngine engine = DynamoDbEngine.start(DynamoDbEngine.options().dbPath(Path.of(args[0])));
        System.out.println("PORT " + engine.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

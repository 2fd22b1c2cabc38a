package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.testkit.LambdaContexts;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Child JVM (started with -Xmx256m): one N-entry batch through the handler as Lambda builds it (no-argument
 * constructor, so the real client and writer pool), base64-encoded as API Gateway may send it. Prints the peak
 * heap: the sum of each heap pool's peak, an upper bound of the true peak since pools peak at different times.
 */
public final class HeapCheck {
    private HeapCheck() {
    }

    public static void main(String[] args) {
        int entries = Integer.parseInt(args[0]);
        String account = args[1];
        CreateSipCredentials handler = new CreateSipCredentials();
        APIGatewayV2HTTPEvent event = Workloads.bandwidthEvent(account, Workloads.bandwidthXml(entries), true,
                "heap-" + account);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, LambdaContexts.quiet());
        int created = Workloads.count(response.getBody(), "<SipCredential>");
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        System.out.printf(Locale.ROOT, "%sstatus=%d created=%d peakHeapMiB=%.1f maxHeapMiB=%.0f gcs=%d%n",
                ChildJvm.RESULT_PREFIX, response.getStatusCode(), created, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0, collections);
        System.exit(response.getStatusCode() == 201 && created == entries ? 0 : 1);
    }
}

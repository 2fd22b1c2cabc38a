package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.Context;
import dev.sipcredentials.testkit.LambdaContexts;
import dev.sipcredentials.testkit.TestHandlers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.testkit.SipCredentialStore;
import dev.sipcredentials.testkit.NoWriteStore;
import dev.sipcredentials.deepslate.CreateSipCredential;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * CPU cost of the handlers without a store: the whole handler (event body, XML parse, rules, batch bookkeeping,
 * response XML) with a store that accepts every write at once, run on the calling thread. Divided by the entry
 * count this is the per-entry CPU the handler adds on top of the writes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
    @Param({"100", "5000"})
    public int entries;

    private CreateSipCredentials bandwidth;
    private CreateSipCredential deepslate;
    private APIGatewayV2HTTPEvent bandwidthEvent;
    private APIGatewayV2HTTPEvent deepslateEvent;
    private Context context;

    @Setup
    public void setUp() {
        SipCredentialStore accepting = new NoWriteStore();
        bandwidth = TestHandlers.bandwidth(accepting, Runnable::run);
        deepslate = TestHandlers.deepslate(accepting, Clock.systemUTC(), UUID::randomUUID);
        bandwidthEvent = Workloads.bandwidthEvent("41", Workloads.bandwidthXml(entries), false, "jmh");
        deepslateEvent = Workloads.deepslateEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "agent001", "jmh");
        context = LambdaContexts.quiet();
        APIGatewayV2HTTPResponse response = bandwidth.handleRequest(bandwidthEvent, context);
        if (response.getStatusCode() != 201 || Workloads.count(response.getBody(), "<SipCredential>") != entries) {
            throw new IllegalStateException("benchmark request is not accepted: " + response.getStatusCode());
        }
        int created = deepslate.handleRequest(deepslateEvent, context).getStatusCode();
        if (created != 201) {
            throw new IllegalStateException("benchmark JSON request is not accepted: " + created);
        }
    }

    @Benchmark
    public APIGatewayV2HTTPResponse bandwidthBatch() {
        return bandwidth.handleRequest(bandwidthEvent, context);
    }

    /** One JSON create; does not depend on {@code entries}, so only its first parameter set is reported. */
    @Benchmark
    public APIGatewayV2HTTPResponse deepslateCreate() {
        return deepslate.handleRequest(deepslateEvent, context);
    }
}

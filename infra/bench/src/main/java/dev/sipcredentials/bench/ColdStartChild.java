package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sipcredentials.testkit.LambdaContexts;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.bandwidth.CreateSipCredentials;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.priming.SnapStartPriming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Child JVM of the cold-start benchmark: what a Lambda execution environment does on a cold start (construct the
 * handler class named in template.yaml, then one invocation), with a real write to the DynamoDB engine. The parent
 * times it from process start to the RESULT line; the child adds its own split (init / first invocation).
 *
 * <p>Variants: {@code empty} (the baseline), {@code bandwidth}, {@code deepslate} (the handlers as Lambda builds
 * them), {@code bandwidth-crt} (AWS CRT HTTP client), {@code bandwidth-primed} / {@code deepslate-primed} (the
 * SnapStart priming hook run between init and the first invocation, as a snapshot would have it).
 */
public final class ColdStartChild {
    private ColdStartChild() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String variant = args[0];
        String run = args[1];
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = switch (variant) {
            case "empty" -> new EmptyHandler();
            case "bandwidth", "bandwidth-primed" -> new CreateSipCredentials();
            case "deepslate", "deepslate-primed" -> new CreateSipCredential();
            case "bandwidth-crt" -> CrtVariant.bandwidthHandler();
            default -> throw new IllegalArgumentException(variant);
        };
        long primingStart = System.nanoTime();
        if (variant.endsWith("-primed")) {
            // What Lambda calls before taking the snapshot; the invocation below is then the first after restore.
            SnapStartPriming.primeRegistered();
        }
        long invokeStart = System.nanoTime();
        APIGatewayV2HTTPEvent event = variant.startsWith("deepslate")
                ? Workloads.deepslateEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "agent" + run,
                        "cold-" + run)
                : Workloads.bandwidthEvent("cold" + run, Workloads.bandwidthXml(1), false, "cold-" + run);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, LambdaContexts.quiet());
        long end = System.nanoTime();
        int expected = variant.equals("empty") ? 204 : 201;
        System.out.printf(Locale.ROOT, "%sstatus=%d initMs=%.1f primeMs=%.1f invokeMs=%.1f%n", ChildJvm.RESULT_PREFIX,
                response.getStatusCode(), (primingStart - start) / 1e6, (invokeStart - primingStart) / 1e6,
                (end - invokeStart) / 1e6);
        System.out.flush();
        if (!variant.equals("empty") && response.getStatusCode() == expected) {
            // The same request, warm: the median of 10 after 10 more, each a new name (a real create each time).
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                APIGatewayV2HTTPEvent again = variant.startsWith("deepslate")
                        ? Workloads.deepslateEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                                "agent" + run + "w" + i, "warm-" + run + "-" + i)
                        : Workloads.bandwidthEvent("warm" + run + "w" + i, Workloads.bandwidthXml(1), false,
                                "warm-" + run + "-" + i);
                long warmStart = System.nanoTime();
                handler.handleRequest(again, LambdaContexts.quiet());
                if (i >= 10) {
                    warm.add((System.nanoTime() - warmStart) / 1e6);
                }
            }
            System.out.printf(Locale.ROOT, "%swarmMs=%.2f%n", ChildJvm.MORE_RESULT_PREFIX, Stats.median(warm));
            System.out.flush();
        }
        // Writer pools and SDK threads would keep the JVM alive; the figure is taken.
        System.exit(response.getStatusCode() == expected ? 0 : 1);
    }
}

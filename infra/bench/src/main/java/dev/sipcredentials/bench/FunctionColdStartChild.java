package dev.sipcredentials.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.testkit.LambdaContexts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Child JVM of {@link FunctionColdStarts}: one function of template.yaml as the Lambda Java runtime starts it (the
 * handler class from the template, built through its public no-arg constructor, its sample event deserialised with
 * aws-lambda-java-serialization), optionally primed as SnapStart would be, then one invocation.
 *
 * <p>Arguments: handler class, event file, {@code primed} or {@code fresh}. Prints the status and the splits; the
 * event's deserialisation is timed apart ({@code eventMs}): the runtime does it outside the function's code.
 */
public final class FunctionColdStartChild {
    private FunctionColdStartChild() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String handlerClass = args[0];
        String eventJson = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        boolean primed = "primed".equals(args[2]);
        APIGatewayV2HTTPEvent event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                FunctionColdStartChild.class.getClassLoader()).fromJson(eventJson);
        long initStart = System.nanoTime();
        // What the runtime does with the template's Handler: load the class and call its no-arg constructor.
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(handlerClass)
                        .getDeclaredConstructor().newInstance();
        long primingStart = System.nanoTime();
        if (primed) {
            SnapStartPriming.primeRegistered();
        }
        long invokeStart = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, LambdaContexts.quiet());
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "%sstatus=%d eventMs=%.1f initMs=%.1f primeMs=%.1f invokeMs=%.1f%n",
                ChildJvm.RESULT_PREFIX, response.getStatusCode(), (initStart - start) / 1e6,
                (primingStart - initStart) / 1e6, (invokeStart - primingStart) / 1e6, (end - invokeStart) / 1e6);
        System.out.flush();
        // Writer pools and SDK threads would keep the JVM alive; the figure is taken. A 5xx is a broken run.
        System.exit(response.getStatusCode() < 500 ? 0 : 1);
    }
}

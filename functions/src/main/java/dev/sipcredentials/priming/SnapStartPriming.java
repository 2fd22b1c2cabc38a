package dev.sipcredentials.priming;

import org.crac.Core;
import org.crac.Resource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * SnapStart priming. Lambda takes the snapshot after init and calls {@link #beforeCheckpoint} first; what runs
 * here is loaded, initialised and partly compiled in the snapshot, so the first request after a restore does not
 * pay for it. Each function primes its own route only: the handler Lambda constructs registers the priming of its
 * route ({@code Route.prime}: its requests through the same pipeline, with no time left so that nothing is written)
 * and of its store client ({@code Wiring.primeStore}: only the actions its role allows, refused by their condition).
 * This class knows no handler, so priming adds no dependency between routes.
 *
 * <p>Why not a real write that fails validation only: the store path (SDK marshalling, signing, HTTP) is most of a
 * first request's cost, and a request refused by validation never reaches it; hence the store's own priming.
 *
 * <p>On a JVM without CRaC (tests, the local stack, Lambda without SnapStart) registering is a no-op and priming
 * never runs, so it adds nothing to a plain cold start.
 */
public final class SnapStartPriming implements Resource {
    private static final SnapStartPriming INSTANCE = new SnapStartPriming();
    /** The global context holds resources weakly; we hold the primings. */
    private static final List<BooleanSupplier> PRIMINGS = new CopyOnWriteArrayList<>();

    private SnapStartPriming() {
    }

    /** Called by a handler's Lambda constructor with the priming of its own route. */
    public static void register(BooleanSupplier priming) {
        boolean first;
        synchronized (PRIMINGS) {
            first = PRIMINGS.isEmpty();
            PRIMINGS.add(priming);
        }
        if (first) {
            Core.getGlobalContext().register(INSTANCE);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        primeRegistered();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: credentials come from the environment per call, connections are re-opened on demand.
    }

    /**
     * Runs every registered priming; never throws, so a failed priming cannot fail the snapshot.
     *
     * @return true when every priming ran as intended (the route's requests answered as expected, the store's
     *         writes were refused by their condition)
     */
    public static boolean primeRegistered() {
        boolean asIntended = !PRIMINGS.isEmpty();
        for (BooleanSupplier priming : PRIMINGS) {
            try {
                asIntended &= priming.getAsBoolean();
            } catch (RuntimeException | LinkageError e) {
                System.err.println("SnapStart priming skipped: " + e.getClass().getName());
                asIntended = false;
            }
        }
        return asIntended;
    }
}

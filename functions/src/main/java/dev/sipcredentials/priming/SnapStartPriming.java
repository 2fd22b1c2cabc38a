package dev.sipcredentials.priming;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.sipcredentials.bandwidth.BandwidthSipCredentialsHandler;
import dev.sipcredentials.credentials.SipCredentialStore;
import dev.sipcredentials.deepslate.DeepslateSipCredentialsHandler;
import dev.sipcredentials.http.GrantedEvents;
import dev.sipcredentials.store.StorePriming;
import dev.sipcredentials.store.StoreRuntime;
import org.crac.Core;
import org.crac.Resource;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SnapStart priming. Lambda takes the snapshot after init and calls {@link #beforeCheckpoint} first; what runs
 * here is loaded, initialised and partly compiled in the snapshot, so the first request after a restore does not
 * pay for it. Nothing is stored:
 * <ul>
 *   <li>both handlers run their whole decode → validate → encode path (XML batch base64 + parse + rules + batch
 *       bookkeeping on the real writer pool + 201 and 400 responses; JSON parse + rules + 201 and 400 responses)
 *       over a store that writes nothing and answers at once;
 *   <li>the real DynamoDB client sends one PutItem and one TransactWriteItems that cannot succeed
 *       ({@link StorePriming}).
 * </ul>
 * Why not a real write that fails validation only: the store path (SDK marshalling, signing, HTTP, the writer
 * threads) is most of a first request's cost, and a request refused by validation never reaches it.
 *
 * <p>On a JVM without CRaC (tests, the local stack, Lambda without SnapStart) registering is a no-op and priming
 * never runs, so it adds nothing to a plain cold start.
 */
public final class SnapStartPriming implements Resource {
    private static final SnapStartPriming INSTANCE = new SnapStartPriming();
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();
    /** Enough rounds for the JIT to compile the hottest parsing and encoding methods before the snapshot. */
    private static final int ROUNDS = 20;
    private static final int BATCH = 64;
    private static final String REQUEST_ID = "snapstart-priming";

    private SnapStartPriming() {
    }

    /** Called from both handlers' static initialisers; the global context holds resources weakly, we do not. */
    public static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            Core.getGlobalContext().register(INSTANCE);
        }
    }

    public static SnapStartPriming instance() {
        return INSTANCE;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: credentials come from the environment per call, connections are re-opened on demand.
    }

    /**
     * Runs the priming requests; never throws, so a failed priming cannot fail the snapshot.
     *
     * @return true when every priming request ran as intended (handlers answered 201 and 400, the store writes
     *         were refused by their condition)
     */
    public boolean prime() {
        try {
            SipCredentialStore noWrites = new NoWriteStore();
            Context context = silentContext();
            BandwidthSipCredentialsHandler bandwidth = new BandwidthSipCredentialsHandler(noWrites,
                    StoreRuntime.writers());
            DeepslateSipCredentialsHandler deepslate = new DeepslateSipCredentialsHandler(noWrites,
                    Clock.systemUTC(), UUID::randomUUID);
            APIGatewayV2HTTPEvent validBatch = bandwidthEvent(batch(true));
            APIGatewayV2HTTPEvent refusedBatch = bandwidthEvent(batch(false));
            APIGatewayV2HTTPEvent validCreate = deepslateEvent(5060);
            APIGatewayV2HTTPEvent refusedCreate = deepslateEvent(0);
            boolean asIntended = true;
            for (int round = 0; round < ROUNDS; round++) {
                // The paths primed are the ones these statuses prove were taken.
                asIntended &= bandwidth.handleRequest(validBatch, context).getStatusCode() == 201;
                asIntended &= bandwidth.handleRequest(refusedBatch, context).getStatusCode() == 400;
                asIntended &= deepslate.handleRequest(validCreate, context).getStatusCode() == 201;
                asIntended &= deepslate.handleRequest(refusedCreate, context).getStatusCode() == 400;
            }
            return StorePriming.prime() && asIntended;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("SnapStart priming skipped: " + e.getClass().getName());
            return false;
        }
    }

    /** {@code valid}: entries that pass the rules; otherwise each UserName has a space (refused with 1010). */
    private static String batch(boolean valid) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SipCredentials>");
        for (int i = 0; i < BATCH; i++) {
            xml.append("<SipCredential><UserName>").append(valid ? "prime" : "prime ").append(i)
                    .append("</UserName><Domain>snapstart.invalid</Domain><Hash1>0123456789abcdef</Hash1>")
                    .append("<Hash1b>fedcba9876543210</Hash1b></SipCredential>");
        }
        return xml.append("</SipCredentials>").toString();
    }

    private static APIGatewayV2HTTPEvent bandwidthEvent(String xml) {
        return GrantedEvents.post("POST /accounts/{accountId}/sipcredentials", "/accounts/prime/sipcredentials",
                Map.of("accountId", "prime"), "application/xml", xml, true, REQUEST_ID);
    }

    private static APIGatewayV2HTTPEvent deepslateEvent(int port) {
        String json = "{\"hostname\": \"sip.snapstart.invalid\", \"port\": " + port
                + ", \"username\": \"prime\", \"password\": \"prime-password\", \"maxAgentTasks\": 10}";
        String vendor = "00000000-0000-4000-8000-000000000000";
        String organization = "00000000-0000-4000-8000-000000000001";
        return GrantedEvents.post("POST /api/v1/vendors/{vendorId}/organizations/{organizationId}/sip/credentials",
                "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials",
                Map.of("vendorId", vendor, "organizationId", organization), "application/json", json, false,
                REQUEST_ID);
    }

    /** Priming requests are not requests: their log lines are dropped. */
    private static Context silentContext() {
        LambdaLogger logger = (LambdaLogger) Proxy.newProxyInstance(LambdaLogger.class.getClassLoader(),
                new Class<?>[] {LambdaLogger.class}, (proxy, method, args) -> null);
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> 29_000;
                    case "getLogger" -> logger;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}

package dev.sipcredentials.bandwidth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.http.Route;
import dev.sipcredentials.http.RouteSpec;
import dev.sipcredentials.http.TenantKind;
import dev.sipcredentials.idempotency.IdempotentRequests;
import dev.sipcredentials.priming.SnapStartPriming;
import dev.sipcredentials.provisioning.AccountBatchCreator;
import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.provisioning.WriteOutcome;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@code POST /accounts/{accountId}/sipcredentials}: Bandwidth's XML batch create. The rules per entry, the batch
 * creator for the valid ones, and the answer ({@link BatchAnswer}: 201 when anything was created; else 503, 500 or
 * 400), each entry's outcome at its document position.
 */
public final class CreateSipCredentials implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The DynamoDB actions this route's code calls: its role allows exactly these (DeploymentTemplateTest). */
    /** PutItem per entry; GetItem and a transaction for the account's tenant key (made on its first write). */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.PUT_ITEM, StoreAction.GET_ITEM,
            StoreAction.TRANSACT_WRITE_ITEMS);
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    static final RouteSpec<List<SubmittedCredential>> SPEC = RouteSpec.of(BandwidthDialect.INSTANCE, TenantKind.ACCOUNT)
            .body(MAX_BODY_BYTES, SipCredentialsXmlReader::readBody, "application/xml", "text/xml")
            .idempotent(RouteSpec.Fingerprint.rawBody())
            .budget(TimeBudget.MAX_REQUEST_TIME)
            .cost(call -> call.body().size()); // the per-tenant limit weighs a batch by its entries
    /** SnapStart priming: 64 valid entries (base64) run up to the writes, out of time (503); 64 refused, a 400. */
    static final PrimingRequest[] PRIMING = {priming(true, 503), priming(false, 400)};

    private final AccountBatchCreator creator;
    private final Route<List<SubmittedCredential>> route;

    /** As Lambda builds it: the function's own store and writer pool, and SnapStart priming of this route only. */
    public CreateSipCredentials() {
        this(Wiring.accountCredentials(), Wiring.writers(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public CreateSipCredentials(AccountCredentials store, Executor writers, IdempotentRequests idempotent) {
        this.creator = new AccountBatchCreator(store, writers);
        this.route = Route.of(SPEC, idempotent, this::create);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply create(Call<List<SubmittedCredential>> call) {
        String accountId = ((Tenant.Account) call.tenant()).accountId();
        List<SubmittedCredential> submitted = call.body();
        int size = submitted.size();
        SipCredentialRules.Batch checked = SipCredentialRules.check(submitted);
        List<AccountCredential> valid = checked.valid();
        if (valid.isEmpty()) {
            // Nothing to write: the answer depends on the body alone, so an Idempotency-Key is not even claimed.
            return new BatchAnswer(checked.refusals(), new WriteOutcome[size]).reply(accountId, submitted);
        }
        return call.once(call.requestId(), write -> {
            List<WriteOutcome> outcomes = creator.create(accountId, valid, write.token(), write.deadline(),
                    call.caller());
            WriteOutcome[] outcomeAt = new WriteOutcome[size];
            for (int v = 0; v < valid.size(); v++) {
                outcomeAt[checked.positions()[v]] = outcomes.get(v);
            }
            return new BatchAnswer(checked.refusals(), outcomeAt);
        }, new Call.Replayable<>() {
            @Override
            public Reply reply(BatchAnswer answer) {
                return answer.reply(accountId, submitted);
            }

            @Override
            public String kept(BatchAnswer answer, Reply reply) {
                return answer.kept();
            }

            @Override
            public Reply replay(int status, String kept) {
                // A record written before answers were kept as outcomes: its body as it was (expires in 24 h).
                return kept.startsWith(BatchAnswer.KEPT_PREFIX)
                        ? BatchAnswer.of(kept, size).reply(accountId, submitted) : Reply.of(status, kept, "replayed");
            }
        });
    }

    /** {@code valid}: entries that pass the rules; otherwise each UserName has a space (refused with 1010). */
    private static PrimingRequest priming(boolean valid, int expectedStatus) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SipCredentials>");
        for (int i = 0; i < 64; i++) {
            xml.append("<SipCredential><UserName>").append(valid ? "prime" : "prime ").append(i)
                    .append("</UserName><Domain>snapstart.invalid</Domain><Hash1>0123456789abcdef</Hash1>")
                    .append("<Hash1b>fedcba9876543210</Hash1b></SipCredential>");
        }
        xml.append("</SipCredentials>");
        return new PrimingRequest("POST /accounts/{accountId}/sipcredentials", Map.of("accountId", "prime"),
                "application/xml", xml.toString(), true, expectedStatus);
    }
}

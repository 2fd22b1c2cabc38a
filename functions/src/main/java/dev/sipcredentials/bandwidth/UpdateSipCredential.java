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
import dev.sipcredentials.provisioning.AccountCredentialUpdate;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;
import dev.sipcredentials.store.StoreAction;
import dev.sipcredentials.wiring.Wiring;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * {@code PUT /accounts/{accountId}/sipcredentials/{compositeUserName}}: check the name and the body
 * ({@link SipCredentialRules#checkChange}), replace the hashes of an existing credential (never creating one; an
 * absent {@code Hash1b} removes it: a PUT states the whole set), answer with the credential as it now is.
 */
public final class UpdateSipCredential implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * Its role allows exactly these (DeploymentTemplateTest): GetItem reads, conditional PutItems write; a transaction
     * makes the account's tenant key on its first write.
     */
    public static final Set<StoreAction> STORE_ACTIONS = Set.of(StoreAction.GET_ITEM, StoreAction.PUT_ITEM,
            StoreAction.TRANSACT_WRITE_ITEMS);
    static final String ROUTE_KEY = "PUT /accounts/{accountId}/sipcredentials/{compositeUserName}";
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** SnapStart priming: a valid change runs up to the store, out of time (503); a bad body is a 400. */
    static final PrimingRequest[] PRIMING = {
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<SipCredential><UserName>prime</UserName><Domain>snapstart.invalid</Domain>"
                    + "<Hash1>0123456789abcdef</Hash1><Hash1b>fedcba9876543210</Hash1b></SipCredential>", 503),
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", "<SipCredential><UserName>other</UserName>"
                    + "<Hash1>0123456789abcdef</Hash1></SipCredential>", 400)};
    /** What an idempotency record keeps of an answer that is not a 200 (those are kept without their hashes). */
    private static final String KEPT_BODY = "body/v1:";

    private final AccountCredentials store;
    private final Route<SubmittedCredential> route;

    /** As Lambda builds it: the store that seals hashes (kms:GenerateDataKey), and SnapStart priming. */
    public UpdateSipCredential() {
        this(Wiring.accountCredentials(), Wiring.idempotentRequests());
        SnapStartPriming.register(() -> prime() & Wiring.primeStore(STORE_ACTIONS)
                & Wiring.primeBandwidthItems(STORE_ACTIONS));
    }

    public UpdateSipCredential(AccountCredentials store, IdempotentRequests idempotent) {
        this.store = store;
        RouteSpec<SubmittedCredential> spec = RouteSpec.of(BandwidthDialect.SINGLE, TenantKind.ACCOUNT)
                .body(MAX_BODY_BYTES, SipCredentialsXmlReader::readSingleBody, "application/xml", "text/xml")
                .idempotent(RouteSpec.Fingerprint.rawBody(), CompositeNamePath.PARAMETER)
                .budget(Duration.ofSeconds(10));
        this.route = Route.of(spec, idempotent, this::update);
    }

    /** SnapStart priming of this route alone ({@link Route#prime}); true when it ran as intended. */
    boolean prime() {
        return route.prime(20, PRIMING);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return route.handle(event, context);
    }

    private Reply update(Call<SubmittedCredential> call) {
        String name = CompositeNamePath.parse(call);
        if (name == null) {
            return CompositeNamePath.refusal();
        }
        SubmittedCredential body = call.body();
        BandwidthError refused = SipCredentialRules.checkChange(body, name);
        if (refused != null) {
            return BandwidthDialect.SINGLE.refused(refused);
        }
        String accountId = ((Tenant.Account) call.tenant()).accountId();
        String hash1 = body.hash1();
        String hash1b = body.hash1b();
        return call.once(UUID.randomUUID().toString(), write -> {
            Duration timeout = TimeBudget.writeTimeout(write.deadline());
            return timeout == null ? AccountCredentialUpdate.of(AccountCredentialUpdate.Kind.TRANSIENT_FAILURE)
                    : store.replaceHashes(accountId, name, hash1, hash1b, write.token(), timeout, call.caller());
        }, new Call.Replayable<>() {
            @Override
            public Reply reply(AccountCredentialUpdate result) {
                return switch (result.kind()) {
                    case UPDATED -> Reply.of(200, SipCredentialsXmlWriter.single(result.userName(), result.domain(),
                            hash1, hash1b), "updated");
                    case NOT_FOUND -> GetSipCredential.notFound(name, accountId);
                    case TRANSIENT_FAILURE -> BandwidthDialect.SINGLE.refused(BandwidthError.READ_UNAVAILABLE);
                    case STORE_FAILURE -> BandwidthDialect.SINGLE.internalError(call.requestId());
                };
            }

            @Override
            public String kept(AccountCredentialUpdate result, Reply reply) {
                // Never the answer of a 200, which echoes Hash1/Hash1b: the stored name, the hashes come again
                // from the (byte-identical) request at replay. Other answers hold no secret.
                return result.kind() == AccountCredentialUpdate.Kind.UPDATED
                        ? SipCredentialsXmlWriter.keptSingle(result.userName(), result.domain()) : KEPT_BODY + reply.body();
            }

            @Override
            public Reply replay(int status, String kept) {
                String single = SipCredentialsXmlWriter.singleFromKept(kept, hash1, hash1b);
                return Reply.of(status, single != null ? single
                        : kept.startsWith(KEPT_BODY) ? kept.substring(KEPT_BODY.length()) : kept, "replayed");
            }
        });
    }
}

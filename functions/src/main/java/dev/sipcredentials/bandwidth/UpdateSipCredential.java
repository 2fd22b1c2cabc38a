package dev.sipcredentials.bandwidth;

import dev.sipcredentials.http.Call;
import dev.sipcredentials.http.PrimingRequest;
import dev.sipcredentials.http.Reply;
import dev.sipcredentials.provisioning.AccountCredential;
import dev.sipcredentials.provisioning.AccountCredentialUpdate;
import dev.sipcredentials.provisioning.AccountCredentials;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.provisioning.TimeBudget;

import java.time.Duration;
import java.util.UUID;

/**
 * The route logic of Bandwidth's change of one credential's hashes: check the name and the body (the create's
 * per-field rules and codes), refuse a body naming another credential ({@code 23004}), replace the hashes of an
 * existing credential (never creating one), answer with the credential as it now is.
 *
 * <p>The body's {@code UserName} and {@code Domain} are optional. When present they must name the path's
 * credential as uniqueness does (case- and escape-insensitively): {@code UserName} alone is the user part of the
 * path's name (its Domain implied) or, holding '@', the whole name; {@code Domain} alone is the path's Domain. An
 * absent {@code Hash1b} removes the credential's Hash1b: a PUT states the whole set of hashes.
 */
final class UpdateSipCredential {
    static final String ROUTE_KEY = "PUT /accounts/{accountId}/sipcredentials/{compositeUserName}";
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** SnapStart priming: a valid change runs up to the store call, which has no time left (503); a bad body is a 400. */
    static final PrimingRequest[] PRIMING = {
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<SipCredential><UserName>prime</UserName><Domain>snapstart.invalid</Domain>"
                    + "<Hash1>0123456789abcdef</Hash1><Hash1b>fedcba9876543210</Hash1b></SipCredential>", 503),
            CompositeNamePath.priming(ROUTE_KEY, "prime@snapstart.invalid", "<SipCredential><UserName>other</UserName>"
                    + "<Hash1>0123456789abcdef</Hash1></SipCredential>", 400)};
    /** What an idempotency record keeps of a 200: the stored name (no hash), from which the replay rebuilds it. */
    private static final String KEPT_UPDATED = "updated/v1:";
    private static final String KEPT_BODY = "body/v1:";

    private final AccountCredentials store;

    UpdateSipCredential(AccountCredentials store) {
        this.store = store;
    }

    /** The body: an empty (or blank) one is refused before the XML reader sees it. */
    static SubmittedCredential read(byte[] body, String requestId) throws Reply.Refused {
        if (isBlank(body)) {
            throw BandwidthDialect.SINGLE.refused(BandwidthError.EMPTY_BODY).refusal();
        }
        try {
            return SipCredentialsXmlReader.readSingle(body);
        } catch (SipCredentialsXmlReader.RequestException e) {
            throw BandwidthDialect.SINGLE.refused(e.error()).refusal();
        }
    }

    Reply update(Call<SubmittedCredential> call) {
        String name = CompositeNamePath.parse(call);
        if (name == null) {
            return CompositeNamePath.refusal();
        }
        SubmittedCredential body = call.body();
        // The create's rules, with the path's name standing in for an absent UserName (and Domain).
        SubmittedCredential asEntry = body.userName() != null ? body
                : new SubmittedCredential(CompositeNamePath.userPart(name),
                body.domain() != null ? body.domain() : CompositeNamePath.domainPart(name), body.hash1(),
                body.hash1b(), body.structuralError());
        SipCredentialRules.Checked checked = SipCredentialRules.check(asEntry);
        if (checked.error() != null) {
            return BandwidthDialect.SINGLE.refused(checked.error());
        }
        if (!namesPath(body, name)) {
            return BandwidthDialect.SINGLE.refused(BandwidthError.NAME_CHANGE);
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
                return answer(result, name, accountId, hash1, hash1b, call.requestId());
            }

            @Override
            public String kept(AccountCredentialUpdate result, Reply reply) {
                // Never the answer of a 200, which echoes Hash1/Hash1b: the stored name, the hashes come again
                // from the (byte-identical) request at replay. Other answers hold no secret.
                return result.kind() == AccountCredentialUpdate.Kind.UPDATED
                        ? KEPT_UPDATED + result.userName() + "\n" + (result.domain() == null ? "" : result.domain())
                        : KEPT_BODY + reply.body();
            }

            @Override
            public Reply replay(int status, String kept) {
                if (kept.startsWith(KEPT_UPDATED)) {
                    String stored = kept.substring(KEPT_UPDATED.length());
                    int newline = stored.indexOf('\n');
                    String domain = stored.substring(newline + 1);
                    return Reply.of(status, SipCredentialsXmlWriter.single(stored.substring(0, newline),
                            domain.isEmpty() ? null : domain, hash1, hash1b), "replayed");
                }
                return Reply.of(status, kept.startsWith(KEPT_BODY) ? kept.substring(KEPT_BODY.length()) : kept,
                        "replayed");
            }
        });
    }

    private static Reply answer(AccountCredentialUpdate result, String name, String accountId, String hash1,
                                String hash1b, String requestId) {
        return switch (result.kind()) {
            case UPDATED -> Reply.of(200, SipCredentialsXmlWriter.single(result.userName(), result.domain(), hash1,
                    hash1b), "updated");
            case NOT_FOUND -> GetSipCredential.notFound(name, accountId);
            case TRANSIENT_FAILURE -> BandwidthDialect.SINGLE.refused(BandwidthError.READ_UNAVAILABLE);
            case STORE_FAILURE -> BandwidthDialect.SINGLE.internalError(requestId);
        };
    }

    /** Whether the body's UserName/Domain, where given, name the path's credential (as uniqueness compares). */
    static boolean namesPath(SubmittedCredential body, String path) {
        String named;
        if (body.userName() != null) {
            String domain = body.domain() != null ? body.domain()
                    : body.userName().indexOf('@') >= 0 ? null : CompositeNamePath.domainPart(path);
            named = AccountCredential.name(body.userName(), domain);
        } else if (body.domain() != null) {
            named = AccountCredential.name(CompositeNamePath.userPart(path), body.domain());
        } else {
            return true;
        }
        return key(named).equals(key(path));
    }

    private static String key(String compositeName) {
        return new AccountCredential(compositeName, null, null, null).uniquenessKey();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}

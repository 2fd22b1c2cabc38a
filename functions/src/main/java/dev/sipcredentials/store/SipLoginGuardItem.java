package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.Tenant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.time.Instant;
import java.util.UUID;

/**
 * The uniqueness guard of a SIP login (host, port, username) in an organization: an item whose key is the login
 * ({@link KeyScheme#organizationGuard}), put with {@code attribute_not_exists(pk)} in the same transaction as its
 * record, naming the record it belongs to ({@code credentialId}) and the request that put it ({@code writeToken}).
 */
record SipLoginGuardItem(String pk, String kind, String credentialId, String createdAt, String createdBy,
                         String updatedBy, String updatedAt, String writeToken) {
    static final String KIND = "deepslate-sip-account-guard";
    static final StaticImmutableTableSchema<SipLoginGuardItem, ItemSchema.Fields> SCHEMA =
            ItemSchema.of(SipLoginGuardItem.class, f -> new SipLoginGuardItem(f.s(KeyScheme.PK), f.s("kind"),
                            f.s("credentialId"), f.s("createdAt"), f.s("createdBy"), f.s("updatedBy"),
                            f.s("updatedAt"), f.s("writeToken")))
                    .s(KeyScheme.PK, SipLoginGuardItem::pk, StaticAttributeTags.primaryPartitionKey())
                    .s("kind", SipLoginGuardItem::kind).s("credentialId", SipLoginGuardItem::credentialId)
                    .s("createdAt", SipLoginGuardItem::createdAt).s("createdBy", SipLoginGuardItem::createdBy)
                    .s("updatedBy", SipLoginGuardItem::updatedBy).s("updatedAt", SipLoginGuardItem::updatedAt)
                    .s("writeToken", SipLoginGuardItem::writeToken).build();

    /** The guard of {@code login} naming credential {@code credentialId}, put by {@code caller}'s request. */
    static SipLoginGuardItem of(Tenant.Organization organization, SipServerLogin login, UUID credentialId,
                                String writeToken, Instant now, String caller) {
        String at = now.toString();
        String who = caller == null ? ItemSchema.UNKNOWN_CALLER : caller;
        return new SipLoginGuardItem(KeyScheme.organizationGuard(organization, login), KIND, credentialId.toString(),
                at, who, who, at, writeToken);
    }

    /** True when this guard was put with {@code token}: our own earlier write met again. */
    boolean writtenWith(String token) {
        return writeToken != null && writeToken.equals(token);
    }
}

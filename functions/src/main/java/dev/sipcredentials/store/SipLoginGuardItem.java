package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.Tenant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.time.Instant;
import java.util.UUID;

/**
 * The uniqueness guard of a SIP login (host, port, username) in an organization: an item whose key is the login, put
 * with {@code attribute_not_exists(pk)} in the same transaction as its record, naming the record it belongs to.
 * Immutable, mapped by {@link #SCHEMA} (built in code, as {@link OrganizationCredentialItem}'s).
 */
final class SipLoginGuardItem {
    /** Built in code once per JVM (no bean introspection, no annotation scanning): see the class comment. */
    static final StaticImmutableTableSchema<SipLoginGuardItem, Builder> SCHEMA = schema();

    private final String pk;
    private final String kind;
    private final String credentialId;
    private final String createdAt;
    private final String createdBy;
    private final String updatedBy;
    private final String updatedAt;
    private final String writeToken;

    private SipLoginGuardItem(Builder b) {
        this.pk = b.pk;
        this.kind = b.kind;
        this.credentialId = b.credentialId;
        this.createdAt = b.createdAt;
        this.createdBy = b.createdBy;
        this.updatedBy = b.updatedBy;
        this.updatedAt = b.updatedAt;
        this.writeToken = b.writeToken;
    }

    static Builder builder() {
        return new Builder();
    }

    /** A builder holding this item's attributes, to change some of them. */
    Builder toBuilder() {
        Builder b = new Builder();
        b.pk = pk;
        b.kind = kind;
        b.credentialId = credentialId;
        b.createdAt = createdAt;
        b.createdBy = createdBy;
        b.updatedBy = updatedBy;
        b.updatedAt = updatedAt;
        b.writeToken = writeToken;
        return b;
    }

    /** The guard's key: {@link KeyScheme#organizationGuard}. */
    String pk() {
        return pk;
    }

    String kind() {
        return kind;
    }

    /** The id of the record that holds this SIP login. */
    String credentialId() {
        return credentialId;
    }

    String createdAt() {
        return createdAt;
    }

    String createdBy() {
        return createdBy;
    }

    String updatedBy() {
        return updatedBy;
    }

    String updatedAt() {
        return updatedAt;
    }

    /** The token of the request that put the guard (lost-response recognition). */
    String writeToken() {
        return writeToken;
    }


    static final String KIND = "deepslate-sip-account-guard";

    /** The guard of {@code login} naming credential {@code credentialId}, put by {@code caller}'s request. */
    static SipLoginGuardItem of(Tenant.Organization organization, SipServerLogin login, UUID credentialId,
                                String writeToken, Instant now, String caller) {
        String at = now.toString();
        String who = caller == null ? CredentialItems.UNKNOWN_CALLER : caller;
        return builder()
                .pk(KeyScheme.organizationGuard(organization, login))
                .kind(KIND)
                .credentialId(credentialId.toString())
                .createdAt(at)
                .createdBy(who)
                .updatedBy(who)
                .updatedAt(at)
                .writeToken(writeToken)
                .build();
    }

    /** True when this guard was put with {@code token}: our own earlier write met again. */
    boolean writtenWith(String token) {
        return writeToken != null && writeToken.equals(token);
    }

    static final class Builder {
        private String pk;
        private String kind;
        private String credentialId;
        private String createdAt;
        private String createdBy;
        private String updatedBy;
        private String updatedAt;
        private String writeToken;

        private Builder() {
        }

        Builder pk(String value) {
            this.pk = value;
            return this;
        }

        Builder kind(String value) {
            this.kind = value;
            return this;
        }

        Builder credentialId(String value) {
            this.credentialId = value;
            return this;
        }

        Builder createdAt(String value) {
            this.createdAt = value;
            return this;
        }

        Builder createdBy(String value) {
            this.createdBy = value;
            return this;
        }

        Builder updatedBy(String value) {
            this.updatedBy = value;
            return this;
        }

        Builder updatedAt(String value) {
            this.updatedAt = value;
            return this;
        }

        Builder writeToken(String value) {
            this.writeToken = value;
            return this;
        }

        SipLoginGuardItem build() {
            return new SipLoginGuardItem(this);
        }
    }

    private static StaticImmutableTableSchema<SipLoginGuardItem, Builder> schema() {
        return StaticImmutableTableSchema.builder(SipLoginGuardItem.class, Builder.class)
                .newItemBuilder(SipLoginGuardItem::builder, Builder::build)
                .attributeConverterProviders(ItemConverters.PROVIDER)
                .addAttribute(String.class, a -> a.name(KeyScheme.PK).getter(SipLoginGuardItem::pk).setter(Builder::pk).tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("kind").getter(SipLoginGuardItem::kind).setter(Builder::kind))
                .addAttribute(String.class, a -> a.name("credentialId").getter(SipLoginGuardItem::credentialId).setter(Builder::credentialId))
                .addAttribute(String.class, a -> a.name("createdAt").getter(SipLoginGuardItem::createdAt).setter(Builder::createdAt))
                .addAttribute(String.class, a -> a.name("createdBy").getter(SipLoginGuardItem::createdBy).setter(Builder::createdBy))
                .addAttribute(String.class, a -> a.name("updatedBy").getter(SipLoginGuardItem::updatedBy).setter(Builder::updatedBy))
                .addAttribute(String.class, a -> a.name("updatedAt").getter(SipLoginGuardItem::updatedAt).setter(Builder::updatedAt))
                .addAttribute(String.class, a -> a.name("writeToken").getter(SipLoginGuardItem::writeToken).setter(Builder::writeToken))
                .build();
    }
}

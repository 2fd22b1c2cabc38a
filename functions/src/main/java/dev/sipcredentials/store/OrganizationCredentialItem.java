package dev.sipcredentials.store;

import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.PasswordAad;
import dev.sipcredentials.sealing.SealedPassword;

import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.time.Instant;
import java.util.UUID;

/**
 * A deepslate credential record as the table holds it (attribute names and types exactly as items written before the
 * enhanced client, so those stay readable): immutable, built with {@link Builder}, mapped by {@link #SCHEMA}, a
 * {@link StaticImmutableTableSchema} declared attribute by attribute in code, which needs no reflection at cold start.
 * Never the password: its AES-GCM ciphertext, nonce and wrapped data key ({@link EnvelopePasswordSealer}). Absent
 * attributes (older items) read as null, and null attributes are not written.
 */
final class OrganizationCredentialItem {
    /** Built in code once per JVM (no bean introspection, no annotation scanning): see the class comment. */
    static final StaticImmutableTableSchema<OrganizationCredentialItem, Builder> SCHEMA = schema();

    private final String pk;
    private final String listPk;
    private final String listSk;
    private final String kind;
    private final String id;
    private final String vendorId;
    private final String organizationId;
    private final String hostname;
    private final Integer port;
    private final String username;
    private final String passwordAlgorithm;
    private final String passwordKeyId;
    private final SdkBytes passwordDataKey;
    private final SdkBytes passwordNonce;
    private final SdkBytes passwordCiphertext;
    private final String passwordAadVersion;
    private final Integer maxAgentTasks;
    private final String createdAt;
    private final String createdBy;
    private final String updatedBy;
    private final String updatedAt;
    private final String writeToken;

    private OrganizationCredentialItem(Builder b) {
        this.pk = b.pk;
        this.listPk = b.listPk;
        this.listSk = b.listSk;
        this.kind = b.kind;
        this.id = b.id;
        this.vendorId = b.vendorId;
        this.organizationId = b.organizationId;
        this.hostname = b.hostname;
        this.port = b.port;
        this.username = b.username;
        this.passwordAlgorithm = b.passwordAlgorithm;
        this.passwordKeyId = b.passwordKeyId;
        this.passwordDataKey = b.passwordDataKey;
        this.passwordNonce = b.passwordNonce;
        this.passwordCiphertext = b.passwordCiphertext;
        this.passwordAadVersion = b.passwordAadVersion;
        this.maxAgentTasks = b.maxAgentTasks;
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
        b.listPk = listPk;
        b.listSk = listSk;
        b.kind = kind;
        b.id = id;
        b.vendorId = vendorId;
        b.organizationId = organizationId;
        b.hostname = hostname;
        b.port = port;
        b.username = username;
        b.passwordAlgorithm = passwordAlgorithm;
        b.passwordKeyId = passwordKeyId;
        b.passwordDataKey = passwordDataKey;
        b.passwordNonce = passwordNonce;
        b.passwordCiphertext = passwordCiphertext;
        b.passwordAadVersion = passwordAadVersion;
        b.maxAgentTasks = maxAgentTasks;
        b.createdAt = createdAt;
        b.createdBy = createdBy;
        b.updatedBy = updatedBy;
        b.updatedAt = updatedAt;
        b.writeToken = writeToken;
        return b;
    }

    /** The record's key: {@link KeyScheme#organizationCredential}. */
    String pk() {
        return pk;
    }

    /** The listing partition ({@link KeyScheme#organizationListPartition}); absent on items written before listing. */
    String listPk() {
        return listPk;
    }

    /** The listing sort key ({@link KeyScheme#organizationListSort}); never changed after the create. */
    String listSk() {
        return listSk;
    }

    String kind() {
        return kind;
    }

    String id() {
        return id;
    }

    String vendorId() {
        return vendorId;
    }

    String organizationId() {
        return organizationId;
    }

    /** As submitted (the guard's key holds the canonical form). */
    String hostname() {
        return hostname;
    }

    Integer port() {
        return port;
    }

    String username() {
        return username;
    }

    String passwordAlgorithm() {
        return passwordAlgorithm;
    }

    String passwordKeyId() {
        return passwordKeyId;
    }

    /** The data key wrapped by the master key. */
    SdkBytes passwordDataKey() {
        return passwordDataKey;
    }

    SdkBytes passwordNonce() {
        return passwordNonce;
    }

    SdkBytes passwordCiphertext() {
        return passwordCiphertext;
    }

    /** {@link PasswordAad#VERSION_ATTRIBUTE}; absent on v1 items. */
    String passwordAadVersion() {
        return passwordAadVersion;
    }

    Integer maxAgentTasks() {
        return maxAgentTasks;
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

    /** The token of the request that wrote the item last (lost-response recognition). */
    String writeToken() {
        return writeToken;
    }


    static final String KIND = "deepslate-sip-credential";

    /** A new record, its audit trail naming {@code caller} (or {@link CredentialItems#UNKNOWN_CALLER}). */
    static OrganizationCredentialItem created(OrganizationCredential credential, SealedPassword password,
                                              String writeToken, Instant now, String caller) {
        String at = now.toString();
        String who = caller == null ? CredentialItems.UNKNOWN_CALLER : caller;
        return withLogin(builder(), credential, password)
                .pk(KeyScheme.organizationCredential(credential))
                .listPk(KeyScheme.organizationListPartition(credential))
                .listSk(KeyScheme.organizationListSort(now, credential.id()))
                .kind(KIND)
                .id(credential.id().toString())
                .vendorId(credential.vendorId().toString())
                .organizationId(credential.organizationId().toString())
                .createdAt(at)
                .createdBy(who)
                .updatedBy(who)
                .updatedAt(at)
                .writeToken(writeToken)
                .build();
    }

    /**
     * What an update writes over an existing record: the key and only the attributes a PUT replaces (login, sealed
     * password, maxAgentTasks, who and when, write token). The rest (kind, ids, createdAt/createdBy, listPk/listSk)
     * is null here and so left as stored by an update that ignores nulls: a PUT never moves a record in the listing.
     */
    static OrganizationCredentialItem changed(Tenant.Organization organization, OrganizationCredential credential,
                                              SealedPassword password, String writeToken, Instant now,
                                              String caller) {
        return withLogin(builder(), credential, password)
                .pk(KeyScheme.organizationCredential(organization, credential.id()))
                .updatedBy(caller == null ? CredentialItems.UNKNOWN_CALLER : caller)
                .updatedAt(now.toString())
                .writeToken(writeToken)
                .build();
    }

    private static Builder withLogin(Builder builder, OrganizationCredential credential, SealedPassword password) {
        return builder
                .hostname(credential.login().hostname())
                .port(credential.login().port())
                .username(credential.login().username())
                .passwordAlgorithm(password.algorithm())
                .passwordKeyId(password.keyId())
                .passwordDataKey(SdkBytes.fromByteArray(password.wrappedDataKey()))
                .passwordNonce(SdkBytes.fromByteArray(password.nonce()))
                .passwordCiphertext(SdkBytes.fromByteArray(password.ciphertext()))
                .passwordAadVersion(PasswordAad.CURRENT_VERSION)
                .maxAgentTasks(credential.maxAgentTasks());
    }

    /** The record as the domain reads it (the fields a response shows; a read projects just these). */
    StoredOrganizationCredential stored() {
        return new StoredOrganizationCredential(UUID.fromString(id), hostname, port, username, maxAgentTasks);
    }

    static final class Builder {
        private String pk;
        private String listPk;
        private String listSk;
        private String kind;
        private String id;
        private String vendorId;
        private String organizationId;
        private String hostname;
        private Integer port;
        private String username;
        private String passwordAlgorithm;
        private String passwordKeyId;
        private SdkBytes passwordDataKey;
        private SdkBytes passwordNonce;
        private SdkBytes passwordCiphertext;
        private String passwordAadVersion;
        private Integer maxAgentTasks;
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

        Builder listPk(String value) {
            this.listPk = value;
            return this;
        }

        Builder listSk(String value) {
            this.listSk = value;
            return this;
        }

        Builder kind(String value) {
            this.kind = value;
            return this;
        }

        Builder id(String value) {
            this.id = value;
            return this;
        }

        Builder vendorId(String value) {
            this.vendorId = value;
            return this;
        }

        Builder organizationId(String value) {
            this.organizationId = value;
            return this;
        }

        Builder hostname(String value) {
            this.hostname = value;
            return this;
        }

        Builder port(Integer value) {
            this.port = value;
            return this;
        }

        Builder username(String value) {
            this.username = value;
            return this;
        }

        Builder passwordAlgorithm(String value) {
            this.passwordAlgorithm = value;
            return this;
        }

        Builder passwordKeyId(String value) {
            this.passwordKeyId = value;
            return this;
        }

        Builder passwordDataKey(SdkBytes value) {
            this.passwordDataKey = value;
            return this;
        }

        Builder passwordNonce(SdkBytes value) {
            this.passwordNonce = value;
            return this;
        }

        Builder passwordCiphertext(SdkBytes value) {
            this.passwordCiphertext = value;
            return this;
        }

        Builder passwordAadVersion(String value) {
            this.passwordAadVersion = value;
            return this;
        }

        Builder maxAgentTasks(Integer value) {
            this.maxAgentTasks = value;
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

        OrganizationCredentialItem build() {
            return new OrganizationCredentialItem(this);
        }
    }

    private static StaticImmutableTableSchema<OrganizationCredentialItem, Builder> schema() {
        return StaticImmutableTableSchema.builder(OrganizationCredentialItem.class, Builder.class)
                .newItemBuilder(OrganizationCredentialItem::builder, Builder::build)
                .attributeConverterProviders(ItemConverters.PROVIDER)
                .addAttribute(String.class, a -> a.name(KeyScheme.PK).getter(OrganizationCredentialItem::pk).setter(Builder::pk).tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("listPk").getter(OrganizationCredentialItem::listPk).setter(Builder::listPk))
                .addAttribute(String.class, a -> a.name("listSk").getter(OrganizationCredentialItem::listSk).setter(Builder::listSk))
                .addAttribute(String.class, a -> a.name("kind").getter(OrganizationCredentialItem::kind).setter(Builder::kind))
                .addAttribute(String.class, a -> a.name("id").getter(OrganizationCredentialItem::id).setter(Builder::id))
                .addAttribute(String.class, a -> a.name("vendorId").getter(OrganizationCredentialItem::vendorId).setter(Builder::vendorId))
                .addAttribute(String.class, a -> a.name("organizationId").getter(OrganizationCredentialItem::organizationId).setter(Builder::organizationId))
                .addAttribute(String.class, a -> a.name("hostname").getter(OrganizationCredentialItem::hostname).setter(Builder::hostname))
                .addAttribute(Integer.class, a -> a.name("port").getter(OrganizationCredentialItem::port).setter(Builder::port))
                .addAttribute(String.class, a -> a.name("username").getter(OrganizationCredentialItem::username).setter(Builder::username))
                .addAttribute(String.class, a -> a.name("passwordAlgorithm").getter(OrganizationCredentialItem::passwordAlgorithm).setter(Builder::passwordAlgorithm))
                .addAttribute(String.class, a -> a.name("passwordKeyId").getter(OrganizationCredentialItem::passwordKeyId).setter(Builder::passwordKeyId))
                .addAttribute(SdkBytes.class, a -> a.name("passwordDataKey").getter(OrganizationCredentialItem::passwordDataKey).setter(Builder::passwordDataKey))
                .addAttribute(SdkBytes.class, a -> a.name("passwordNonce").getter(OrganizationCredentialItem::passwordNonce).setter(Builder::passwordNonce))
                .addAttribute(SdkBytes.class, a -> a.name("passwordCiphertext").getter(OrganizationCredentialItem::passwordCiphertext).setter(Builder::passwordCiphertext))
                .addAttribute(String.class, a -> a.name("passwordAadVersion").getter(OrganizationCredentialItem::passwordAadVersion).setter(Builder::passwordAadVersion))
                .addAttribute(Integer.class, a -> a.name("maxAgentTasks").getter(OrganizationCredentialItem::maxAgentTasks).setter(Builder::maxAgentTasks))
                .addAttribute(String.class, a -> a.name("createdAt").getter(OrganizationCredentialItem::createdAt).setter(Builder::createdAt))
                .addAttribute(String.class, a -> a.name("createdBy").getter(OrganizationCredentialItem::createdBy).setter(Builder::createdBy))
                .addAttribute(String.class, a -> a.name("updatedBy").getter(OrganizationCredentialItem::updatedBy).setter(Builder::updatedBy))
                .addAttribute(String.class, a -> a.name("updatedAt").getter(OrganizationCredentialItem::updatedAt).setter(Builder::updatedAt))
                .addAttribute(String.class, a -> a.name("writeToken").getter(OrganizationCredentialItem::writeToken).setter(Builder::writeToken))
                .build();
    }
}

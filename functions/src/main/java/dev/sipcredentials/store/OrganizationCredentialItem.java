package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.PasswordAad;
import dev.sipcredentials.sealing.SealedPassword;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A deepslate credential record as the table holds it, attribute names and types exactly as items written before the
 * enhanced client (so those stay readable), mapped by {@link #SCHEMA}. Never the password: its AES-GCM ciphertext,
 * nonce and wrapped data key ({@link EnvelopePasswordSealer}). Absent attributes (older items) read as null, and null
 * attributes are not written. A listing reads the same schema from the index, whose projection leaves the sealed
 * password out (null here).
 */
record OrganizationCredentialItem(String pk, String listPk, String listSk, String kind, String id, String vendorId,
                                  String organizationId, String hostname, Integer port, String username,
                                  String passwordAlgorithm, String passwordKeyId, SdkBytes passwordDataKey,
                                  SdkBytes passwordNonce, SdkBytes passwordCiphertext, String passwordAadVersion,
                                  Integer maxAgentTasks, String createdAt, String createdBy, String updatedBy,
                                  String updatedAt, String writeToken) {
    static final String KIND = "deepslate-sip-credential";
    /**
     * What a read of a record asks for: the fields a response shows, never the sealed password (it would only cost
     * read units and widen what a read route handles). {@code #id} etc. because several are reserved words.
     */
    static final String READ_PROJECTION = "#id, #hostname, #port, #username, #maxAgentTasks";
    static final Map<String, String> READ_PROJECTION_NAMES = Map.of("#id", "id", "#hostname", "hostname", "#port",
            "port", "#username", "username", "#maxAgentTasks", "maxAgentTasks");
    static final StaticImmutableTableSchema<OrganizationCredentialItem, ItemSchema.Fields> SCHEMA =
            ItemSchema.of(OrganizationCredentialItem.class, f -> new OrganizationCredentialItem(f.s(KeyScheme.PK),
                            f.s(KeyScheme.LIST_PK), f.s(KeyScheme.LIST_SK), f.s("kind"), f.s("id"), f.s("vendorId"),
                            f.s("organizationId"),
                            f.s("hostname"), f.n("port"), f.s("username"), f.s("passwordAlgorithm"),
                            f.s("passwordKeyId"), f.b("passwordDataKey"), f.b("passwordNonce"),
                            f.b("passwordCiphertext"), f.s("passwordAadVersion"), f.n("maxAgentTasks"),
                            f.s("createdAt"), f.s("createdBy"), f.s("updatedBy"), f.s("updatedAt"), f.s("writeToken")))
                    .keys(OrganizationCredentialItem::pk, OrganizationCredentialItem::listPk,
                            OrganizationCredentialItem::listSk)
                    .s("kind", OrganizationCredentialItem::kind).s("id", OrganizationCredentialItem::id)
                    .s("vendorId", OrganizationCredentialItem::vendorId)
                    .s("organizationId", OrganizationCredentialItem::organizationId)
                    .s("hostname", OrganizationCredentialItem::hostname).n("port", OrganizationCredentialItem::port)
                    .s("username", OrganizationCredentialItem::username)
                    .s("passwordAlgorithm", OrganizationCredentialItem::passwordAlgorithm)
                    .s("passwordKeyId", OrganizationCredentialItem::passwordKeyId)
                    .b("passwordDataKey", OrganizationCredentialItem::passwordDataKey)
                    .b("passwordNonce", OrganizationCredentialItem::passwordNonce)
                    .b("passwordCiphertext", OrganizationCredentialItem::passwordCiphertext)
                    .s("passwordAadVersion", OrganizationCredentialItem::passwordAadVersion)
                    .n("maxAgentTasks", OrganizationCredentialItem::maxAgentTasks)
                    .s("createdAt", OrganizationCredentialItem::createdAt)
                    .s("createdBy", OrganizationCredentialItem::createdBy)
                    .s("updatedBy", OrganizationCredentialItem::updatedBy)
                    .s("updatedAt", OrganizationCredentialItem::updatedAt)
                    .s("writeToken", OrganizationCredentialItem::writeToken).build();

    /** A new record, its audit trail naming {@code caller} (or {@link ItemSchema#UNKNOWN_CALLER}). */
    static OrganizationCredentialItem created(OrganizationCredential credential, SealedPassword password,
                                              String writeToken, Instant now, String caller) {
        String at = now.toString();
        String who = caller == null ? ItemSchema.UNKNOWN_CALLER : caller;
        return withLogin(KeyScheme.organizationCredential(credential),
                KeyScheme.organizationListPartition(credential), KeyScheme.organizationListSort(now, credential.id()),
                KIND, credential.id().toString(), credential.vendorId().toString(),
                credential.organizationId().toString(), credential, password, at, who, who, at, writeToken);
    }

    /**
     * What an update writes over an existing record: the key and only the attributes a PUT replaces (login, sealed
     * password, maxAgentTasks, who and when, write token). The rest (kind, ids, createdAt/createdBy, listPk/listSk)
     * is null here and so left as stored by an update that ignores nulls: a PUT never moves a record in the listing.
     */
    static OrganizationCredentialItem changed(Tenant.Organization organization, OrganizationCredential credential,
                                              SealedPassword password, String writeToken, Instant now,
                                              String caller) {
        return withLogin(KeyScheme.organizationCredential(organization, credential.id()), null, null, null, null,
                null, null, credential, password, null, null, caller == null ? ItemSchema.UNKNOWN_CALLER : caller,
                now.toString(), writeToken);
    }

    private static OrganizationCredentialItem withLogin(String pk, String listPk, String listSk, String kind, String id,
                                                        String vendorId, String organizationId,
                                                        OrganizationCredential credential, SealedPassword password,
                                                        String createdAt, String createdBy, String updatedBy,
                                                        String updatedAt, String writeToken) {
        return new OrganizationCredentialItem(pk, listPk, listSk, kind, id, vendorId, organizationId,
                credential.login().hostname(), credential.login().port(), credential.login().username(),
                password.algorithm(), password.keyId(), SdkBytes.fromByteArray(password.wrappedDataKey()),
                SdkBytes.fromByteArray(password.nonce()), SdkBytes.fromByteArray(password.ciphertext()),
                PasswordAad.CURRENT_VERSION, credential.maxAgentTasks(), createdAt, createdBy, updatedBy, updatedAt,
                writeToken);
    }

    /** The record as the domain reads it (the fields a response shows; a read projects just these). */
    StoredOrganizationCredential stored() {
        return new StoredOrganizationCredential(UUID.fromString(id), hostname, port, username, maxAgentTasks);
    }

    /** Never the sealed password: items pass through code that logs. */
    @Override
    public String toString() {
        return "OrganizationCredentialItem[" + pk + "]";
    }
}

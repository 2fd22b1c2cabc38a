package dev.sipcredentials.store;

import dev.sipcredentials.sealing.SealedPassword;

import dev.sipcredentials.provisioning.OrganizationCredential;
import dev.sipcredentials.provisioning.SipServerLogin;
import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import dev.sipcredentials.provisioning.Tenant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enhanced client's schemas write exactly the items the hand-written maps wrote before them (every attribute, its
 * name and its type), and read items written then, older layouts included.
 */
class OrganizationItemsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:15:30.123Z");
    private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    private static final UUID VENDOR = UUID.fromString("3f1c0000-0000-4000-8000-000000006a10");
    private static final UUID ORGANIZATION = UUID.fromString("8b2e0000-0000-4000-8000-000000004b13");
    private static final SealedPassword SEALED = new SealedPassword("AES-256-GCM", "local:abc", new byte[]{1, 2, 3},
            new byte[]{4, 5}, new byte[]{6, 7, 8, 9});
    private static final OrganizationCredential CREDENTIAL = new OrganizationCredential(ID, VENDOR, ORGANIZATION,
            new SipServerLogin("SIP.Example.com", "sip.example.com", 5061, "agent-7"), "never-stored", 12);

    @Test
    void theRecordIsTheItemTheHandWrittenMapWrote() {
        Map<String, AttributeValue> written = OrganizationCredentialItem.SCHEMA.itemToMap(
                OrganizationCredentialItem.created(CREDENTIAL, SEALED, "token-1", NOW, "user-9"), true);

        assertThat(written).isEqualTo(recordAsWrittenBefore("user-9"));
    }

    @Test
    void theGuardIsTheItemTheHandWrittenMapWrote() {
        Map<String, AttributeValue> written = SipLoginGuardItem.SCHEMA.itemToMap(SipLoginGuardItem.of(
                Tenant.organization(VENDOR.toString(), ORGANIZATION.toString()), CREDENTIAL.login(), ID, "token-1", NOW,
                null), true);

        Map<String, AttributeValue> before = new HashMap<>();
        before.put("pk", s("ds#" + VENDOR + "#" + ORGANIZATION + "#sip#sip.example.com#5061#agent-7"));
        before.put("kind", s("deepslate-sip-account-guard"));
        before.put("credentialId", s(ID.toString()));
        before.put("createdAt", s(NOW.toString()));
        before.put("writeToken", s("token-1"));
        before.put("createdBy", s("unknown"));
        before.put("updatedBy", s("unknown"));
        before.put("updatedAt", s(NOW.toString()));
        assertThat(written).isEqualTo(before);
    }

    @Test
    void anItemWrittenBeforeListingAndAadV2ReadsBack() {
        Map<String, AttributeValue> legacy = recordAsWrittenBefore("user-9");
        legacy.remove("listPk");
        legacy.remove("listSk");
        legacy.remove("passwordAadVersion");
        legacy.remove("createdBy");
        legacy.remove("updatedBy");
        legacy.remove("updatedAt");

        OrganizationCredentialItem item = OrganizationCredentialItem.SCHEMA.mapToItem(legacy);

        assertThat(item.stored()).isEqualTo(new StoredOrganizationCredential(ID, "SIP.Example.com", 5061, "agent-7", 12));
        assertThat(item.listPk()).isNull();
        assertThat(item.passwordAadVersion()).isNull();
        assertThat(item.passwordCiphertext().asByteArray()).containsExactly(6, 7, 8, 9);
        // And it is written back as it was: absent attributes stay absent.
        assertThat(OrganizationCredentialItem.SCHEMA.itemToMap(item, true)).isEqualTo(legacy);
    }

    @Test
    void aChangeWritesOnlyWhatAPutReplaces() {
        OrganizationCredential changed = new OrganizationCredential(ID, VENDOR, ORGANIZATION,
                new SipServerLogin("sip2.example.com", "sip2.example.com", 5062, "agent-8"), "never-stored", 3);

        Map<String, AttributeValue> written = OrganizationCredentialItem.SCHEMA.itemToMap(OrganizationCredentialItem
                .changed(Tenant.organization(VENDOR.toString(), ORGANIZATION.toString()), changed, SEALED, "token-2",
                        NOW, "user-10"), true);

        assertThat(written.keySet()).containsExactlyInAnyOrder("pk", "hostname", "port", "username",
                "passwordAlgorithm", "passwordKeyId", "passwordDataKey", "passwordNonce", "passwordCiphertext",
                "passwordAadVersion", "maxAgentTasks", "updatedBy", "updatedAt", "writeToken");
        assertThat(written.get("pk")).isEqualTo(s("ds#" + VENDOR + "#" + ORGANIZATION + "#cred#" + ID));
        assertThat(written.get("port")).isEqualTo(AttributeValue.fromN("5062"));
        assertThat(written.get("updatedBy")).isEqualTo(s("user-10"));
    }

    /** Today's layout, as CredentialItems wrote it by hand (organizationCredential, then audited). */
    private static Map<String, AttributeValue> recordAsWrittenBefore(String caller) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("ds#" + VENDOR + "#" + ORGANIZATION + "#cred#" + ID));
        item.put("listPk", s("ds#" + VENDOR + "#" + ORGANIZATION + "#" + (ID.getLeastSignificantBits() & 3)));
        item.put("listSk", s(String.format("%013d#%s", NOW.toEpochMilli(), ID)));
        item.put("kind", s("deepslate-sip-credential"));
        item.put("id", s(ID.toString()));
        item.put("vendorId", s(VENDOR.toString()));
        item.put("organizationId", s(ORGANIZATION.toString()));
        item.put("hostname", s("SIP.Example.com"));
        item.put("port", AttributeValue.fromN("5061"));
        item.put("username", s("agent-7"));
        item.put("passwordAlgorithm", s("AES-256-GCM"));
        item.put("passwordKeyId", s("local:abc"));
        item.put("passwordDataKey", b(1, 2, 3));
        item.put("passwordNonce", b(4, 5));
        item.put("passwordCiphertext", b(6, 7, 8, 9));
        item.put("passwordAadVersion", s("2"));
        item.put("maxAgentTasks", AttributeValue.fromN("12"));
        item.put("createdAt", s(NOW.toString()));
        item.put("writeToken", s("token-1"));
        item.put("createdBy", s(caller));
        item.put("updatedBy", s(caller));
        item.put("updatedAt", s(NOW.toString()));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue b(int... bytes) {
        byte[] value = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            value[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }
}

package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.sipcredentials.testkit.TestHandlers;
import dev.sipcredentials.deepslate.CreateSipCredential;
import dev.sipcredentials.sealing.EnvelopePasswordSealer;
import dev.sipcredentials.sealing.LocalMasterKeyProvider;
import dev.sipcredentials.sealing.PasswordSealer;
import dev.sipcredentials.store.StoredPasswords;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Passwords at rest in the DynamoDB engine, written by the real handler and store: only ciphertext is in the table. */
class PasswordEncryptionIT {
    private final String table = TestStack.freshTable();
    private final CreateSipCredential handler =
            TestHandlers.deepslate(TestStack.store(table), Clock.systemUTC(), UUID::randomUUID);
    private final PasswordSealer sealer = dev.sipcredentials.store.TenantKeyTable.localPasswordSealer(
            TestStack.client(), table, TestStack.masterKeyFile());

    private Map<String, AttributeValue> create(String organization, String username, String password) {
        String vendor = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
        APIGatewayV2HTTPResponse response = ContractValidator.invoke(handler, TestStack.event(DeepslateApiIT.ROUTE,
                "/api/v1/vendors/" + vendor + "/organizations/" + organization + "/sip/credentials",
                Map.of("vendorId", vendor, "organizationId", organization), "application/json",
                "{\"hostname\":\"sip.example\",\"port\":5060,\"username\":\"" + username + "\",\"password\":\""
                        + password + "\"}", false, "enc-" + UUID.randomUUID()), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return TestStack.items(table).stream()
                .filter(i -> i.get("kind").s().equals("deepslate-sip-credential")
                        && i.get("username").s().equals(username))
                .findFirst().orElseThrow();
    }

    @Test
    void theRawItemHoldsNoPasswordInAnyEncodingAndTheKeyOpensIt() {
        String password = "Plain-Secret-" + UUID.randomUUID();
        Map<String, AttributeValue> item = create(UUID.randomUUID().toString(), "agent-enc", password);

        List<String> spellings = spellings(password);
        for (Map<String, AttributeValue> any : TestStack.items(table)) {
            for (Map.Entry<String, AttributeValue> attribute : any.entrySet()) {
                String text = text(attribute.getValue());
                for (String spelling : spellings) {
                    assertThat(text).as(attribute.getKey()).doesNotContain(spelling);
                }
            }
        }
        assertThat(item).doesNotContainKey("password")
                .containsKeys("passwordCiphertext", "passwordNonce", "passwordDataKey", "passwordKeyId");
        assertThat(item.get("passwordKeyId").s()).as("the organization's tenant key").isEqualTo("tenant-key/v1");
        assertThat(StoredPasswords.open(item, sealer)).isEqualTo(password);
    }

    @Test
    void aTamperedOrSwappedCiphertextDoesNotOpen() {
        Map<String, AttributeValue> first = create(UUID.randomUUID().toString(), "agent-a", "first-password");
        Map<String, AttributeValue> second = create(UUID.randomUUID().toString(), "agent-b", "second-password");

        Map<String, AttributeValue> swapped = new HashMap<>(first);
        for (String attribute : List.of("passwordKeyId", "passwordDataKey", "passwordNonce", "passwordCiphertext")) {
            swapped.put(attribute, second.get(attribute));
        }
        assertThatThrownBy(() -> StoredPasswords.open(swapped, sealer)).isInstanceOf(PasswordSealer.SealException.class);

        byte[] ciphertext = first.get("passwordCiphertext").b().asByteArray();
        ciphertext[0] ^= 0x20;
        Map<String, AttributeValue> tampered = new HashMap<>(first);
        tampered.put("passwordCiphertext", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        assertThatThrownBy(() -> StoredPasswords.open(tampered, sealer)).isInstanceOf(PasswordSealer.SealException.class);

        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        assertThatThrownBy(() -> StoredPasswords.open(first,
                new EnvelopePasswordSealer(new dev.sipcredentials.sealing.TenantKeyring(
                        new dev.sipcredentials.store.TenantKeyTable(TestStack.client(), table),
                        dev.sipcredentials.sealing.KeyPairVault.local(otherKey), Clock.systemUTC(),
                        java.time.Duration.ofMinutes(5)), new LocalMasterKeyProvider(otherKey))))
                .isInstanceOf(PasswordSealer.SealException.class);
        assertThat(StoredPasswords.open(first, sealer)).isEqualTo("first-password");
    }

    /** A table writer pointing a stored password at another SIP server, port or username gets nothing usable. */
    @Test
    void aStoredPasswordPointedAtAnotherSipAccountDoesNotOpen() {
        Map<String, AttributeValue> item = create(UUID.randomUUID().toString(), "agent-bound", "bound-password");
        assertThat(item.get("passwordAadVersion").s()).isEqualTo("2");

        for (Map.Entry<String, AttributeValue> change : List.of(
                Map.entry("hostname", AttributeValue.fromS("attacker.example")),
                Map.entry("port", AttributeValue.fromN("5080")),
                Map.entry("username", AttributeValue.fromS("agent-other")),
                Map.entry("passwordKeyId", AttributeValue.fromS("local:0000000000000000")))) {
            Map<String, AttributeValue> moved = new HashMap<>(item);
            moved.put(change.getKey(), change.getValue());
            assertThatThrownBy(() -> StoredPasswords.open(moved, sealer)).as(change.getKey())
                    .isInstanceOf(PasswordSealer.SealException.class);
        }
        Map<String, AttributeValue> downgraded = new HashMap<>(item);
        downgraded.remove("passwordAadVersion");
        assertThatThrownBy(() -> StoredPasswords.open(downgraded, sealer)).isInstanceOf(PasswordSealer.SealException.class);
        assertThat(StoredPasswords.open(item, sealer)).isEqualTo("bound-password");
    }

    private static List<String> spellings(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        List<String> spellings = new ArrayList<>(List.of(password, password.toLowerCase(),
                HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes),
                new String(password.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1),
                new String(password.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1)));
        for (int shift = 0; shift < 3; shift++) {
            String base64 = Base64.getEncoder().encodeToString(("ab".substring(0, shift) + password)
                    .getBytes(StandardCharsets.UTF_8));
            spellings.add(base64.substring(shift == 0 ? 0 : 4, base64.length() - 4));
            String url = Base64.getUrlEncoder().encodeToString(("ab".substring(0, shift) + password)
                    .getBytes(StandardCharsets.UTF_8));
            spellings.add(url.substring(shift == 0 ? 0 : 4, url.length() - 4));
        }
        return spellings;
    }

    /** An attribute as every text a reader could see: the string, or the bytes raw and base64-encoded. */
    private static String text(AttributeValue value) {
        if (value.b() != null) {
            byte[] bytes = value.b().asByteArray();
            return new String(bytes, StandardCharsets.ISO_8859_1) + " " + Base64.getEncoder().encodeToString(bytes);
        }
        return value.s() != null ? value.s() : String.valueOf(value);
    }
}

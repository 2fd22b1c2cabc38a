package dev.sipcredentials.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairWithoutPlaintextResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** The endpoint through the unmodified SDK KmsClient, as the functions call it. */
class KmsServerTest {
    private static final byte[] MATERIAL = new byte[32];
    private static final String ALIAS = "alias/sip-credentials";
    private static final Map<String, String> CONTEXT = Map.of("sip-credential", "bw#41#alice");

    static {
        Arrays.fill(MATERIAL, (byte) 7);
    }

    private KmsServer server;
    private KmsClient kms;

    @BeforeEach
    void start() {
        server = KmsServer.start(KmsServer.options().persistentKey(MATERIAL, ALIAS));
        kms = client(server, RetryMode.STANDARD);
    }

    @AfterEach
    void stop() {
        kms.close();
        server.close();
    }

    static KmsClient client(KmsServer server, RetryMode retries) {
        return KmsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(retries))
                .build();
    }

    @Test
    void generateDataKeyThenDecryptWithoutKeyIdGivesTheSameKey() {
        GenerateDataKeyResponse key = kms.generateDataKey(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_256)
                .encryptionContext(CONTEXT));
        assertThat(key.plaintext().asByteArray()).hasSize(32);
        assertThat(key.keyId()).isEqualTo(server.keyArn()).startsWith("arn:aws:kms:us-east-1:123456789012:key/");

        DecryptResponse opened = kms.decrypt(r -> r.ciphertextBlob(key.ciphertextBlob()).encryptionContext(CONTEXT));
        assertThat(opened.plaintext().asByteArray()).isEqualTo(key.plaintext().asByteArray());
        assertThat(opened.keyId()).isEqualTo(server.keyArn());
        assertThat(opened.encryptionAlgorithmAsString()).isEqualTo("SYMMETRIC_DEFAULT");
    }

    @Test
    void everyFormOfKeyIdentifierNamesTheKey() {
        String arn = server.keyArn();
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        for (String identifier : new String[] {id, arn, ALIAS, "arn:aws:kms:us-east-1:123456789012:" + ALIAS}) {
            KeyMetadata metadata = kms.describeKey(r -> r.keyId(identifier)).keyMetadata();
            assertThat(metadata.arn()).as(identifier).isEqualTo(arn);
            assertThat(metadata.keyId()).isEqualTo(id);
            assertThat(metadata.keyStateAsString()).isEqualTo("Enabled");
            assertThat(metadata.keySpecAsString()).isEqualTo("SYMMETRIC_DEFAULT");
        }
    }

    @Test
    void numberOfBytesAndWithoutPlaintext() {
        var key = kms.generateDataKey(r -> r.keyId(ALIAS).numberOfBytes(64));
        assertThat(key.plaintext().asByteArray()).hasSize(64);
        var blob = kms.generateDataKeyWithoutPlaintext(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_128)
                .encryptionContext(CONTEXT));
        assertThat(kms.decrypt(r -> r.ciphertextBlob(blob.ciphertextBlob()).encryptionContext(CONTEXT))
                .plaintext().asByteArray()).hasSize(16);
    }

    @Test
    void wrongOrMissingEncryptionContextIsInvalidCiphertext() {
        GenerateDataKeyResponse key = kms.generateDataKey(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_256)
                .encryptionContext(CONTEXT));
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(key.ciphertextBlob())
                .encryptionContext(Map.of("sip-credential", "bw#41#mallory"))))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(key.ciphertextBlob())))
                .isInstanceOf(InvalidCiphertextException.class);
        byte[] altered = key.ciphertextBlob().asByteArray();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(altered))
                .encryptionContext(CONTEXT))).isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("not a blob of ours"))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decryptWithAnotherKeyIdIsIncorrectKey() {
        String other = kms.createKey(r -> r.description("other")).keyMetadata().arn();
        var key = kms.generateDataKey(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
        assertThatThrownBy(() -> kms.decrypt(r -> r.keyId(other).ciphertextBlob(key.ciphertextBlob())
                .encryptionContext(CONTEXT))).isInstanceOf(IncorrectKeyException.class);
        assertThat(kms.decrypt(r -> r.keyId(server.keyArn()).ciphertextBlob(key.ciphertextBlob())
                .encryptionContext(CONTEXT)).plaintext()).isEqualTo(key.plaintext());
    }

    @Test
    void encryptAndDecrypt() {
        var sealed = kms.encrypt(r -> r.keyId(ALIAS).plaintext(SdkBytes.fromUtf8String("secret"))
                .encryptionContext(CONTEXT));
        assertThat(sealed.keyId()).isEqualTo(server.keyArn());
        assertThat(kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob()).encryptionContext(CONTEXT))
                .plaintext().asUtf8String()).isEqualTo("secret");
    }

    @Test
    void unknownKeysAndAliasesAreNotFound() {
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId("alias/nobody").keySpec(DataKeySpec.AES_256)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Alias arn:aws:kms:us-east-1:123456789012:alias/nobody is not found.");
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("0b0b0b0b-0000-4000-8000-000000000000")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Key 'arn:aws:kms:us-east-1:123456789012:key/0b0b0b0b-0000-4000-8000-000000000000' does not exist");
    }

    @Test
    void badSpecsAreValidationExceptions() {
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(ALIAS).keySpec("AES_512")))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(ALIAS)))
                .isInstanceOfSatisfying(KmsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_256).numberOfBytes(32)))
                .isInstanceOfSatisfying(KmsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> kms.generateDataKeyPair(r -> r.keyId(ALIAS).keyPairSpec("ECC_NIST_P999")))
                .isInstanceOfSatisfying(KmsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void dataKeyPairP256IsDerAndItsPrivateKeyDecryptsUnderTheSameContext() throws Exception {
        GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(r -> r.keyId(ALIAS)
                .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256).encryptionContext(CONTEXT));
        assertThat(pair.keyPairSpecAsString()).isEqualTo("ECC_NIST_P256");
        KeyFactory ec = KeyFactory.getInstance("EC");
        ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(pair.publicKey().asByteArray()));
        ECPrivateKey privateKey = (ECPrivateKey) ec.generatePrivate(
                new PKCS8EncodedKeySpec(pair.privateKeyPlaintext().asByteArray()));
        assertThat(publicKey.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();

        assertThat(kms.decrypt(r -> r.ciphertextBlob(pair.privateKeyCiphertextBlob()).encryptionContext(CONTEXT))
                .plaintext()).isEqualTo(pair.privateKeyPlaintext());
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(pair.privateKeyCiphertextBlob())))
                .isInstanceOf(InvalidCiphertextException.class);

        GenerateDataKeyPairWithoutPlaintextResponse blind = kms.generateDataKeyPairWithoutPlaintext(r -> r
                .keyId(ALIAS).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256).encryptionContext(CONTEXT));
        byte[] pkcs8 = kms.decrypt(r -> r.ciphertextBlob(blind.privateKeyCiphertextBlob()).encryptionContext(CONTEXT))
                .plaintext().asByteArray();
        assertThat(ec.generatePrivate(new PKCS8EncodedKeySpec(pkcs8))).isInstanceOf(ECPrivateKey.class);
        assertThat(ec.generatePublic(new X509EncodedKeySpec(blind.publicKey().asByteArray()))).isInstanceOf(ECPublicKey.class);
    }

    @Test
    void throttlingIsThrottlingExceptionAfterTheSdkRetriesAndEveryAttemptIsCounted() {
        server.setRateLimit(0);
        assertThatThrownBy(() -> kms.generateDataKey(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_256)))
                .isInstanceOfSatisfying(KmsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.numAttempts()).isEqualTo(3);
                });
        KmsServer.Counters counters = server.counters();
        assertThat(counters.throttled()).isEqualTo(3);
        assertThat(counters.calls("GenerateDataKey")).isEqualTo(3);
        assertThat(counters.toJson()).isEqualTo("{\"calls\":{\"GenerateDataKey\":3},\"throttled\":3}");

        server.setRateLimit(100);
        kms.generateDataKey(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_256));
        assertThat(server.counters().calls("GenerateDataKey")).isEqualTo(4);
        assertThat(server.counters().throttled()).isEqualTo(3);

        server.resetCounters();
        assertThat(server.counters().toJson()).isEqualTo("{\"calls\":{},\"throttled\":0}");
    }

    @Test
    void aliasesAreListedAndCreated() {
        String other = kms.createKey(r -> r.description("tenant key")).keyMetadata().keyId();
        kms.createAlias(r -> r.aliasName("alias/tenant-41").targetKeyId(other));
        assertThat(kms.listAliases().aliases()).extracting(AliasListEntry::aliasName)
                .containsExactly(ALIAS, "alias/tenant-41");
        assertThat(kms.listAliases(r -> r.keyId(other)).aliases()).extracting(AliasListEntry::targetKeyId)
                .containsExactly(other);
        assertThatThrownBy(() -> kms.createAlias(r -> r.aliasName("alias/tenant-41").targetKeyId(other)))
                .isInstanceOfSatisfying(KmsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExistsException"));
        assertThat(kms.describeKey(r -> r.keyId("alias/tenant-41")).keyMetadata().description()).isEqualTo("tenant key");
    }

    @Test
    void theSameMaterialAfterARestartOpensWhatWasSealedBefore() {
        var key = kms.generateDataKey(r -> r.keyId(ALIAS).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
        kms.close();
        server.close();
        server = KmsServer.start(KmsServer.options().persistentKey(MATERIAL, ALIAS));
        kms = client(server, RetryMode.STANDARD);
        assertThat(kms.decrypt(r -> r.ciphertextBlob(key.ciphertextBlob()).encryptionContext(CONTEXT)).plaintext())
                .isEqualTo(key.plaintext());

        byte[] otherMaterial = MATERIAL.clone();
        otherMaterial[0] = 8;
        try (KmsServer other = KmsServer.start(KmsServer.options().persistentKey(otherMaterial, ALIAS));
             KmsClient otherClient = client(other, RetryMode.STANDARD)) {
            assertThatThrownBy(() -> otherClient.decrypt(r -> r.ciphertextBlob(key.ciphertextBlob())
                    .encryptionContext(CONTEXT))).isInstanceOf(InvalidCiphertextException.class);
        }
    }

    @Test
    void unknownOperationsAndGetsAreRefusedWithoutATrace() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "TrentService.ScheduleKeyDeletion")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"__type\":\"UnknownOperationException\"}");
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "TrentService.Decrypt")
                .POST(HttpRequest.BodyPublishers.ofString("[1,")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("\"__type\":\"SerializationException\"").doesNotContain("at dev.");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(400);
    }
}

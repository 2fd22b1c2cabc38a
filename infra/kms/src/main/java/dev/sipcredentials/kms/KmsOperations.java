package dev.sipcredentials.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The KMS operations the functions call, with the request and response members of the KMS API Reference: one method
 * per operation, JSON in, JSON out, {@link KmsException} for KMS's errors.
 */
final class KmsOperations {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    private static final List<String> DATA_KEY_SPECS = List.of("AES_256", "AES_128");
    private static final List<String> KEY_PAIR_SPECS = List.of("RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
            "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2");
    private static final int MAX_CIPHERTEXT_BYTES = 6144;
    private static final int MAX_PLAINTEXT_BYTES = 4096;

    private final KeyRing keys;
    private final Map<String, Function<JsonNode, ObjectNode>> operations = new LinkedHashMap<>();

    KmsOperations(KeyRing keys) {
        this.keys = keys;
        operations.put("GenerateDataKey", r -> generateDataKey(r, true));
        operations.put("GenerateDataKeyWithoutPlaintext", r -> generateDataKey(r, false));
        operations.put("GenerateDataKeyPair", r -> generateDataKeyPair(r, true));
        operations.put("GenerateDataKeyPairWithoutPlaintext", r -> generateDataKeyPair(r, false));
        operations.put("Encrypt", this::encrypt);
        operations.put("Decrypt", this::decrypt);
        operations.put("DescribeKey", this::describeKey);
        operations.put("CreateKey", this::createKey);
        operations.put("CreateAlias", this::createAlias);
        operations.put("ListAliases", this::listAliases);
    }

    /** The operation of this name, or null when the endpoint does not offer it. */
    Function<JsonNode, ObjectNode> get(String operation) {
        return operations.get(operation);
    }

    private ObjectNode generateDataKey(JsonNode request, boolean withPlaintext) {
        KeyRing.Key key = keys.resolve(text(request, "KeyId"), "keyId");
        String spec = text(request, "KeySpec");
        JsonNode numberNode = request.get("NumberOfBytes");
        int bytes;
        if (spec != null && numberNode != null && !numberNode.isNull()) {
            throw new KmsException(KmsException.VALIDATION, "Please specify either number of bytes or key spec.");
        } else if (spec != null) {
            if (!DATA_KEY_SPECS.contains(spec)) {
                throw KmsException.invalid("keySpec", spec, "satisfy enum value set: " + DATA_KEY_SPECS);
            }
            bytes = spec.equals("AES_256") ? 32 : 16;
        } else if (numberNode != null && !numberNode.isNull()) {
            if (!numberNode.isInt() || numberNode.asInt() < 1 || numberNode.asInt() > 1024) {
                throw KmsException.invalid("numberOfBytes", numberNode.asText(), "have value less than or equal to 1024");
            }
            bytes = numberNode.asInt();
        } else {
            throw new KmsException(KmsException.VALIDATION, "Please specify either number of bytes or key spec.");
        }
        Map<String, String> context = context(request);
        byte[] plaintext = new byte[bytes];
        RANDOM.nextBytes(plaintext);
        ObjectNode response = JSON.createObjectNode();
        response.put("CiphertextBlob", keys.seal(key, plaintext, context));
        if (withPlaintext) {
            response.put("Plaintext", plaintext);
        }
        response.put("KeyId", key.arn());
        return response;
    }

    private ObjectNode generateDataKeyPair(JsonNode request, boolean withPlaintext) {
        KeyRing.Key key = keys.resolve(text(request, "KeyId"), "keyId");
        String spec = text(request, "KeyPairSpec");
        if (spec == null) {
            throw KmsException.invalid("keyPairSpec", null, "not be null");
        }
        if (!KEY_PAIR_SPECS.contains(spec)) {
            throw KmsException.invalid("keyPairSpec", spec, "satisfy enum value set: " + KEY_PAIR_SPECS);
        }
        Map<String, String> context = context(request);
        KeyPair pair = keyPair(spec);
        byte[] privateKey = pair.getPrivate().getEncoded(); // DER PKCS#8
        ObjectNode response = JSON.createObjectNode();
        response.put("PrivateKeyCiphertextBlob", keys.seal(key, privateKey, context));
        if (withPlaintext) {
            response.put("PrivateKeyPlaintext", privateKey);
        }
        response.put("PublicKey", pair.getPublic().getEncoded()); // DER SubjectPublicKeyInfo
        response.put("KeyId", key.arn());
        response.put("KeyPairSpec", spec);
        return response;
    }

    private static KeyPair keyPair(String spec) {
        try {
            KeyPairGenerator generator;
            switch (spec) {
                case "RSA_2048", "RSA_3072", "RSA_4096" -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(Integer.parseInt(spec.substring(4)),
                            RSAKeyGenParameterSpec.F4), RANDOM);
                }
                case "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521" -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp" + spec.substring("ECC_NIST_P".length()) + "r1"),
                            RANDOM);
                }
                default -> throw new KmsException("UnsupportedOperationException",
                        "KeyPairSpec " + spec + " is not supported by this local endpoint.");
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KmsException(KmsException.INTERNAL, "The request failed due to an internal error.");
        }
    }

    private ObjectNode encrypt(JsonNode request) {
        KeyRing.Key key = keys.resolve(text(request, "KeyId"), "keyId");
        byte[] plaintext = blob(request, "Plaintext", "plaintext", MAX_PLAINTEXT_BYTES);
        algorithm(request);
        ObjectNode response = JSON.createObjectNode();
        response.put("CiphertextBlob", keys.seal(key, plaintext, context(request)));
        response.put("KeyId", key.arn());
        response.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
        return response;
    }

    private ObjectNode decrypt(JsonNode request) {
        byte[] blob = blob(request, "CiphertextBlob", "ciphertextBlob", MAX_CIPHERTEXT_BYTES);
        String keyId = text(request, "KeyId");
        KeyRing.Key named = keyId == null ? null : keys.resolve(keyId, "keyId");
        algorithm(request);
        KeyRing.Opened opened;
        try {
            opened = keys.open(blob, context(request));
        } catch (KmsException e) {
            if (named != null && KmsException.INVALID_CIPHERTEXT.equals(e.type()) && !namesKey(blob, named)) {
                throw incorrectKey();
            }
            throw e;
        }
        if (named != null && !named.id().equals(opened.key().id())) {
            throw incorrectKey();
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("KeyId", opened.key().arn());
        response.put("Plaintext", opened.plaintext());
        response.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
        return response;
    }

    private static boolean namesKey(byte[] blob, KeyRing.Key key) {
        byte[] id = key.id().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (blob.length < 2 + id.length || (blob[1] & 0xFF) != id.length) {
            return false;
        }
        return java.util.Arrays.equals(blob, 2, 2 + id.length, id, 0, id.length);
    }

    private static KmsException incorrectKey() {
        return new KmsException(KmsException.INCORRECT_KEY,
                "The key ID in the request does not identify a CMK that can perform this operation.");
    }

    private ObjectNode describeKey(JsonNode request) {
        KeyRing.Key key = keys.resolve(text(request, "KeyId"), "keyId");
        ObjectNode response = JSON.createObjectNode();
        response.set("KeyMetadata", metadata(key));
        return response;
    }

    private ObjectNode createKey(JsonNode request) {
        String spec = text(request, "KeySpec");
        if (spec != null && !spec.equals(SYMMETRIC_DEFAULT)) {
            throw new KmsException("UnsupportedOperationException",
                    "KeySpec " + spec + " is not supported by this local endpoint; only SYMMETRIC_DEFAULT.");
        }
        String usage = text(request, "KeyUsage");
        if (usage != null && !usage.equals("ENCRYPT_DECRYPT")) {
            throw new KmsException("UnsupportedOperationException",
                    "KeyUsage " + usage + " is not supported by this local endpoint; only ENCRYPT_DECRYPT.");
        }
        String description = text(request, "Description");
        if (description != null && description.length() > 8192) {
            throw KmsException.invalid("description", "...", "have length less than or equal to 8192");
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("KeyMetadata", metadata(keys.create(description)));
        return response;
    }

    private ObjectNode createAlias(JsonNode request) {
        keys.alias(text(request, "AliasName"), text(request, "TargetKeyId"));
        return JSON.createObjectNode();
    }

    private ObjectNode listAliases(JsonNode request) {
        String keyId = text(request, "KeyId");
        String only = keyId == null ? null : keys.resolve(keyId, "keyId").id();
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putArray("Aliases");
        for (KeyRing.Alias alias : keys.aliases()) {
            if (only == null || only.equals(alias.targetKeyId())) {
                ObjectNode a = list.addObject();
                a.put("AliasName", alias.name());
                a.put("AliasArn", alias.arn());
                a.put("TargetKeyId", alias.targetKeyId());
                a.put("CreationDate", alias.creationEpochSeconds());
                a.put("LastUpdatedDate", alias.creationEpochSeconds());
            }
        }
        response.put("Truncated", false);
        return response;
    }

    private ObjectNode metadata(KeyRing.Key key) {
        ObjectNode m = JSON.createObjectNode();
        m.put("AWSAccountId", keys.account());
        m.put("KeyId", key.id());
        m.put("Arn", key.arn());
        m.put("CreationDate", key.creationEpochSeconds());
        m.put("Enabled", true);
        m.put("Description", key.description());
        m.put("KeyUsage", "ENCRYPT_DECRYPT");
        m.put("KeyState", "Enabled");
        m.put("Origin", "AWS_KMS");
        m.put("KeyManager", "CUSTOMER");
        m.put("CustomerMasterKeySpec", SYMMETRIC_DEFAULT);
        m.put("KeySpec", SYMMETRIC_DEFAULT);
        m.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
        m.put("MultiRegion", false);
        return m;
    }

    private static void algorithm(JsonNode request) {
        String algorithm = text(request, "EncryptionAlgorithm");
        if (algorithm != null && !algorithm.equals(SYMMETRIC_DEFAULT)) {
            throw new KmsException(KmsException.INVALID_KEY_USAGE,
                    "The encryption algorithm " + algorithm + " is not supported by a symmetric key.");
        }
    }

    private static String text(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new KmsException(KmsException.SERIALIZATION, "STRING_VALUE can not be converted to " + member);
        }
        return value.asText();
    }

    private static byte[] blob(JsonNode request, String member, String name, int max) {
        String encoded = text(request, member);
        if (encoded == null) {
            throw KmsException.invalid(name, null, "not be null");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new KmsException(KmsException.SERIALIZATION, "Base64 encoded " + member + " could not be decoded");
        }
        if (bytes.length < 1 || bytes.length > max) {
            throw KmsException.invalid(name, "java.nio.HeapByteBuffer", "have length between 1 and " + max);
        }
        return bytes;
    }

    /** EncryptionContext: a map of strings to strings (absent: empty). */
    private static Map<String, String> context(JsonNode request) {
        JsonNode node = request.get("EncryptionContext");
        Map<String, String> context = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return context;
        }
        if (!node.isObject()) {
            throw new KmsException(KmsException.SERIALIZATION, "EncryptionContext must be a map of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new KmsException(KmsException.SERIALIZATION, "EncryptionContext must be a map of strings");
            }
            context.put(e.getKey(), e.getValue().asText());
        }
        return context;
    }
}

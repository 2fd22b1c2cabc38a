package dev.sipcredentials.store;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Items as the store wrote them before the item classes became records (captured from the store's own requests by
 * {@code ItemFixturesCapture}), one attribute a line: {@code name<TAB>S|N|B<TAB>value} (B in base64). Their
 * sealed fields open with {@link #MASTER_KEY}.
 */
final class ItemFixtures {
    /** The local master key the captured items were sealed under. */
    static final byte[] MASTER_KEY = "fixture-master-key-32-bytes-long".getBytes(StandardCharsets.US_ASCII);

    private ItemFixtures() {
    }

    static Map<String, AttributeValue> read(String name) {
        try (InputStream in = ItemFixtures.class.getResourceAsStream("fixtures/" + name + ".item")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                item.put(parts[0], switch (parts[1]) {
                    case "S" -> AttributeValue.fromS(parts[2]);
                    case "N" -> AttributeValue.fromN(parts[2]);
                    case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(parts[2])));
                    default -> throw new IllegalArgumentException(line);
                });
            }
            return item;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path directory, String name, Map<String, AttributeValue> item) throws IOException {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(item).forEach((attribute, value) -> {
            text.append(attribute).append('\t');
            if (value.s() != null) {
                text.append("S\t").append(value.s());
            } else if (value.n() != null) {
                text.append("N\t").append(value.n());
            } else if (value.b() != null) {
                text.append("B\t").append(Base64.getEncoder().encodeToString(value.b().asByteArray()));
            } else {
                throw new IllegalArgumentException("unexpected type of " + attribute);
            }
            text.append('\n');
        });
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name + ".item"), text, StandardCharsets.UTF_8);
    }
}

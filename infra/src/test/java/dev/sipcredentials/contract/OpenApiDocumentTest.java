package dev.sipcredentials.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipcredentials.bandwidth.BandwidthError;
import dev.sipcredentials.local.SamTemplate;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The published document against template.yaml (its routes) and the code (the codes it answers with). */
class OpenApiDocumentTest {

    private static final JsonNode DOCUMENT = ContractValidator.instance().document();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static SamTemplate template() {
        return SamTemplate.parse(Path.of(System.getProperty("templateFile", "../template.yaml")));
    }

    @Test
    void pathsAndMethodsEqualTemplateRoutesEachWithItsFunction() {
        Map<String, String> templateRoutes = new TreeMap<>();
        for (SamTemplate.Function function : template().functions()) {
            for (SamTemplate.HttpApiEvent event : function.httpApiEvents()) {
                templateRoutes.put(event.routeKey(), function.logicalId());
            }
        }
        Map<String, String> documentRoutes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = DOCUMENT.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    documentRoutes.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue().path("x-function").asText());
                }
            }
        }

        assertThat(templateRoutes).isNotEmpty();
        assertThat(documentRoutes).isEqualTo(templateRoutes);
    }

    @Test
    void everyOperationNeedsTheBearerTokenAndDocumentsTheGatewaysUnauthorized() {
        assertThat(DOCUMENT.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(DOCUMENT.at("/security/0").has("bearerJwt")).isTrue();
        assertThat(DOCUMENT.at("/components/securitySchemes/bearerJwt/scheme").asText()).isEqualTo("bearer");
        DOCUMENT.path("paths").forEach(path -> path.fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                assertThat(op.getValue().has("security")).as("no operation opts out of the JWT").isFalse();
                assertThat(op.getValue().at("/responses/401/$ref").asText()).isEqualTo("#/components/responses/Unauthorized");
            }
        }));
    }

    @Test
    void xmlCodesInTheDocumentAndTheXsdAreExactlyThoseTheXmlApiAnswersWith() throws Exception {
        Set<Integer> code = Arrays.stream(BandwidthError.values()).map(BandwidthError::code)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> documented = new TreeSet<>();
        collectEnums(DOCUMENT.path("components").path("schemas"), "ErrorCode", documented, JsonNode::asInt);
        assertThat(documented).isEqualTo(code);

        Set<Integer> inXsd = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream(ContractValidator.XSD_RESOURCE)) {
            Matcher m = Pattern.compile("<xs:enumeration value=\"(\\d+)\"/>").matcher(new String(in.readAllBytes()));
            while (m.find()) {
                inXsd.add(Integer.parseInt(m.group(1)));
            }
        }
        assertThat(inXsd).isEqualTo(code);
    }

    @Test
    void jsonCodesInTheDocumentAreExactlyThoseTheJsonApiAnswersWith() throws Exception {
        // DeepslateError is package-private in functions; its constants are what the wire's `code` field carries.
        Object[] constants = Class.forName("dev.sipcredentials.deepslate.DeepslateError").getEnumConstants();
        Set<String> code = Arrays.stream(constants).map(c -> ((Enum<?>) c).name())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        DOCUMENT.at("/components/schemas/DeepslateFailure/properties/code/enum").forEach(n -> documented.add(n.asText()));
        assertThat(documented).isEqualTo(code);
    }

    @Test
    void everyXmlMediaTypeNamesAnElementOfTheXsd() throws Exception {
        String xsd;
        try (InputStream in = getClass().getResourceAsStream(ContractValidator.XSD_RESOURCE)) {
            xsd = new String(in.readAllBytes());
        }
        Set<String> named = new TreeSet<>();
        collectValues(DOCUMENT.path("paths"), "x-xsd-element", named);
        assertThat(named).containsExactlyInAnyOrder("SipCredentials", "SipCredentialsResponse", "SipCredential",
                "SipCredentialResponse");
        for (String element : named) {
            assertThat(xsd).contains("<xs:element name=\"" + element + "\"");
        }
        for (String element : Set.of("SipCredentials", "SipCredentialsResponse", "SipCredentialResponse", "SipCredential")) {
            assertThat(xsd).contains("<xs:element name=\"" + element + "\"");
        }
    }

    private static <T> void collectEnums(JsonNode node, String property, Set<T> into,
            java.util.function.Function<JsonNode, T> value) {
        if (node.isObject()) {
            JsonNode named = node.path("properties").path(property).path("enum");
            named.forEach(n -> into.add(value.apply(n)));
            node.elements().forEachRemaining(child -> collectEnums(child, property, into, value));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectEnums(child, property, into, value));
        }
    }

    private static void collectValues(JsonNode node, String field, Set<String> into) {
        if (node.isObject()) {
            if (node.has(field)) {
                into.add(node.get(field).asText());
            }
            node.elements().forEachRemaining(child -> collectValues(child, field, into));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectValues(child, field, into));
        }
    }
}

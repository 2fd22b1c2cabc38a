package dev.sipcredentials.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator itself: it passes what the APIs send and refuses what they must not. */
class ContractValidatorTest {

    private static final ContractValidator CONTRACT = ContractValidator.instance();
    private static final String XML_PATH = "/accounts/41/sipcredentials";
    private static final String JSON_PATH =
            "/api/v1/vendors/3f1c2a9e-0b7d-4c6e-9a51-2d8e4b7f6a10/organizations/8b2e6d4a-1c3f-4e5a-b7d9-0f6a2c8e4b13/sip/credentials";
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    private static final String CREATED = DECLARATION + "<SipCredentialsResponse><ValidSipCredentials><SipCredential>"
            + "<UserName>John</UserName><Domain>bw.com</Domain><Hash1>1g32gadgs433dd4</Hash1></SipCredential>"
            + "</ValidSipCredentials></SipCredentialsResponse>";
    private static final String JSON_CREATED = "{\"success\":true,\"timestamp\":\"2026-11-22T14:23:30Z\","
            + "\"message\":\"SIP credentials created successfully\",\"data\":{\"id\":\"5a0c9a52-1f0e-4b8e-9d7e-0f6f4f5a2b11\","
            + "\"hostname\":\"sipconnect.sipgate.de\",\"port\":5060,\"username\":\"agent001\",\"maxAgentTasks\":10},"
            + "\"traceId\":\"Ds1SeedReqId0001=\"}";

    private static ContractValidator.Observed xml(int status, String body) {
        return new ContractValidator.Observed("POST", XML_PATH, status,
                Map.of("Content-Type", "application/xml", "X-Request-Id", "r1", "Retry-After", "1"), body);
    }

    private static ContractValidator.Observed json(int status, String body) {
        return new ContractValidator.Observed("POST", JSON_PATH, status,
                Map.of("content-type", "application/json", "x-request-id", "r1"), body);
    }

    @Test
    void documentedAnswersPass() {
        assertThat(CONTRACT.violations(xml(201, CREATED))).isEmpty();
        assertThat(CONTRACT.violations(json(201, JSON_CREATED))).isEmpty();
        assertThat(CONTRACT.violations(xml(400, DECLARATION + "<SipCredentialsResponse><ResponseStatus><Description>Please "
                + "check your input parameters.</Description></ResponseStatus><Errors><Error><ErrorCode>23009</ErrorCode>"
                + "<Description>d</Description><SipCredential><UserName>Bill</UserName></SipCredential></Error><Error>"
                + "<ErrorCode>1003</ErrorCode><Description>UserName is required</Description><SipCredential/></Error></Errors>"
                + "</SipCredentialsResponse>"))).isEmpty();
        assertThat(CONTRACT.violations(new ContractValidator.Observed("POST", XML_PATH, 401,
                Map.of("Content-Type", "application/json", "www-authenticate", "Bearer scope=\"\" error=\"invalid_token\""),
                "{\"message\":\"Unauthorized\"}"))).isEmpty();
        assertThat(CONTRACT.violations(new ContractValidator.Observed("POST", "/nowhere", 404, Map.of(),
                "{\"message\":\"Not Found\"}"))).isEmpty();
    }

    @Test
    void aCodeOfAnotherStatusIsRefused() {
        String forbidden = DECLARATION + "<SipCredentialsResponse><ResponseStatus><ErrorCode>1200</ErrorCode>"
                + "<Description>x</Description></ResponseStatus></SipCredentialsResponse>";
        assertThat(CONTRACT.violations(xml(403, forbidden))).isEmpty();
        assertThat(CONTRACT.violations(xml(409, forbidden))).anyMatch(p -> p.contains("ErrorCode"));
        assertThat(CONTRACT.violations(json(409, JSON_CREATED.replace("\"success\":true", "\"success\":false"))))
                .isNotEmpty();
    }

    @Test
    void xmlThatBreaksTheXsdIsRefused() {
        String misplaced = CREATED.replace("<ValidSipCredentials>", "<ValidSipCredentials><Surprise/>");
        assertThat(CONTRACT.violations(xml(201, misplaced))).anyMatch(p -> p.contains("sipcredentials.xsd"));
        String unknownCode = DECLARATION + "<SipCredentialsResponse><ResponseStatus><ErrorCode>4242</ErrorCode>"
                + "<Description>x</Description></ResponseStatus></SipCredentialsResponse>";
        assertThat(CONTRACT.violations(xml(403, unknownCode))).anyMatch(p -> p.contains("sipcredentials.xsd"));
        assertThat(CONTRACT.violations(xml(201, CREATED.replace(DECLARATION, "")))).isNotEmpty();
    }

    @Test
    void jsonThatBreaksItsSchemaIsRefused() {
        assertThat(CONTRACT.violations(json(201, JSON_CREATED.replace(",\"traceId\":\"Ds1SeedReqId0001=\"", ""))))
                .anyMatch(p -> p.contains("traceId"));
        assertThat(CONTRACT.violations(json(201, JSON_CREATED.replace("\"maxAgentTasks\":10",
                "\"maxAgentTasks\":10,\"password\":\"strong-password\"")))).anyMatch(p -> p.contains("password"));
    }

    @Test
    void undocumentedStatusesMediaTypesAndMissingHeadersAreRefused() {
        assertThat(CONTRACT.violations(xml(418, CREATED))).anyMatch(p -> p.contains("418"));
        assertThat(CONTRACT.violations(new ContractValidator.Observed("POST", XML_PATH, 201,
                Map.of("Content-Type", "text/html", "X-Request-Id", "r"), CREATED))).anyMatch(p -> p.contains("text/html"));
        assertThat(CONTRACT.violations(new ContractValidator.Observed("POST", XML_PATH, 201,
                Map.of("Content-Type", "application/xml"), CREATED))).anyMatch(p -> p.contains("X-Request-Id"));
        assertThat(CONTRACT.violations(new ContractValidator.Observed("POST", XML_PATH, 503,
                Map.of("Content-Type", "application/xml", "X-Request-Id", "r"), CREATED))).anyMatch(p -> p.contains("Retry-After"));
        assertThat(CONTRACT.violations(new ContractValidator.Observed("GET", "/nowhere", 500, Map.of(), ""))).isNotEmpty();
    }
}

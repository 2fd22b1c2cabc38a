package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteTable routes(String... methodAndPath) {
        StringBuilder yaml = new StringBuilder("Resources:\n");
        for (int i = 0; i < methodAndPath.length; i++) {
            String[] parts = methodAndPath[i].split(" ", 2);
            yaml.append("  Fn").append(i).append(":\n")
                    .append("    Type: AWS::Serverless::Function\n")
                    .append("    Properties:\n")
                    .append("      Handler: x.Handler::handle\n")
                    .append("      Events:\n")
                    .append("        E:\n")
                    .append("          Type: HttpApi\n");
            if (!parts[0].equals("$default")) {
                yaml.append("          Properties: {Method: ").append(parts[0]).append(", Path: '").append(parts[1])
                        .append("'}\n");
            }
        }
        return RouteTable.from(SamTemplate.parse(yaml.toString()));
    }

    private static String chosen(RouteTable table, String method, String path) {
        return table.match(method, path).map(m -> m.route().routeKey()).orElse("none");
    }

    @Test
    void matchesTheProjectRoutesWithTheirPathParameters() {
        RouteTable table = RouteTable.from(SamTemplate.parse(TestTemplates.project()));

        Optional<RouteTable.Match> bandwidth = table.match("POST", "/accounts/41/sipcredentials");
        assertThat(bandwidth).get().satisfies(m -> {
            assertThat(m.route().functionId()).isEqualTo("BandwidthSipCredentialsFunction");
            assertThat(m.pathParameters()).isEqualTo(Map.of("accountId", "41"));
        });
        Optional<RouteTable.Match> deepslate =
                table.match("POST", "/api/v1/vendors/v-1/organizations/o-2/sip/credentials");
        assertThat(deepslate).get().satisfies(m -> {
            assertThat(m.route().functionId()).isEqualTo("DeepslateSipCredentialsFunction");
            assertThat(m.pathParameters()).containsExactly(Map.entry("vendorId", "v-1"), Map.entry("organizationId", "o-2"));
        });
    }

    @Test
    void unknownPathsWrongMethodsAndPartialPathsDoNotMatch() {
        RouteTable table = RouteTable.from(SamTemplate.parse(TestTemplates.project()));

        assertThat(table.match("PATCH", "/accounts/41/sipcredentials")).isEmpty();
        assertThat(table.match("POST", "/accounts/41")).isEmpty();
        assertThat(table.match("POST", "/accounts/41/sipcredentials/extra")).isEmpty();
        assertThat(table.match("POST", "/accounts//sipcredentials")).isEmpty();
        assertThat(table.match("POST", "/accounts/41/sipcredentials/")).isEmpty();
        assertThat(table.match("POST", "/")).isEmpty();
    }

    @Test
    void prefersExactOverVariableOverGreedyOverDefault() {
        RouteTable table = routes("GET /pets/dog", "GET /pets/{id}", "GET /pets/{proxy+}", "$default");

        assertThat(chosen(table, "GET", "/pets/dog")).isEqualTo("GET /pets/dog");
        assertThat(chosen(table, "GET", "/pets/cat")).isEqualTo("GET /pets/{id}");
        assertThat(chosen(table, "GET", "/pets/cat/toys")).isEqualTo("GET /pets/{proxy+}");
        assertThat(chosen(table, "GET", "/pets")).isEqualTo("$default");
        assertThat(chosen(table, "DELETE", "/anything/else")).isEqualTo("$default");
    }

    @Test
    void prefersAMethodRouteOverAnyOnTheSamePath() {
        RouteTable table = routes("ANY /things/{id}", "PUT /things/{id}");

        assertThat(chosen(table, "PUT", "/things/1")).isEqualTo("PUT /things/{id}");
        assertThat(chosen(table, "PATCH", "/things/1")).isEqualTo("ANY /things/{id}");
    }

    @Test
    void greedyVariableTakesTheDecodedRestOfThePathAndNeedsAtLeastOneSegment() {
        RouteTable table = routes("GET /files/{proxy+}");

        assertThat(table.match("GET", "/files/a/b%20c/d")).get()
                .extracting(RouteTable.Match::pathParameters).isEqualTo(Map.of("proxy", "a/b c/d"));
        assertThat(table.match("GET", "/files")).isEmpty();
    }

    @Test
    void pathParametersAreUrlDecodedButPlusStaysAPlus() {
        RouteTable table = routes("POST /accounts/{accountId}/sipcredentials");

        assertThat(table.match("POST", "/accounts/a%2Fb+c%40d/sipcredentials")).get()
                .extracting(RouteTable.Match::pathParameters).isEqualTo(Map.of("accountId", "a/b+c@d"));
    }

    @Test
    void refusesDuplicateRoutesAndAGreedyVariableThatIsNotLast() {
        assertThatThrownBy(() -> routes("GET /a", "GET /a")).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> routes("GET /a/{proxy+}/b")).hasMessageContaining("Greedy");
    }
}

package dev.sipcredentials.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpApiResponseTest {

    @Test
    void translatesAStructuredResponse() throws Exception {
        HttpApiResponse response = HttpApiResponse.fromLambdaOutput("{\"statusCode\":201,"
                + "\"headers\":{\"Content-Type\":\"application/xml\",\"X-Count\":3},"
                + "\"multiValueHeaders\":{\"X-Multi\":[\"a\",\"b\"]},"
                + "\"cookies\":[\"c1=v1; Path=/\",\"c2=v2\"],"
                + "\"body\":\"<ok/>\",\"isBase64Encoded\":false}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.bodyAsString()).isEqualTo("<ok/>");
        assertThat(response.headers()).containsExactly(
                Map.entry("Content-Type", "application/xml"),
                Map.entry("X-Count", "3"),
                Map.entry("X-Multi", "a"),
                Map.entry("X-Multi", "b"),
                Map.entry("Set-Cookie", "c1=v1; Path=/"),
                Map.entry("Set-Cookie", "c2=v2"));
    }

    @Test
    void decodesABase64Body() throws Exception {
        HttpApiResponse response =
                HttpApiResponse.fromLambdaOutput("{\"statusCode\":200,\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}");

        assertThat(response.body()).containsExactly(0, 1, 2, 0xff);
    }

    @Test
    void acceptsNullFieldsAsTheJavaEventsLibraryWritesThem() throws Exception {
        HttpApiResponse response = HttpApiResponse.fromLambdaOutput("{\"statusCode\":204,\"headers\":null,"
                + "\"multiValueHeaders\":null,\"cookies\":null,\"body\":null,\"isBase64Encoded\":false}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers()).isEmpty();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void infersA200JsonResponseWhenThereIsNoStatusCode() throws Exception {
        HttpApiResponse response = HttpApiResponse.fromLambdaOutput("{\"hello\":\"world\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers()).containsExactly(Map.entry("Content-Type", "application/json"));
        assertThat(response.bodyAsString()).isEqualTo("{\"hello\":\"world\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "",
            "{\"statusCode\":0}",
            "{\"statusCode\":600}",
            "{\"statusCode\":\"abc\"}",
            "{\"statusCode\":200.5}",
            "{\"statusCode\":200,\"body\":42}",
            "{\"statusCode\":200,\"headers\":[1]}",
            "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"
    })
    void refusesGarbage(String output) {
        assertThatThrownBy(() -> HttpApiResponse.fromLambdaOutput(output))
                .isInstanceOf(HttpApiResponse.MalformedLambdaResponse.class);
    }

    @Test
    void apiGatewaysOwnAnswersHaveItsExactBodies() {
        assertThat(HttpApiResponse.notFound().statusCode()).isEqualTo(404);
        assertThat(HttpApiResponse.notFound().bodyAsString()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(HttpApiResponse.internalServerError().statusCode()).isEqualTo(500);
        assertThat(HttpApiResponse.internalServerError().bodyAsString())
                .isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(HttpApiResponse.requestEntityTooLarge().statusCode()).isEqualTo(413);
        assertThat(HttpApiResponse.requestEntityTooLarge().bodyAsString())
                .isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(HttpApiResponse.serviceUnavailable().statusCode()).isEqualTo(503);
    }
}

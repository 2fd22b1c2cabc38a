package dev.sipcredentials.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * One request a route primes itself with before the SnapStart snapshot ({@link Route#prime}), and the status it
 * answers when the pipeline takes the path it is meant to warm.
 *
 * @param base64 send the body base64-encoded with isBase64Encoded set (as API Gateway does for binary bodies)
 */
public record PrimingRequest(String routeKey, Map<String, String> pathParameters, String contentType, String body,
                             boolean base64, int expectedStatus) {
    private static final String REQUEST_ID = "snapstart-priming";

    APIGatewayV2HTTPEvent event(Map<String, String> claims) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        String encoded = body == null || !base64 ? body
                : Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withHeaders(headers)
                .withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build())
                                .build())
                        .withRequestId(REQUEST_ID)
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .build())
                .withBody(encoded)
                .withIsBase64Encoded(base64)
                .build();
    }
}

package dev.sipcredentials.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A payload 2.0 event as API Gateway passes it once its JWT authorizer has granted the tenant in the path, for
 * calling a handler with no API Gateway in front: SnapStart priming, the benchmarks and the tests.
 */
public final class GrantedEvents {
    private GrantedEvents() {
    }

    /**
     * @param contentType null for a request without a Content-Type header
     * @param base64      send {@code body} base64-encoded, with isBase64Encoded set
     */
    public static APIGatewayV2HTTPEvent post(String routeKey, String path, Map<String, String> pathParameters,
                                             String contentType, String body, boolean base64, String requestId) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withHeaders(headers)
                .withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(Claims.authorizerGrantingPathTenant(pathParameters))
                        .withRequestId(requestId)
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .build())
                .withBody(base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
                .withIsBase64Encoded(base64)
                .build();
    }
}

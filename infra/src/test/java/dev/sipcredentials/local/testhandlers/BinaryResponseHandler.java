package dev.sipcredentials.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test handler returning a base64 body, cookies and multi-value headers. */
public class BinaryResponseHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final byte[] BYTES = {0, 1, 2, (byte) 0xff};

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(202)
                .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                .withMultiValueHeaders(Map.of("X-Multi", List.of("a", "b")))
                .withCookies(List.of("c1=v1; Path=/", "c2=v2"))
                .withBody(Base64.getEncoder().encodeToString(BYTES))
                .withIsBase64Encoded(true)
                .build();
    }
}

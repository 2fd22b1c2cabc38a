package dev.sipcredentials.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test handler: answers with what it received, so tests can see the event the local API Gateway built. */
public class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Static state, to show that every LocalStack gets fresh handler classes (as every Lambda gets its own JVM).
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final String TABLE_NAME_AT_CLASS_INIT = System.getProperty("TABLE_NAME");

    private final int instanceNumber;

    public EchoHandler() {
        instanceNumber = INSTANCES.incrementAndGet();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        byte[] body = event.getBody() == null
                ? new byte[0]
                : event.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(event.getBody())
                        : event.getBody().getBytes(StandardCharsets.UTF_8);
        ObjectNode out = JSON.createObjectNode();
        out.put("version", event.getVersion());
        out.put("routeKey", event.getRouteKey());
        out.put("rawPath", event.getRawPath());
        out.put("rawQueryString", event.getRawQueryString());
        out.putPOJO("cookies", event.getCookies());
        out.putPOJO("headers", event.getHeaders());
        out.putPOJO("queryStringParameters", event.getQueryStringParameters());
        out.putPOJO("pathParameters", event.getPathParameters());
        out.put("isBase64Encoded", event.getIsBase64Encoded());
        out.put("body", event.getBody());
        out.put("decodedBody", new String(body, StandardCharsets.UTF_8));
        out.put("decodedBodyLength", body.length);
        APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
        ObjectNode requestContext = out.putObject("requestContext");
        requestContext.put("accountId", rc.getAccountId());
        requestContext.put("apiId", rc.getApiId());
        requestContext.put("domainName", rc.getDomainName());
        requestContext.put("domainPrefix", rc.getDomainPrefix());
        requestContext.put("requestId", rc.getRequestId());
        requestContext.put("routeKey", rc.getRouteKey());
        requestContext.put("stage", rc.getStage());
        requestContext.put("time", rc.getTime());
        requestContext.put("timeEpoch", rc.getTimeEpoch());
        requestContext.put("method", rc.getHttp().getMethod());
        requestContext.put("path", rc.getHttp().getPath());
        requestContext.put("protocol", rc.getHttp().getProtocol());
        requestContext.put("sourceIp", rc.getHttp().getSourceIp());
        requestContext.put("userAgent", rc.getHttp().getUserAgent());
        ObjectNode ctx = out.putObject("context");
        ctx.put("awsRequestId", context.getAwsRequestId());
        ctx.put("functionName", context.getFunctionName());
        ctx.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        ctx.put("memoryLimitInMB", context.getMemoryLimitInMB());
        ObjectNode config = out.putObject("config");
        for (String name : new String[] {"TABLE_NAME", "DYNAMODB_ENDPOINT", "AWS_REGION", "EXTRA_SETTING"}) {
            config.put(name, System.getProperty(name));
        }
        config.put("tableNameAtClassInit", TABLE_NAME_AT_CLASS_INIT);
        config.put("instanceNumber", instanceNumber);
        config.put("classLoader", getClass().getClassLoader().getName());
        context.getLogger().log("echo handled " + event.getRawPath());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(out.toString())
                .build();
    }
}

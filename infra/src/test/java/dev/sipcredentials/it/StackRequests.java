package dev.sipcredentials.it;

import dev.sipcredentials.contract.ContractValidator;
import dev.sipcredentials.local.LocalStack;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to the local stack over HTTP as a client granted the path's tenant sends them, answers checked by the contract. */
final class StackRequests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StackRequests() {
    }

    /**
     * @param contentType null for a request without a Content-Type header
     * @param body        null for a request without a body
     * @param headers     more headers, as name, value, name, value...
     */
    static HttpResponse<String> send(LocalStack stack, String method, String pathAndQuery, String contentType,
                                     String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.baseUrl().resolve(pathAndQuery))
                .header("Authorization", "Bearer " + Tokens.forPath(stack, pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return ContractValidator.check(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }
}

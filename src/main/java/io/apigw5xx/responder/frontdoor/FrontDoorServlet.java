package io.apigw5xx.responder.frontdoor;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.serverless.proxy.model.HttpApiV2AuthorizerMap;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequestContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.handler.InvocationLog;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Turns a servlet request into an {@link HttpCall} for the {@link FrontDoor} and writes its {@link HttpReply}. */
final class FrontDoorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient FrontDoor frontDoor;
    private final transient ObjectMapper json;
    private final transient InvocationLog log;

    FrontDoorServlet(FrontDoor frontDoor, ObjectMapper json, InvocationLog log) {
        this.frontDoor = frontDoor;
        this.json = json;
        this.log = log;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpReply reply;
        try {
            reply = frontDoor.handle(call(request));
        } catch (BadRequestException e) {
            reply = HttpReply.error(400, e.getMessage());
        } catch (RuntimeException e) {
            log.error("front door request failed", e, "path", String.valueOf(request.getRequestURI()));
            reply = HttpReply.error(500, "internal error (logged)");
        }
        response.setStatus(reply.status());
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(json.writeValueAsBytes(reply.body()));
        response.flushBuffer();
    }

    private static HttpCall call(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // One byte past the limit is enough to refuse the body; never buffer more than that.
            body = in.readNBytes(FrontDoor.MAX_BODY_BYTES + 1);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        String rawQuery = request.getQueryString();
        Map<String, String> query = rawQuery == null ? Map.of() : FormBody.parse(rawQuery);
        return new HttpCall(request.getMethod(), request.getRequestURI(), query, headers, body, iamCaller(request));
    }

    /** The caller's ARN when API Gateway authorised the route with AWS_IAM (requestContext.authorizer.iam). */
    private static Optional<String> iamCaller(HttpServletRequest request) {
        if (request.getAttribute(RequestReader.HTTP_API_CONTEXT_PROPERTY) instanceof HttpApiV2ProxyRequestContext context) {
            HttpApiV2AuthorizerMap authorizer = context.getAuthorizer();
            if (authorizer != null && authorizer.isIam() && authorizer.getIamAuthorizer() != null) {
                String arn = authorizer.getIamAuthorizer().getUserArn();
                return arn == null || arn.isBlank() ? Optional.empty() : Optional.of(arn);
            }
        }
        return Optional.empty();
    }
}

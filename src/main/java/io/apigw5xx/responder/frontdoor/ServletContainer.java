package io.apigw5xx.responder.frontdoor;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.AwsHttpApiV2SecurityContextWriter;
import com.amazonaws.serverless.proxy.AwsProxyExceptionHandler;
import com.amazonaws.serverless.proxy.internal.servlet.AwsHttpApiV2HttpServletRequestReader;
import com.amazonaws.serverless.proxy.internal.servlet.AwsHttpServletRequest;
import com.amazonaws.serverless.proxy.internal.servlet.AwsHttpServletResponse;
import com.amazonaws.serverless.proxy.internal.servlet.AwsLambdaServletContainerHandler;
import com.amazonaws.serverless.proxy.internal.servlet.AwsProxyHttpServletResponseWriter;
import com.amazonaws.serverless.proxy.internal.servlet.AwsServletContext;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.services.lambda.runtime.Context;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CountDownLatch;

/**
 * aws-serverless-java-container's servlet layer with one plain servlet and no web framework: HTTP API v2
 * (payload 2.0) events are read into servlet requests (base64 bodies decoded, headers, query, authorizer
 * context) and servlet responses written back as proxy responses. Chosen by measurement over the Jersey and
 * Spring Boot bindings (README, "HTTP front door"): the routes are five, and a framework's start-up would eat
 * Slack's 3 seconds on a cold start.
 */
final class ServletContainer extends AwsLambdaServletContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse,
        HttpServletRequest, AwsHttpServletResponse> {

    private final HttpServlet servlet;

    ServletContainer(HttpServlet servlet) {
        super(HttpApiV2ProxyRequest.class, AwsProxyResponse.class, new AwsHttpApiV2HttpServletRequestReader(),
                new AwsProxyHttpServletResponseWriter(true), new AwsHttpApiV2SecurityContextWriter(),
                new AwsProxyExceptionHandler());
        this.servlet = servlet;
        setServletContext(new AwsServletContext(this));
    }

    @Override
    protected AwsHttpServletResponse getContainerResponse(HttpServletRequest request, CountDownLatch latch) {
        return new AwsHttpServletResponse(request, latch);
    }

    @Override
    protected void handleRequest(HttpServletRequest request, AwsHttpServletResponse response, Context context) throws Exception {
        if (request instanceof AwsHttpServletRequest awsRequest) {
            awsRequest.setServletContext(getServletContext());
        }
        // No filters are registered, so the servlet is called directly.
        servlet.service(request, response);
    }

    @Override
    public void initialize() throws ContainerInitializationException {
        // Nothing to start: the servlet is built by the constructor's caller.
    }
}

package io.apigw5xx.responder.frontdoor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.apigw5xx.responder.InBackground;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.handler.InvocationLog;
import io.apigw5xx.responder.handler.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The front door's Lambda entry point: HTTP API v2 events in, proxy responses out, through
 * aws-serverless-java-container. Built once per container (SnapStart snapshots it); a failure to build
 * (bad configuration) throws from the constructor so Lambda reports an init error instead of serving requests.
 */
public final class FrontDoorHandler implements RequestStreamHandler {

    /**
     * What the SnapStart primer sends through the whole path (event reading, servlet, routing, JSON answer): two
     * requests that are refused before any AWS call or secret read - unsigned Slack, and no IAM caller.
     */
    private static final String[] PRIMING_REQUESTS = {
        "{\"version\":\"2.0\",\"routeKey\":\"POST /slack/commands\",\"rawPath\":\"/slack/commands\",\"rawQueryString\":\"\","
                + "\"headers\":{\"content-type\":\"application/x-www-form-urlencoded\"},\"requestContext\":{\"http\":"
                + "{\"method\":\"POST\",\"path\":\"/slack/commands\"},\"stage\":\"$default\"},"
                + "\"body\":\"dGV4dD1oZWxw\",\"isBase64Encoded\":true}",
        "{\"version\":\"2.0\",\"routeKey\":\"GET /incidents\",\"rawPath\":\"/incidents\",\"rawQueryString\":\"api=a&stage=b\","
                + "\"headers\":{},\"queryStringParameters\":{\"api\":\"a\",\"stage\":\"b\"},"
                + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/incidents\"},\"stage\":\"$default\"},"
                + "\"isBase64Encoded\":false}"};

    private final Supplier<ServletContainer> container;
    // CRaC holds resources weakly: the handler keeps the hook alive until the checkpoint.
    private final SnapStartPriming priming;

    /**
     * Used by the Lambda runtime. Only the configuration is read here, so a bad one still fails init with its
     * reason; the servlet layer and the front door are built on another thread, the runtime reports ready
     * meanwhile, and the first request waits for them (what Slack's 3 s must cover is ready + that request).
     */
    public FrontDoorHandler() {
        this(FrontDoorConfig.fromEnvironment(System.getenv()));
    }

    private FrontDoorHandler(FrontDoorConfig config) {
        this(InBackground.start("front-door", () -> container(FrontDoorWiring.fromConfig(config))));
    }

    FrontDoorHandler(FrontDoor frontDoor) {
        this(InBackground.start("front-door", () -> container(frontDoor)));
    }

    private FrontDoorHandler(Supplier<ServletContainer> container) {
        this.container = container;
        this.priming = SnapStartPriming.register(this::prime);
    }

    private static ServletContainer container(FrontDoor frontDoor) {
        return new ServletContainer(new FrontDoorServlet(frontDoor, JsonMappers.create(),
                InvocationLog.to(System.out, Clock.systemUTC())));
    }

    /** Offline: both requests are refused before the front door reads a secret or calls AWS. */
    private void prime() {
        for (String request : PRIMING_REQUESTS) {
            try {
                container.get().proxyStream(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        container.get().proxyStream(input, output, context);
    }
}

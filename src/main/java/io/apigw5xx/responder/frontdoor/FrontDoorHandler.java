package io.apigw5xx.responder.frontdoor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.handler.InvocationLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * The front door's Lambda entry point: HTTP API v2 events in, proxy responses out, through
 * aws-serverless-java-container. Built once per container (SnapStart snapshots it); a failure to build
 * (bad configuration) throws from the constructor so Lambda reports an init error instead of serving requests.
 */
public final class FrontDoorHandler implements RequestStreamHandler {

    private final ServletContainer container;

    /** Used by the Lambda runtime. */
    public FrontDoorHandler() {
        this(FrontDoorWiring.fromEnvironment(System.getenv()));
    }

    FrontDoorHandler(FrontDoor frontDoor) {
        this.container = new ServletContainer(new FrontDoorServlet(frontDoor, JsonMappers.create(),
                InvocationLog.to(System.out, Clock.systemUTC())));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        container.proxyStream(input, output, context);
    }
}

package io.apigw5xx.responder.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Lambda entry point for every trigger shape (SNS, EventBridge, alarm action, manual re-run). A stream
 * handler because the parser must own the raw bytes to recognise the shape and refuse what it does not
 * understand. Always answers with a {@link ResponderResponse}; a refused event returns normally so Lambda
 * does not retry a poison message.
 */
public final class AlarmHandler implements RequestStreamHandler {

    /** Direct invocations carry at most 6 MB; anything bigger is not an alarm. */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final Responder responder;
    private final ResponderConfig config;
    private final Clock clock;
    private final ObjectMapper mapper = JsonMappers.create();
    // CRaC holds resources weakly: the handler keeps the hook alive until the checkpoint.
    private final SnapStartPriming priming;

    /** Used by the Lambda runtime: builds everything once per container from the environment. */
    public AlarmHandler() {
        this(Wiring.fromEnvironment(System.getenv()));
    }

    private AlarmHandler(Wiring wiring) {
        this.responder = wiring.responder();
        this.config = wiring.config();
        this.clock = wiring.clock();
        this.priming = SnapStartPriming.register(wiring.primer());
    }

    public AlarmHandler(Responder responder, ResponderConfig config, Clock clock) {
        this.responder = responder;
        this.config = config;
        this.clock = clock;
        this.priming = null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(MAX_EVENT_BYTES + 1);
        Instant now = clock.instant();
        Duration remaining = remaining(context);
        ResponderResponse response = event.length > MAX_EVENT_BYTES
                ? ResponderResponse.refused("event larger than " + MAX_EVENT_BYTES + " bytes")
                : responder.respond(event, config.evidenceDeadline(now, remaining), config.deliveryDeadline(now, remaining));
        if (response.reachedNobody()) {
            // Lambda retries a failed asynchronous invocation and then keeps it in the dead-letter queue;
            // the ledger claim was released, so the retry may post.
            throw new ReportNotDeliveredException(response);
        }
        mapper.writeValue(output, response);
    }

    private static Duration remaining(Context context) {
        // The CLI and tests may pass no context; treat that like a generous Lambda timeout.
        return context == null ? Duration.ofSeconds(60) : Duration.ofMillis(context.getRemainingTimeInMillis());
    }
}

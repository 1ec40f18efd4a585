package io.apigw5xx.responder.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.InBackground;
import io.apigw5xx.responder.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import io.apigw5xx.responder.trigger.QueuedTriggers;

/**
 * The Lambda entry point for every trigger shape (SNS, EventBridge, alarm action, SQS, manual re-run). A stream
 * handler because the parser must own the raw bytes to recognise the shape and refuse what it does not
 * understand. Always answers with a {@link ResponderResponse}; a refused event returns normally so Lambda
 * does not retry a poison message.
 */
public final class AlarmHandler implements RequestStreamHandler {

    /** Direct invocations carry at most 6 MB; anything bigger is not an alarm. */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final Supplier<Wiring> wiring;
    // CRaC holds resources weakly: the handler keeps the hook alive until the checkpoint.
    private final SnapStartPriming priming;

    /**
     * Used by the Lambda runtime, once per container. Only the configuration is read here, so that a bad one fails
     * init with its reason; the object graph is built on another thread ({@link Wiring#fromEnvironment}), the
     * runtime reports ready meanwhile, and the first event waits for what it needs. SnapStart's checkpoint
     * waits for all of it.
     */
    public AlarmHandler() {
        this(ResponderConfig.fromEnvironment(System.getenv()));
    }

    private AlarmHandler(ResponderConfig config) {
        InBackground<Wiring> built = InBackground.start("wiring", () -> Wiring.fromEnvironment(config));
        this.wiring = built;
        this.priming = SnapStartPriming.register(() -> built.get().primer().run());
    }

    public AlarmHandler(Responder responder, ResponderConfig config, Clock clock) {
        Wiring given = new Wiring(config, clock, JsonMappers.create(), responder, () -> {});
        this.wiring = () -> given;
        this.priming = null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(MAX_EVENT_BYTES + 1);
        Wiring w = wiring.get();
        Responder responder = w.responder();
        ResponderConfig config = w.config();
        ObjectMapper mapper = w.json();
        Instant now = w.clock().instant();
        Duration remaining = remaining(context);
        if (event.length > MAX_EVENT_BYTES) {
            mapper.writeValue(output, ResponderResponse.refused("event larger than " + MAX_EVENT_BYTES + " bytes"));
            return;
        }
        QueuedTriggers triggers = responder.triggers(event);
        if (triggers.queued()) {
            mapper.writeValue(output, batch(w, triggers, event.length, context));
            return;
        }
        ResponderResponse response = responder.respond(triggers.items().getFirst().outcome(), event.length,
                config.evidenceDeadline(now, remaining), config.deliveryDeadline(now, remaining));
        if (response.reachedNobody()) {
            // Lambda retries a failed asynchronous invocation and then keeps it in the dead-letter queue;
            // the ledger claim was released, so the retry may post.
            throw new ReportNotDeliveredException(response);
        }
        mapper.writeValue(output, response);
    }

    /**
     * An SQS batch: each record answered on its own, one after the other, each with its share of the time left.
     * Only records whose every channel failed go back to the queue ({@code batchItemFailures}, with the event
     * source mapping's ReportBatchItemFailures); a refused record is answered, not retried.
     */
    private static QueueBatchResponse batch(Wiring w, QueuedTriggers triggers, int eventBytes, Context context) {
        List<QueueBatchResponse.ItemFailure> failures = new ArrayList<>();
        List<ResponderResponse> responses = new ArrayList<>();
        List<QueuedTriggers.Item> items = triggers.items();
        for (int i = 0; i < items.size(); i++) {
            QueuedTriggers.Item item = items.get(i);
            Instant now = w.clock().instant();
            Duration share = remaining(context).dividedBy(items.size() - i);
            ResponderResponse response = w.responder().respond(item.outcome(), eventBytes,
                    w.config().evidenceDeadline(now, share), w.config().deliveryDeadline(now, share));
            responses.add(response);
            if (response.reachedNobody()) {
                if (item.messageId() == null) {
                    // No id to hand back: fail the whole batch so that nothing is lost.
                    throw new ReportNotDeliveredException(response);
                }
                failures.add(new QueueBatchResponse.ItemFailure(item.messageId()));
            }
        }
        return new QueueBatchResponse(failures, responses);
    }

    private static Duration remaining(Context context) {
        // The CLI and tests may pass no context; treat that like a generous Lambda timeout.
        return context == null ? Duration.ofSeconds(60) : Duration.ofMillis(context.getRemainingTimeInMillis());
    }
}

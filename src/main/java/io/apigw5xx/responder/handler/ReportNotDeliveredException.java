package io.apigw5xx.responder.handler;

import io.apigw5xx.responder.delivery.DeliveryOutcome;
import java.util.stream.Collectors;

/** Every configured channel failed: the invocation fails on purpose so Lambda retries it. */
public class ReportNotDeliveredException extends RuntimeException {

    public ReportNotDeliveredException(ResponderResponse response) {
        super("report on " + response.api() + "/" + response.stage() + " reached no channel: "
                + response.deliveries().stream().map(d -> d.channel() + "=" + d.status() + " (" + d.detail() + ")")
                        .collect(Collectors.joining(", ")));
    }
}

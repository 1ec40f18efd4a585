package io.apigw5xx.responder.handler;

import java.util.List;

/**
 * The answer to an SQS batch. Lambda's event source mapping (with {@code ReportBatchItemFailures}) reads only
 * {@code batchItemFailures}: the messages named there become visible again and are retried (then go to the
 * queue's dead-letter queue); an empty list deletes the whole batch. {@code responses} says what happened to each
 * record, in order, for whoever reads the invocation's result.
 */
public record QueueBatchResponse(List<ItemFailure> batchItemFailures, List<ResponderResponse> responses) {

    public QueueBatchResponse {
        batchItemFailures = List.copyOf(batchItemFailures);
        responses = List.copyOf(responses);
    }

    /** {@code {"itemIdentifier": "<messageId>"}}, the shape Lambda expects. */
    public record ItemFailure(String itemIdentifier) {}
}

package io.apigw5xx.responder.trigger;

import java.util.List;

/**
 * The triggers in one invocation's event: one per SQS record (each with its message id, which is how a failed
 * record is handed back in {@code batchItemFailures}), or the single trigger of any other event.
 *
 * @param queued true when the event was an SQS batch, whose answer must be a batch response
 */
public record QueuedTriggers(boolean queued, List<Item> items) {

    public QueuedTriggers {
        items = List.copyOf(items);
    }

    /** @param messageId the SQS message id; null for an event that did not come through a queue, or a record without one */
    public record Item(String messageId, TriggerOutcome outcome) {
        public Item {
            java.util.Objects.requireNonNull(outcome, "outcome");
        }
    }

    static QueuedTriggers single(TriggerOutcome outcome) {
        return new QueuedTriggers(false, List.of(new Item(null, outcome)));
    }
}

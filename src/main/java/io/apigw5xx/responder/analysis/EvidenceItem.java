package io.apigw5xx.responder.analysis;

import java.time.Instant;

/**
 * One fact behind a cause: a change, a metric reading, a log line, a configuration value.
 *
 * @param time      when it happened, or null for configuration facts
 * @param actor     who did it (CloudTrail session name or user), or null
 * @param resource  the function, integration, role ... it concerns
 * @param reference where to look it up: a CloudTrail event id, a log group, a metric id
 * @param origin    for a change, where it was read (CloudTrail, the resource's own timestamp, both); null for
 *                  every other fact. The graph marks changes and the re-check compares them by this field.
 */
public record EvidenceItem(Instant time, String summary, String actor, String resource, String reference,
                           ChangeOrigin origin) {

    /** A fact that is not a change: a log line, a metric reading, a configuration value. */
    public EvidenceItem(Instant time, String summary, String actor, String resource, String reference) {
        this(time, summary, actor, resource, reference, null);
    }
}

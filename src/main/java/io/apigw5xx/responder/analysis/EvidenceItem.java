package io.apigw5xx.responder.analysis;

import java.time.Instant;

/**
 * One fact behind a cause: a change, a metric reading, a log line, a configuration value.
 *
 * @param time      when it happened, or null for configuration facts
 * @param actor     who did it (CloudTrail session name or user), or null
 * @param resource  the function, integration, role ... it concerns
 * @param reference where to look it up: a CloudTrail event id, a log group, a metric id
 */
public record EvidenceItem(Instant time, String summary, String actor, String resource, String reference) {}

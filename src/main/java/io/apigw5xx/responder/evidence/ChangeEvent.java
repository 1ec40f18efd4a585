package io.apigw5xx.responder.evidence;

import java.time.Instant;
import java.util.List;

/**
 * One CloudTrail LookupEvents result. {@code cloudTrailEvent} is the full record, kept verbatim as the JSON
 * string CloudTrail returned, so the analyzer (not the adapter) decides what it means.
 */
public record ChangeEvent(
        String eventId,
        String eventName,
        String eventSource,
        Instant eventTime,
        String username,
        List<ChangeResource> resources,
        String cloudTrailEvent) {

    public ChangeEvent {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}

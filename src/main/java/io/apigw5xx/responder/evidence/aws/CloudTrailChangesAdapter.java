package io.apigw5xx.responder.evidence.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.ChangeResource;
import io.apigw5xx.responder.evidence.ChangeSource;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.SourceResult;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.Incident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Write events from CloudTrail event history that touch the failing path. LookupEvents takes one attribute,
 * so it is one paginated query per event source (API Gateway, Lambda, IAM in us-east-1 when the targets have
 * roles, WAF when the stage has a web ACL), paced to 2 requests per second per account and region.
 * The CloudTrailEvent JSON is kept verbatim.
 */
public final class CloudTrailChangesAdapter implements ChangeSource {

    /** CloudTrail delivers within about 5 minutes on average, older docs say 15: say so when the window is that recent. */
    static final Duration DELIVERY_DELAY = Duration.ofMinutes(15);
    static final int PAGE_SIZE = 50;
    /** Pages per event source: 500 newest writes is far more than one incident needs, and bounds the calls. */
    static final int MAX_PAGES = 10;
    /** Detail prefix of the delivery-delay notice; the analysis reads a CHANGES gap with it as a note. */
    public static final String DELIVERY_DELAY_NOTE = "delivery delay:";
    /** How far before the onset the analysis looks for a change that may have caused it. */
    static final Duration CORRELATION_LOOKBACK = Duration.ofMinutes(30);
    private static final Pattern TOKEN_SPLIT = Pattern.compile("[:/]");
    /**
     * LookupEvents is limited to 2 requests per second per account and region. bench-coldstart sets
     * {@code -Dapigw5xx.cloudTrailPacing=0} to show what the pacing costs an invocation; nothing else should.
     */
    static final Duration LOOKUP_PACING = Duration.ofMillis(Long.getLong("apigw5xx.cloudTrailPacing", 500));

    private final CloudTrailClient regional;
    private final CloudTrailClient global;
    private final String region;
    private final Clock clock;
    private final ObjectMapper json = JsonMappers.create();
    private final Map<String, RequestRateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * @param regional CloudTrail client for the API's region
     * @param global   CloudTrail client for us-east-1 (IAM events); may be the same client
     */
    public CloudTrailChangesAdapter(CloudTrailClient regional, CloudTrailClient global, String region, Clock clock) {
        this.regional = regional;
        this.global = global;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public SourceResult<List<ChangeEvent>> changes(Incident incident, Topology topology, Instant deadline) {
        CallDeadline calls = new CallDeadline(deadline, clock);
        Instant now = clock.instant();
        // The analysis correlates changes up to 30 minutes before an onset that can be as early as window.from.
        Instant start = earliest(incident.window().from(), incident.at()).minus(CORRELATION_LOOKBACK);
        Instant end = incident.window().to().isAfter(now) ? now : incident.window().to();
        List<Gap> gaps = new ArrayList<>();
        Set<String> ids = identifiers(incident, topology);
        Set<String> roles = roles(topology);

        String account = incident.account() == null ? "default" : incident.account();
        String regionalKey = account + "/" + region;
        List<Lookup> lookups = new ArrayList<>();
        lookups.add(new Lookup(regional, regionalKey, "apigateway.amazonaws.com"));
        lookups.add(new Lookup(regional, regionalKey, "lambda.amazonaws.com"));
        if (!roles.isEmpty()) {
            lookups.add(new Lookup(global, account + "/" + AwsClients.IAM_EVENTS_REGION.id(), "iam.amazonaws.com"));
        }
        if (topology != null && topology.webAclArn() != null) {
            lookups.add(new Lookup(regional, regionalKey, "wafv2.amazonaws.com"));
        }
        // One event source failing (IAM denied in us-east-1, throttled, no request slot before the deadline)
        // costs only its own events: the others' are kept and the failure becomes a gap.
        List<Event> events = new ArrayList<>();
        List<EvidenceUnavailableException> failures = new ArrayList<>();
        for (Lookup l : lookups) {
            try {
                events.addAll(lookup(l.client(), l.limiterKey(), l.eventSource(), start, end, calls, gaps));
            } catch (EvidenceUnavailableException e) {
                failures.add(e);
                gaps.add(new Gap(EvidenceSource.CHANGES, e.reason(), l.eventSource() + ": " + e.getMessage()));
            }
        }
        if (failures.size() == lookups.size()) {
            throw failures.getFirst();
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        wanted.addAll(roles);
        List<ChangeEvent> changes = events.stream()
                .filter(e -> !"true".equalsIgnoreCase(e.readOnly()))
                .filter(e -> touches(e, wanted))
                .sorted(Comparator.comparing(Event::eventTime))
                .map(CloudTrailChangesAdapter::toChange)
                .toList();
        if (topology == null) {
            gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE,
                    "API configuration unknown: only changes naming " + incident.api().label() + " itself were kept"));
        }
        if (Duration.between(end, now).compareTo(DELIVERY_DELAY) < 0) {
            // "delivery delay:" marks this as a note for the analysis, not as changes being unavailable.
            gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, DELIVERY_DELAY_NOTE + " CloudTrail delivers events about 5 (up to 15) minutes"
                    + " after the call: changes made after " + end.minus(DELIVERY_DELAY) + " may not be listed yet"));
        }
        return new SourceResult<>(changes, gaps);
    }

    private record Lookup(CloudTrailClient client, String limiterKey, String eventSource) {}

    private List<Event> lookup(CloudTrailClient client, String limiterKey, String eventSource, Instant start, Instant end,
            CallDeadline calls, List<Gap> gaps) {
        RequestRateLimiter limiter = limiters.computeIfAbsent(limiterKey, k -> new RequestRateLimiter(LOOKUP_PACING));
        LookupAttribute attribute = LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_SOURCE)
                .attributeValue(eventSource).build();
        List<Event> events = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String call = "cloudtrail:LookupEvents " + eventSource;
            limiter.acquire(calls, call);
            String next = token;
            LookupEventsResponse page;
            try {
                page = client.lookupEvents(r -> r.lookupAttributes(attribute).startTime(start).endTime(end)
                        .maxResults(PAGE_SIZE).nextToken(next).overrideConfiguration(calls.override(call)));
            } catch (SdkException e) {
                throw AwsFailures.unavailable(call, e);
            }
            events.addAll(page.events());
            token = page.nextToken();
            pages++;
        } while (token != null && !token.isEmpty() && pages < MAX_PAGES);
        if (token != null && !token.isEmpty()) {
            gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, "more than " + MAX_PAGES * PAGE_SIZE + " " + eventSource
                    + " events in the window: only the newest were read"));
        }
        return events;
    }

    /** Names that tie an event to this API: its id and name, Lambda targets, web ACL, authorizer ids. */
    static Set<String> identifiers(Incident incident, Topology topology) {
        Set<String> ids = new LinkedHashSet<>();
        addIfPresent(ids, incident.api().id());
        addIfPresent(ids, incident.api().name());
        if (topology != null) {
            addIfPresent(ids, topology.apiId());
            addIfPresent(ids, topology.apiName());
            topology.lambdaTargets().forEach(t -> addIfPresent(ids, t.functionName()));
            topology.integrations().forEach(i -> addIfPresent(ids, i.lambdaFunction()));
            topology.authorizers().forEach(a -> {
                addIfPresent(ids, a.id());
                addIfPresent(ids, a.lambdaFunction());
            });
            if (topology.webAclArn() != null) {
                ids.add(topology.webAclArn());
                String[] parts = topology.webAclArn().split("/");
                if (parts.length >= 3) {
                    ids.add(parts[parts.length - 2]); // webacl/<name>/<id>
                    ids.add(parts[parts.length - 1]);
                }
            }
        }
        return ids;
    }

    static Set<String> roles(Topology topology) {
        Set<String> roles = new LinkedHashSet<>();
        if (topology != null) {
            for (LambdaTarget t : topology.lambdaTargets()) {
                if (t.role() != null) {
                    roles.add(t.role().substring(t.role().lastIndexOf('/') + 1));
                }
            }
        }
        return roles;
    }

    private static void addIfPresent(Set<String> ids, String id) {
        if (id != null && !id.isBlank()) {
            ids.add(id);
        }
    }

    /**
     * True when a resource the summary names, or any string in the record's requestParameters, is one of the
     * identifiers or an ARN/path containing one as a whole segment ("function:orders-handler:live" matches
     * orders-handler; "orders-handler-v2" does not).
     */
    boolean touches(Event event, Set<String> wanted) {
        for (var resource : event.resources()) {
            if (matches(resource.resourceName(), wanted)) {
                return true;
            }
        }
        if (event.cloudTrailEvent() == null) {
            return false;
        }
        try {
            JsonNode record = json.readTree(event.cloudTrailEvent());
            return anyString(record.path("requestParameters"), wanted) || anyString(record.path("resources"), wanted);
        } catch (Exception unreadable) {
            return false;
        }
    }

    private static boolean anyString(JsonNode node, Set<String> wanted) {
        if (node.isTextual()) {
            return matches(node.asText(), wanted);
        }
        for (JsonNode child : node) {
            if (anyString(child, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String value, Set<String> wanted) {
        if (value == null) {
            return false;
        }
        if (wanted.contains(value)) {
            return true;
        }
        for (String token : TOKEN_SPLIT.split(value)) {
            if (wanted.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static ChangeEvent toChange(Event e) {
        return new ChangeEvent(e.eventId(), e.eventName(), e.eventSource(), e.eventTime(), e.username(),
                e.resources().stream().map(r -> new ChangeResource(r.resourceType(), r.resourceName())).toList(),
                e.cloudTrailEvent());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

}

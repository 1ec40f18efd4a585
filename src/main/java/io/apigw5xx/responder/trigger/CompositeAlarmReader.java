package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A composite alarm's transition. Its notification names the children that triggered it (SNS
 * {@code TriggeringChildren}, EventBridge and alarm action {@code state.reasonData.triggeringAlarms}) but not their
 * metrics: those are read with DescribeAlarms (one call per level; a child may itself be a composite, followed
 * {@value #MAX_DEPTH} levels down). The first child that is an API Gateway 5xx alarm is investigated under the
 * composite's name, state and time (so the ledger deduplicates the composite's transition); any other composite is
 * refused in one line naming what its children watch.
 */
final class CompositeAlarmReader {

    static final int MAX_CHILDREN = 100;
    static final int MAX_DEPTH = 3;

    /** What the composite's own notification said. */
    record Transition(TriggerSource source, String name, AlarmArn arn, String account, AlarmState state, AlarmState previous,
            String reason, Instant changedAt, List<String> childArns) {}

    private final ObjectReader json;
    private final AlarmDirectory directory;

    CompositeAlarmReader(ObjectReader json, AlarmDirectory directory) {
        this.json = json;
        this.directory = directory;
    }

    TriggerOutcome read(Transition t) {
        String composite = "composite alarm " + EventFields.quote(t.name());
        if (t.childArns().isEmpty()) {
            throw new TriggerRefusedException(composite + " names no triggering child alarm (its state may have been set by hand)");
        }
        if (directory.region() == null) {
            throw new TriggerRefusedException(composite + ": its child alarms are read with cloudwatch:DescribeAlarms,"
                    + " and this run has no CloudWatch client");
        }
        if (!directory.region().equals(t.arn().region())) {
            throw new TriggerRefusedException(composite + " is in " + t.arn().region() + " but this function reads alarms in "
                    + directory.region() + " only");
        }
        List<String> refusals = new ArrayList<>();
        List<String> names = childNames(t.childArns(), t.arn().region());
        for (int depth = 0; depth < MAX_DEPTH && !names.isEmpty(); depth++) {
            Map<String, AlarmDefinition> found = new LinkedHashMap<>();
            for (AlarmDefinition d : describe(names, composite)) {
                found.put(d.name(), d);
            }
            List<String> grandchildren = new ArrayList<>();
            for (String name : names) {
                AlarmDefinition child = found.get(name);
                if (child == null) {
                    refusals.add(EventFields.quote(name) + " not found");
                } else if (child.composite()) {
                    grandchildren.addAll(childNames(childArns(child.stateReasonData()), t.arn().region()));
                } else {
                    try {
                        return outcome(t, child);
                    } catch (TriggerRefusedException notApi5xx) {
                        refusals.add(EventFields.quote(name) + ": " + notApi5xx.getMessage());
                    }
                }
            }
            names = grandchildren.stream().distinct().limit(MAX_CHILDREN).toList();
        }
        throw new TriggerRefusedException(composite + ": no triggering child is an API Gateway 5xx alarm ("
                + String.join("; ", refusals.stream().limit(3).toList()) + (refusals.size() > 3 ? "; ..." : "") + ")");
    }

    private List<AlarmDefinition> describe(List<String> names, String composite) {
        try {
            return directory.describe(names);
        } catch (AlarmDirectory.Unavailable e) {
            throw new TriggerRefusedException(composite + ": could not read its child alarms with cloudwatch:DescribeAlarms ("
                    + e.getMessage() + ")");
        }
    }

    /** The child's metric and threshold, under the composite's name, state and time. */
    private static TriggerOutcome outcome(Transition t, AlarmDefinition child) {
        String path = "child alarm " + EventFields.quote(child.name());
        AlarmMetricReader.Readout readout;
        if (!child.metrics().isEmpty()) {
            List<AlarmQuery> queries = child.metrics().stream().map(q -> new AlarmQuery(q.id(), q.expression(), q.returnData(),
                    q.expression() != null && q.metricName() == null ? null
                            : new AlarmMetric(q.namespace(), q.metricName(), q.dimensions(), q.stat(), q.periodSeconds()))).toList();
            readout = AlarmMetricReader.listed(queries, child.thresholdMetricId(), path);
        } else {
            readout = AlarmMetricReader.single(new AlarmMetric(child.namespace(), child.metricName(), child.dimensions(),
                    SnsAlarmReader.cloudWatchStatistic(child.statistic()), child.periodSeconds()), path);
        }
        ApiTarget target = readout.target();
        String reason = t.reason() != null ? t.reason() : "child alarm " + child.name() + " triggered it";
        Alarm alarm = new Alarm(t.name(), t.arn().value(), t.state(), t.previous(), reason,
                readout.reading() == io.apigw5xx.responder.incident.ThresholdReading.ANOMALY_BAND ? null : child.threshold(),
                child.comparisonOperator(), AlarmMetricReader.NAMESPACE,
                readout.expression() != null ? null : target.metric().name(), target.metric().statistic(),
                child.periodSeconds() != null ? child.periodSeconds() : target.metric().periodSeconds(),
                child.evaluationPeriods(), t.changedAt(), readout.expression(), readout.reading());
        return AlarmOutcomes.of(t.source(), t.account(), t.arn().region(), target, alarm);
    }

    /** Alarm names from ARNs; a child in another region or not an alarm ARN is skipped. */
    private static List<String> childNames(List<String> arns, String region) {
        List<String> names = new ArrayList<>();
        for (String arn : arns) {
            try {
                AlarmArn parsed = AlarmArn.parse(arn, "child");
                if (parsed.region().equals(region)) {
                    names.add(parsed.name());
                }
            } catch (TriggerRefusedException notAnAlarmArn) {
                // skipped: reported as "no triggering child is ..." if nothing else is found
            }
        }
        return names.stream().distinct().limit(MAX_CHILDREN).toList();
    }

    /** A nested composite's StateReasonData: {@code {"triggeringAlarms":[{"arn": ...}]}}; unreadable → none. */
    private List<String> childArns(String stateReasonData) {
        if (stateReasonData == null || stateReasonData.isBlank()) {
            return List.of();
        }
        try {
            JsonNode alarms = EventFields.present(json.readTree(stateReasonData), "triggeringAlarms");
            List<String> arns = new ArrayList<>();
            if (alarms != null && alarms.isArray()) {
                for (JsonNode a : alarms) {
                    JsonNode arn = EventFields.present(a, "arn");
                    if (arn != null && arn.isTextual()) {
                        arns.add(arn.textValue());
                    }
                }
            }
            return arns;
        } catch (JsonProcessingException unreadable) {
            return List.of();
        }
    }

    /**
     * The triggering children's ARNs from a composite alarm's event: an optional array {@code arrayField} of
     * objects whose {@code arnField} is the child's ARN (EventBridge's {@code triggeringAlarms[].arn}, SNS's
     * {@code TriggeringChildren[].Arn}); at most {@link #MAX_CHILDREN}. Absent = none named.
     */
    static List<String> childArns(JsonNode parent, String arrayField, String arnField, String path) {
        JsonNode children = EventFields.present(parent, arrayField);
        if (children == null) {
            return List.of();
        }
        if (!children.isArray()) {
            throw new TriggerRefusedException(path + "." + arrayField + " is " + EventFields.kind(children) + ", expected an array");
        }
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < children.size() && i < MAX_CHILDREN; i++) {
            JsonNode child = children.get(i);
            String cp = path + "." + arrayField + "[" + i + "]";
            if (!child.isObject()) {
                throw new TriggerRefusedException(cp + " is " + EventFields.kind(child) + ", expected an object");
            }
            arns.add(EventFields.text(child, arnField, cp));
        }
        return arns;
    }
}

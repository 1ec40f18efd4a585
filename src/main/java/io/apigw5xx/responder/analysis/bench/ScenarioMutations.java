package io.apigw5xx.responder.analysis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.analysis.FailingPath;
import io.apigw5xx.responder.analysis.TimestampChanges;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.ChangeResource;
import io.apigw5xx.responder.evidence.ConfigStamps;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.MetricSeries;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Variants of a catalogued incident that a correct diagnosis must survive (issue 14 §5): (a) read at alarm time,
 * (b) read-only calls beside every change, (c) an unrelated change inside the 5-minute window, (d) every change
 * time shifted by ±50 s, (e) a harmless on-path change one minute before the onset. Pure: evidence in, evidence out.
 */
public final class ScenarioMutations {

    public enum Kind {
        ALARM_TIME("alarm-time"),
        READ_ONLY("read-only"),
        UNRELATED("unrelated"),
        SHIFTED("shifted"),
        HARMLESS("harmless");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** @param label what exactly was done ("another alias of orders-handler") */
    public record Variant(Kind kind, String label, Evidence evidence) {}

    /** The read happens this long after the alarm (the issue: evidence collected within 60 s). */
    static final Duration READ_DELAY = Duration.ofSeconds(30);
    /** CloudTrail lists an event about this long after the call. */
    static final Duration CLOUDTRAIL_LAG = Duration.ofMinutes(5);
    static final String OTHER_FUNCTION = "billing-reconciler";
    static final String OTHER_API = "zz9otherap";
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    public ScenarioMutations(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<Variant> variants(Incident incident, Evidence evidence, Instant onset) {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant(Kind.ALARM_TIME, "read " + READ_DELAY.toSeconds() + " s after the alarm", atAlarmTime(incident, evidence)));
        out.add(new Variant(Kind.READ_ONLY, "Get/List calls beside each change", withReadOnlyCalls(evidence)));
        FailingPath path = new FailingPath(incident, evidence);
        Instant inWindow = onset.minus(Duration.ofMinutes(2));
        out.add(new Variant(Kind.UNRELATED, "another function", add(evidence, lambdaEvent("UpdateFunctionCode20150331v2", OTHER_FUNCTION,
                null, inWindow, "gha-deploy-7001"))));
        String fn = path.integrationFunctions().stream().findFirst().orElse(null);
        if (fn != null) {
            String alias = path.qualifiersOf(fn).stream().filter(q -> !q.isEmpty()).findFirst().orElse(null);
            // another alias: "staging" unless the API calls that one, in which case "canary"
            String other = "staging".equals(alias) ? "canary" : "staging";
            out.add(new Variant(Kind.UNRELATED, "another alias of " + fn, add(evidence, lambdaEvent("UpdateAlias20150331", fn, other,
                    inWindow, "gha-deploy-7002"))));
        }
        out.add(new Variant(Kind.UNRELATED, "another API", add(evidence, apiEvent("CreateDeployment", OTHER_API, "prod", null,
                inWindow, incident.api().type()))));
        out.add(new Variant(Kind.SHIFTED, "+50 s", shifted(evidence, Duration.ofSeconds(50))));
        out.add(new Variant(Kind.SHIFTED, "-50 s", shifted(evidence, Duration.ofSeconds(-50))));
        String apiId = path.apiId() != null ? path.apiId() : incident.api().id();
        if (apiId != null) {
            out.add(new Variant(Kind.HARMLESS, "stage description edited 1 min before the onset", add(evidence,
                    apiEvent("UpdateStage", apiId, incident.stage(), "/description", onset.minus(Duration.ofMinutes(1)), incident.api().type()))));
        }
        return out;
    }

    /** Metrics end at the alarm, logs at the read, CloudTrail without the last 5 minutes, and the delivery-delay note. */
    Evidence atAlarmTime(Incident incident, Evidence e) {
        Instant alarm = incident.at();
        Instant read = alarm.plus(READ_DELAY);
        List<MetricSeries> metrics = e.metrics().stream().map(s -> new MetricSeries(s.id(), s.namespace(), s.metricName(), s.dimensions(),
                s.stat(), s.periodSeconds(), s.points().stream().filter(p -> !p.timestamp().plusSeconds(60).isAfter(alarm)).toList())).toList();
        List<ChangeEvent> changes = e.changes().stream().filter(c -> !c.eventTime().isAfter(read.minus(CLOUDTRAIL_LAG))).toList();
        List<Gap> gaps = new ArrayList<>(e.gaps());
        if (gaps.stream().noneMatch(g -> g.source() == EvidenceSource.CHANGES && g.detail().startsWith("delivery delay:"))) {
            gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, "delivery delay: CloudTrail delivers events about 5 (up to 15) "
                    + "minutes after the call: changes made after " + read.minus(Duration.ofMinutes(15)) + " may not be listed yet"));
        }
        TimeWindow window = e.window().from().isBefore(read) ? new TimeWindow(e.window().from(), read) : e.window();
        return new Evidence(read, window, metrics, changes, e.logs().stream().filter(l -> !l.timestamp().isAfter(read)).toList(),
                e.topology(), gaps, e.awsCalls());
    }

    Evidence withReadOnlyCalls(Evidence e) {
        List<ChangeEvent> changes = new ArrayList<>(e.changes());
        for (ChangeEvent c : e.changes()) {
            ObjectNode record = record(c);
            JsonNode req = record.path("requestParameters");
            ObjectNode readReq = mapper.createObjectNode();
            String name;
            if (c.eventSource().startsWith("lambda")) {
                name = "GetFunction20150331v2";
                copy(req, readReq, "functionName", "qualifier");
            } else if (c.eventSource().startsWith("apigateway")) {
                name = "GetStage";
                copy(req, readReq, "restApiId", "apiId", "stageName");
            } else if (c.eventSource().startsWith("iam")) {
                name = "GetRole";
                copy(req, readReq, "roleName");
            } else {
                name = "Describe" + c.eventName().replaceFirst("^[A-Z][a-z]+", "");
            }
            ObjectNode r = record.deepCopy();
            r.put("eventName", name);
            r.set("requestParameters", readReq);
            r.putNull("responseElements");
            r.put("readOnly", true);
            Instant t = c.eventTime().plusSeconds(20);
            r.put("eventTime", t.toString());
            String id = "ro-" + (c.eventId() == null ? Integer.toHexString(c.hashCode()) : c.eventId());
            r.put("eventID", id);
            changes.add(new ChangeEvent(id, name, c.eventSource(), t, c.username(), c.resources(), r.toString()));
        }
        return withChanges(e, changes);
    }

    Evidence shifted(Evidence e, Duration by) {
        List<ChangeEvent> changes = e.changes().stream().map(c -> {
            ObjectNode r = record(c);
            Instant t = c.eventTime().plus(by);
            if (r.has("eventTime")) {
                r.put("eventTime", t.toString());
            }
            return new ChangeEvent(c.eventId(), c.eventName(), c.eventSource(), t, c.username(), c.resources(),
                    c.cloudTrailEvent() == null ? null : r.toString());
        }).toList();
        Topology t = e.topology();
        if (t != null) {
            UnaryOperator<Instant> shift = i -> i == null ? null : i.plus(by);
            t = t.withLambdaTargets(t.lambdaTargets().stream().map(l -> {
                Instant m = TimestampChanges.parseLambdaTime(l.lastModified());
                return m == null ? l : new LambdaTarget(l.functionName(), l.qualifier(), l.functionArn(), l.exists(), l.timeoutSeconds(),
                        l.memoryMb(), l.reservedConcurrency(), l.role(), l.version(), LAMBDA_TIME.format(m.plus(by)), l.codeSha256(),
                        l.policy(), l.configUnknown(), l.policyUnknown(), l.lastUpdateStatus(), l.routingWeights());
            }).toList());
            ConfigStamps s = t.stamps();
            if (s != null) {
                t = t.withStamps(new ConfigStamps(shift.apply(s.stageLastUpdated()), s.deploymentId(), shift.apply(s.deploymentCreated()),
                        s.deploymentDescription(), s.autoDeploy(), s.managedPolicies().stream().map(p -> new ConfigStamps.ManagedPolicy(
                        p.role(), p.policyArn(), p.defaultVersionId(), shift.apply(p.updateDate()))).toList()));
            }
        }
        return new Evidence(e.collectedAt(), e.window(), e.metrics(), changes, e.logs(), t, e.gaps(), e.awsCalls());
    }

    private Evidence add(Evidence e, ChangeEvent extra) {
        List<ChangeEvent> changes = new ArrayList<>(e.changes());
        changes.add(extra);
        return withChanges(e, changes);
    }

    private static Evidence withChanges(Evidence e, List<ChangeEvent> changes) {
        return new Evidence(e.collectedAt(), e.window(), e.metrics(), changes, e.logs(), e.topology(), e.gaps(), e.awsCalls());
    }

    private ChangeEvent lambdaEvent(String name, String function, String alias, Instant at, String session) {
        ObjectNode req = mapper.createObjectNode();
        req.put("functionName", function);
        if (alias != null) {
            req.put("name", alias);
            req.put("functionVersion", "999");
        } else {
            req.put("s3Bucket", "ci-artifacts");
            req.put("s3Key", function + ".zip");
        }
        return event(name, "lambda.amazonaws.com", at, session, req, "AWS::Lambda::Function", function);
    }

    private ChangeEvent apiEvent(String name, String apiId, String stage, String patchPath, Instant at, ApiType type) {
        ObjectNode req = mapper.createObjectNode();
        boolean http = type == ApiType.HTTP;
        req.put(http ? "apiId" : "restApiId", apiId);
        req.put("stageName", stage);
        if (patchPath != null) {
            if (http) {
                req.put("description", "runbook link updated");
            } else {
                ObjectNode op = mapper.createObjectNode();
                op.put("op", "replace");
                op.put("path", patchPath);
                op.put("value", "runbook link updated");
                req.putArray("patchOperations").add(op);
            }
        }
        return event(name, http ? "apigateway.amazonaws.com" : "apigateway.amazonaws.com", at, "platform-console", req,
                http ? "AWS::ApiGatewayV2::Api" : "AWS::ApiGateway::RestApi", apiId);
    }

    private ChangeEvent event(String name, String source, Instant at, String session, ObjectNode req, String type, String resource) {
        String id = "mut-" + name + "-" + resource + "-" + at.getEpochSecond();
        ObjectNode r = mapper.createObjectNode();
        r.put("eventVersion", "1.09");
        ObjectNode who = r.putObject("userIdentity");
        who.put("type", "AssumedRole");
        who.put("arn", "arn:aws:sts::123456789012:assumed-role/other-team-role/" + session);
        r.put("eventTime", at.toString());
        r.put("eventSource", source);
        r.put("eventName", name);
        r.set("requestParameters", req);
        r.putNull("responseElements");
        r.put("eventID", id);
        r.put("readOnly", false);
        return new ChangeEvent(id, name, source, at, session, List.of(new ChangeResource(type, resource)), r.toString());
    }

    private ObjectNode record(ChangeEvent c) {
        try {
            JsonNode n = c.cloudTrailEvent() == null ? null : mapper.readTree(c.cloudTrailEvent());
            return n instanceof ObjectNode o ? o : mapper.createObjectNode();
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.hasNonNull(f)) {
                to.set(f, from.get(f));
            }
        }
    }
}

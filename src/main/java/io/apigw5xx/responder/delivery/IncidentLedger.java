package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.SlackThread;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.History;
import io.apigw5xx.responder.report.PastIncident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One DynamoDB item per alarm transition: the dedupe lock and the history in one place.
 *
 * <p>Table: partition key {@code pk} (S) = alarm ARN, sort key {@code sk} (S) = {@code STATE#time} with the
 * alarm's state-change time as fixed-width UTC ({@code ALARM#2026-11-23T09:41:00.000Z}). Sparse GSI
 * {@code byApi}: partition {@code apiKey} (S) = {@code region#type#api#stage}, sort {@code at} (S), projection
 * ALL; only completed ALARM investigations carry {@code apiKey}. TTL attribute {@code expiresAt} (epoch s).
 *
 * <p>A claim is a conditional put that succeeds when no item exists, or when an earlier attempt failed or
 * its lease ran out (a crashed invocation must not block the retry for ever) — so of N concurrent
 * deliveries of the same transition exactly one posts.
 *
 * <p>A manual re-run has no alarm. When it carries an investigation id (the front door gives it one) it is
 * claimed and completed the same way under {@code pk = investigation#<id>}, {@code sk = RUN#<at>}, so the caller
 * can read it while it runs and after (and a retry of the same invocation posts nothing twice). It never joins
 * the {@code byApi} history: a re-run is a second look at an incident, not another one, and must not raise the
 * "N incidents in 7 days" count. A manual run without an id is not recorded.
 *
 * <p>The item also ties the transition's follow-ups together: {@code slackChannel}/{@code slackTs} of the first
 * Slack message (bot mode; replies go to that thread) and the CloudTrail re-check's state
 * ({@code followUp} SCHEDULED → IN_PROGRESS → DONE, {@code followUpDue}, {@code followUpLease},
 * {@code followUpOutcome}). An OK item sorted after an ALARM item of the same alarm means it resolved.
 */
public final class IncidentLedger {

    public enum Claim { CLAIMED, DUPLICATE, NOT_APPLICABLE }

    public static final String GSI_BY_API = LedgerKeys.GSI_BY_API;
    /** Findings JSON kept per item; DynamoDB items stop at 400 KB. */
    static final int MAX_FINDINGS_BYTES = 300_000;
    private static final DateTimeFormatter SORTABLE = LedgerKeys.SORTABLE;

    private final DynamoDbClient ddb;
    private final String table;
    private final FindingsJson findingsJson;
    private final Clock clock;
    private final Duration retention;

    /** {@code retention}: how long items live (TTL), e.g. 30 days; history looks back less than that. */
    public IncidentLedger(DynamoDbClient ddb, String table, FindingsJson findingsJson, Clock clock, Duration retention) {
        this.ddb = Objects.requireNonNull(ddb, "ddb");
        this.table = Objects.requireNonNull(table, "table");
        this.findingsJson = Objects.requireNonNull(findingsJson, "findingsJson");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** Whether this incident has an item of its own: an alarm transition, or a manual re-run with an id. */
    public static boolean isDedupable(Incident i) {
        return isTransition(i) || (i.alarm() == null && i.investigationId() != null);
    }

    private static boolean isTransition(Incident i) {
        Alarm a = i.alarm();
        return a != null && a.arn() != null && !a.arn().isBlank() && a.state() != null && a.stateChangeTime() != null;
    }

    /**
     * Takes the transition (or the identified re-run) for this invocation until {@code leaseUntil}; DUPLICATE if
     * it is or was someone else's.
     */
    public Claim claim(Incident i, Instant leaseUntil) {
        if (!isDedupable(i)) {
            return Claim.NOT_APPLICABLE;
        }
        Instant now = clock.instant();
        Map<String, AttributeValue> item = key(i);
        item.put("status", s("IN_PROGRESS"));
        item.put("leaseUntil", n(leaseUntil.getEpochSecond()));
        item.put("claimedAt", s(now.toString()));
        if (i.alarm() != null) {
            item.put("alarmName", s(nz(i.alarm().name())));
        } else {
            // What a reader of a running re-run wants before any findings exist.
            item.put("at", s(SORTABLE.format(i.at())));
            item.put("source", s(i.source().name()));
            if (i.requestedBy() != null) {
                item.put("requestedBy", s(i.requestedBy()));
            }
        }
        item.put("apiStage", s(i.apiStageLabel()));
        item.put("expiresAt", n(now.plus(retention).getEpochSecond()));
        try {
            ddb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#st <> :done AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":done", s("DONE"), ":now", n(now.getEpochSecond()))));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            return Claim.DUPLICATE;
        }
    }

    /** Marks the transition (or re-run) reported and keeps what was found. ALARM items join the byApi history. */
    public void complete(Incident i, Findings findings, String outcomes) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", s("DONE"));
        values.put(":outcomes", s(nz(outcomes)));
        values.put(":exp", n(clock.instant().plus(retention).getEpochSecond()));
        StringBuilder set = new StringBuilder("SET #st = :done, outcomes = :outcomes, expiresAt = :exp, leaseUntil = :zero");
        values.put(":zero", n(0));
        if (findings != null) {
            Cause top = findings.topCause();
            values.put(":at", s(SORTABLE.format(i.at())));
            values.put(":sev", s(findings.severity().name()));
            set.append(", #at = :at, severity = :sev");
            if (isTransition(i)) {
                values.put(":apiKey", s(apiKey(i)));
                set.append(", apiKey = :apiKey");
            }
            if (top != null) {
                values.put(":cause", s(top.title()));
                values.put(":conf", s(top.confidence().name()));
                set.append(", topCause = :cause, confidence = :conf");
                if (top.why() != null && !top.why().isBlank()) {
                    values.put(":why", s(top.why()));
                    set.append(", why = :why");
                }
            }
            if (!Double.isNaN(findings.errorRatePercent()) && !Double.isInfinite(findings.errorRatePercent())) {
                values.put(":rate", n(findings.errorRatePercent()));
                set.append(", errorRatePercent = :rate");
            }
            findingsJson.fit(findings, MAX_FINDINGS_BYTES).ifPresent(f -> {
                values.put(":findings", s(f.json()));
                set.append(", findings = :findings");
            });
        }
        Map<String, String> names = new HashMap<>(Map.of("#st", "status"));
        if (findings != null) {
            names.put("#at", "at");
        }
        ddb.updateItem(r -> r.tableName(table).key(key(i)).updateExpression(set.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    /** Nothing went out: let a retry of the same transition claim it again. */
    public void release(Incident i, String reason) {
        if (!isDedupable(i)) {
            return;
        }
        ddb.updateItem(r -> r.tableName(table).key(key(i))
                .updateExpression("SET #st = :failed, leaseUntil = :zero, outcomes = :why")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":failed", s("FAILED"), ":zero", n(0), ":why", s(nz(reason)))));
    }

    /** Earlier completed investigations on the same API stage within {@code lookback} before this one. */
    public History history(Incident i, Duration lookback) {
        String upper = SORTABLE.format(i.at().minusMillis(1));
        String lower = SORTABLE.format(i.at().minus(lookback));
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(GSI_BY_API)
                .keyConditionExpression("apiKey = :k AND #at BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#at", "at"))
                .expressionAttributeValues(Map.of(":k", s(apiKey(i)), ":lo", s(lower), ":hi", s(upper)))
                .projectionExpression("pk, sk, #at, alarmName, apiStage, severity, topCause, confidence, why, errorRatePercent")
                .scanIndexForward(false);
        int count = 0;
        PastIncident last = null;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = ddb.query(start == null ? q.build() : q.exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (last == null) {
                    last = past(item);
                }
                count++;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new History(count, lookback, Optional.ofNullable(last));
    }

    /** The latest ALARM investigation of this alarm before the given (OK) transition, if recorded. */
    public Optional<PastIncident> original(Incident ok) {
        return originalItem(ok).map(IncidentLedger::past);
    }

    /** The Slack thread of the latest ALARM transition of this alarm before the given (OK) one, if it has one. */
    public Optional<SlackThread> originalThread(Incident ok) {
        return originalItem(ok).flatMap(IncidentLedger::thread);
    }

    private Optional<Map<String, AttributeValue>> originalItem(Incident ok) {
        if (ok.alarm() == null || ok.alarm().arn() == null) {
            return Optional.empty();
        }
        QueryResponse r = ddb.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":pk", s(ok.alarm().arn()), ":lo", s("ALARM#"),
                        ":hi", s("ALARM#" + SORTABLE.format(ok.at()))))
                .scanIndexForward(false).limit(1));
        return r.items().stream().findFirst();
    }

    /** Keeps the first Slack message's channel and ts on the transition's item: later messages reply to it. */
    public void recordSlackThread(Incident i, SlackThread thread) {
        if (!isDedupable(i)) {
            return;
        }
        ddb.updateItem(r -> r.tableName(table).key(key(i))
                .updateExpression("SET slackChannel = :c, slackTs = :t")
                .expressionAttributeValues(Map.of(":c", s(thread.channel()), ":t", s(thread.ts()))));
    }

    /** The Slack thread stored for this alarm transition, if its first report went out in bot mode. */
    public Optional<SlackThread> slackThread(Incident i) {
        if (!isDedupable(i)) {
            return Optional.empty();
        }
        return Optional.ofNullable(ddb.getItem(r -> r.tableName(table).consistentRead(true).key(key(i))).item())
                .filter(item -> !item.isEmpty()).flatMap(IncidentLedger::thread);
    }

    private static Optional<SlackThread> thread(Map<String, AttributeValue> item) {
        String channel = str(item, "slackChannel");
        String ts = str(item, "slackTs");
        return channel == null || ts == null ? Optional.empty() : Optional.of(new SlackThread(channel, ts));
    }

    /** Where the re-check of one alarm transition stands (attribute {@code followUp} on its item). */
    public enum FollowUp { SCHEDULED, IN_PROGRESS, DONE }

    /**
     * Marks the transition's re-check as scheduled, once: true when this call set it (the caller then sends
     * the message), false when it was already scheduled or done — so a retried first report schedules no
     * second re-check.
     */
    public boolean markFollowUpScheduled(Incident i, Instant due) {
        if (!isTransition(i)) {
            return false;
        }
        try {
            ddb.updateItem(r -> r.tableName(table).key(key(i))
                    .updateExpression("SET followUp = :s, followUpDue = :due")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(followUp)")
                    .expressionAttributeValues(Map.of(":s", s(FollowUp.SCHEDULED.name()), ":due", s(due.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The re-check message could not be sent: forget the mark, so nothing waits for a re-check that never comes. */
    public void unmarkFollowUp(Incident i) {
        ddb.updateItem(r -> r.tableName(table).key(key(i)).updateExpression("REMOVE followUp, followUpDue"));
    }

    /**
     * Takes the re-check of a transition for this invocation (SQS delivers at least once): CLAIMED when it was
     * scheduled (or an earlier attempt's lease ran out), DUPLICATE when it is done or running elsewhere,
     * NOT_APPLICABLE when the ledger knows no scheduled re-check of it.
     */
    public Claim claimFollowUp(Incident i, Instant leaseUntil) {
        if (!isTransition(i)) {
            return Claim.NOT_APPLICABLE;
        }
        Instant now = clock.instant();
        try {
            ddb.updateItem(r -> r.tableName(table).key(key(i))
                    .updateExpression("SET followUp = :run, followUpLease = :lease")
                    .conditionExpression("followUp = :scheduled OR (followUp = :run AND followUpLease < :now)")
                    .expressionAttributeValues(Map.of(":run", s(FollowUp.IN_PROGRESS.name()),
                            ":scheduled", s(FollowUp.SCHEDULED.name()), ":lease", n(leaseUntil.getEpochSecond()),
                            ":now", n(now.getEpochSecond()))));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).consistentRead(true).key(key(i))).item();
            return item == null || item.isEmpty() || !item.containsKey("followUp") ? Claim.NOT_APPLICABLE : Claim.DUPLICATE;
        }
    }

    /** The re-check is over ({@code outcome}: what was posted, or why nothing was). */
    public void completeFollowUp(Incident i, String outcome) {
        ddb.updateItem(r -> r.tableName(table).key(key(i))
                .updateExpression("SET followUp = :done, followUpOutcome = :o REMOVE followUpLease")
                .expressionAttributeValues(Map.of(":done", s(FollowUp.DONE.name()), ":o", s(nz(outcome)))));
    }

    /** Nothing went out: let SQS's redelivery of the same re-check try again. */
    public void releaseFollowUp(Incident i) {
        ddb.updateItem(r -> r.tableName(table).key(key(i))
                .updateExpression("SET followUp = :s REMOVE followUpLease")
                .expressionAttributeValues(Map.of(":s", s(FollowUp.SCHEDULED.name()))));
    }

    /** True when the alarm went back to OK after this (ALARM) transition: the resolved message covers it. */
    public boolean resolvedSince(Incident alarm) {
        if (!isTransition(alarm)) {
            return false;
        }
        QueryResponse r = ddb.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":pk", s(alarm.alarm().arn()),
                        ":lo", s("OK#" + SORTABLE.format(alarm.alarm().stateChangeTime())), ":hi", s("OK#~")))
                .limit(1));
        return !r.items().isEmpty();
    }

    /** The findings stored for an ALARM transition, if any (the resolved follow-up and tests read it). */
    public Optional<Findings> findings(String alarmArn, Instant stateChangeTime) {
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", s(alarmArn), "sk", s("ALARM#" + SORTABLE.format(stateChangeTime))))).item();
        return Optional.ofNullable(item).map(it -> it.get("findings")).map(AttributeValue::s).map(findingsJson::read);
    }

    static String apiKey(Incident i) {
        return LedgerKeys.apiKey(i.region(), i.api().type(), i.api().id(), i.api().name(), i.stage());
    }

    private static Map<String, AttributeValue> key(Incident i) {
        Map<String, AttributeValue> key = new HashMap<>();
        if (!isTransition(i)) {
            key.put("pk", s(LedgerKeys.investigationPk(i.investigationId())));
            key.put("sk", s(LedgerKeys.runSk(i.at())));
            return key;
        }
        key.put("pk", s(i.alarm().arn()));
        key.put("sk", s(i.alarm().state().name() + "#" + SORTABLE.format(i.alarm().stateChangeTime())));
        return key;
    }

    private static PastIncident past(Map<String, AttributeValue> item) {
        String sk = str(item, "sk");
        Instant at = sk == null ? null : Instant.parse(sk.substring(sk.indexOf('#') + 1));
        return new PastIncident(at, str(item, "apiStage"), str(item, "alarmName"),
                enumOr(Severity.class, str(item, "severity"), Severity.UNKNOWN), str(item, "topCause"),
                enumOr(Confidence.class, str(item, "confidence"), null), str(item, "why"),
                item.containsKey("errorRatePercent") ? Double.parseDouble(item.get("errorRatePercent").n()) : Double.NaN);
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String name, E fallback) {
        try {
            return name == null ? fallback : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static String nz(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static AttributeValue n(double v) {
        return AttributeValue.fromN(String.format(Locale.ROOT, "%.4f", v));
    }
}

package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.ConfigStamps;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.evidence.Topology;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failing path's own timestamps as changes (reference/config-timestamps.md): a Lambda target's LastModified
 * ($LATEST for an unqualified target, else the version its alias resolves to), the first log stream of the
 * aliased version (an alias move has no timestamp of its own), the stage's lastUpdatedDate, its deployment's
 * createdDate, and the UpdateDate of managed policies on the execution roles. They are there at alarm time,
 * minutes before CloudTrail lists the call. {@link #merge} folds each into the CloudTrail record of the same change.
 */
public final class TimestampChanges {

    /** Id prefix of changes that come from a resource's timestamp (evidence references, {@code notBlamed}). */
    public static final String ID_PREFIX = "stamp:";

    /** A resource timestamp and a CloudTrail record this close are the same change. */
    static final Duration SAME_CHANGE = Duration.ofMinutes(2);
    /** The first log stream of a version trails the alias move by the time the next request takes. */
    static final Duration ALIAS_TO_FIRST_LOG = Duration.ofMinutes(10);

    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final Pattern STREAM_VERSION = Pattern.compile("\\[(\\d+|\\$LATEST)\\]");

    public List<TypedChange> read(Evidence evidence) {
        Topology t = evidence.topology();
        if (t == null) {
            return List.of();
        }
        List<TypedChange> out = new ArrayList<>();
        for (LambdaTarget target : t.lambdaTargets()) {
            lambda(target).ifPresent(out::add);
            firstLogOfVersion(target, evidence.logs()).ifPresent(out::add);
        }
        ConfigStamps s = t.stamps();
        if (s != null) {
            String deployment = s.deploymentId() != null ? s.deploymentId() : t.deploymentId();
            if (s.deploymentCreated() != null) {
                String what = "deployment " + deployment + (s.deploymentDescription() == null || s.deploymentDescription().isBlank() ? ""
                        : " '" + s.deploymentDescription() + "'") + (Boolean.TRUE.equals(s.autoDeploy()) ? ", auto-deployed" : "");
                out.add(stamp("deployment:" + deployment, s.deploymentCreated(), "CreateDeployment", "apigateway.amazonaws.com",
                        ChangeKind.API_DEPLOYMENT, null, null, null, null, t.apiId(), t.stage(), null,
                        "stage " + t.stage() + " serves " + what + ", created " + hms(s.deploymentCreated())));
            }
            // A redeploy moves both dates together: the stage's own date only counts when it tells something else.
            if (s.stageLastUpdated() != null && (s.deploymentCreated() == null
                    || Duration.between(s.deploymentCreated(), s.stageLastUpdated()).abs().compareTo(SAME_CHANGE) > 0)) {
                out.add(stamp("stage:" + t.stage(), s.stageLastUpdated(), "UpdateStage", "apigateway.amazonaws.com",
                        ChangeKind.API_STAGE, null, null, null, null, t.apiId(), t.stage(), null,
                        "stage " + t.stage() + " last updated " + hms(s.stageLastUpdated()) + " (lastUpdatedDate)"));
            }
            for (ConfigStamps.ManagedPolicy p : s.managedPolicies()) {
                if (p.updateDate() != null && p.role() != null) {
                    String name = p.policyArn().substring(p.policyArn().lastIndexOf('/') + 1);
                    out.add(stamp("policy:" + p.policyArn(), p.updateDate(), "CreatePolicyVersion", "iam.amazonaws.com",
                            ChangeKind.IAM_ROLE, null, null, null, p.role(), null, null, p.policyArn(),
                            "managed policy " + name + " on " + p.role() + ": newest version "
                                    + (p.defaultVersionId() == null ? "" : "(default " + p.defaultVersionId() + ") ") + "created " + hms(p.updateDate())));
                }
            }
        }
        out.sort(Comparator.comparing(TypedChange::time));
        return out;
    }

    private static Optional<TypedChange> lambda(LambdaTarget target) {
        Instant modified = parseLambdaTime(target.lastModified());
        if (!target.exists() || modified == null) {
            return Optional.empty();
        }
        boolean latest = target.qualifier() == null || target.qualifier().equals("$LATEST");
        String version = latest ? null : target.version();
        String status = target.lastUpdateStatus() == null || target.lastUpdateStatus().equals("Successful") ? ""
                : "; LastUpdateStatus " + target.lastUpdateStatus() + ("InProgress".equals(target.lastUpdateStatus()) ? " (still rolling out)" : "");
        String detail = latest
                ? "$LATEST code or configuration changed " + hms(modified) + " (LastModified" + sha(target) + ")" + status
                : "alias " + target.qualifier() + " → version " + target.version() + " (code or configuration changed " + hms(modified)
                        + sha(target) + ")" + status;
        // The version's LastModified may be carried over from $LATEST (not always the publish time): it dates the
        // code the alias now serves, which is what a regression needs.
        return Optional.of(stamp("lambda:" + target.functionName() + (latest ? "" : ":" + target.qualifier()), modified,
                latest ? "UpdateFunctionCode" : "PublishVersion", "lambda.amazonaws.com",
                latest ? ChangeKind.LAMBDA_CODE : ChangeKind.LAMBDA_VERSION_PUBLISHED, target.functionName(),
                latest ? null : target.qualifier(), version, null, null, null, null, detail));
    }

    /**
     * Alias moves carry no date; the first log line in a stream of the aliased version ({@code 2026/03/14/[43]…}),
     * after lines from another version's streams, shows when traffic reached it.
     */
    private static Optional<TypedChange> firstLogOfVersion(LambdaTarget target, List<LogEvent> logs) {
        if (target.qualifier() == null || target.version() == null || target.qualifier().matches("\\d+|\\$LATEST")) {
            return Optional.empty();
        }
        String group = LogSignals.LAMBDA_GROUP_PREFIX + target.functionName();
        Instant firstOther = null;
        Instant firstNew = null;
        for (LogEvent e : logs) {
            if (!group.equals(e.logGroup()) || e.logStream() == null) {
                continue;
            }
            Matcher m = STREAM_VERSION.matcher(e.logStream());
            if (!m.find()) {
                continue;
            }
            if (m.group(1).equals(target.version())) {
                firstNew = firstNew == null || e.timestamp().isBefore(firstNew) ? e.timestamp() : firstNew;
            } else {
                firstOther = firstOther == null || e.timestamp().isBefore(firstOther) ? e.timestamp() : firstOther;
            }
        }
        if (firstNew == null || firstOther == null || !firstOther.isBefore(firstNew)) {
            return Optional.empty();
        }
        return Optional.of(stamp("alias:" + target.functionName() + ":" + target.qualifier(), firstNew, "UpdateAlias",
                "lambda.amazonaws.com", ChangeKind.LAMBDA_ALIAS, target.functionName(), target.qualifier(), target.version(),
                null, null, null, null, "alias " + target.qualifier() + " → version " + target.version() + ": first log stream of "
                        + target.version() + " at " + hms(firstNew)));
    }

    /**
     * One change per change: a timestamp that a CloudTrail record of the same resource confirms (within
     * {@link #SAME_CHANGE}, or before the first log line of an aliased version) is folded into that record,
     * which keeps its actor and gains the detail.
     */
    public static List<TypedChange> merge(List<TypedChange> cloudTrail, List<TypedChange> stamps) {
        List<TypedChange> merged = new ArrayList<>(cloudTrail);
        for (TypedChange s : stamps) {
            int match = -1;
            for (int i = 0; i < merged.size(); i++) {
                TypedChange c = merged.get(i);
                if (c.origin() == ChangeOrigin.CLOUDTRAIL && !c.failed() && sameChange(c, s)) {
                    match = i;
                }
            }
            if (match >= 0) {
                merged.set(match, merged.get(match).confirmedBy(s));
            } else {
                merged.add(s);
            }
        }
        merged.sort(Comparator.comparing(TypedChange::time));
        return merged;
    }

    static boolean sameChange(TypedChange trail, TypedChange stamp) {
        Duration gap = Duration.between(trail.time(), stamp.time());
        boolean close = gap.abs().compareTo(SAME_CHANGE) <= 0;
        return switch (stamp.kind()) {
            case LAMBDA_CODE -> close && stamp.functionName().equals(trail.functionName())
                    && (trail.kind() == ChangeKind.LAMBDA_CODE || trail.kind() == ChangeKind.LAMBDA_CONFIG);
            case LAMBDA_VERSION_PUBLISHED -> close && stamp.functionName().equals(trail.functionName())
                    && (trail.kind() == ChangeKind.LAMBDA_VERSION_PUBLISHED || trail.kind() == ChangeKind.LAMBDA_CODE
                    || trail.kind() == ChangeKind.LAMBDA_CONFIG)
                    && (trail.version() == null || trail.version().equals(stamp.version()));
            case LAMBDA_ALIAS -> stamp.functionName().equals(trail.functionName()) && trail.kind() == ChangeKind.LAMBDA_ALIAS
                    && stamp.qualifier().equals(trail.qualifier()) && !gap.isNegative() && gap.compareTo(ALIAS_TO_FIRST_LOG) <= 0;
            case API_DEPLOYMENT, API_STAGE -> close && stamp.apiId() != null && stamp.apiId().equals(trail.apiId())
                    && (trail.kind() == ChangeKind.API_DEPLOYMENT || trail.kind() == ChangeKind.API_STAGE);
            case IAM_ROLE -> close && trail.kind() == ChangeKind.IAM_ROLE && stamp.roleName().equals(trail.roleName())
                    || close && stamp.policyArn() != null && stamp.policyArn().equals(trail.policyArn());
            default -> false;
        };
    }

    private static TypedChange stamp(String id, Instant time, String eventName, String source, ChangeKind kind, String function,
                                     String qualifier, String version, String role, String apiId, String stage, String policyArn,
                                     String detail) {
        return new TypedChange(ID_PREFIX + id, time, eventName, source, kind, null, false, function, qualifier, version, role, apiId,
                stage, null, null, List.of(), null, null, null, null, null, null, policyArn, ChangeOrigin.RESOURCE_TIMESTAMP, detail);
    }

    /** Lambda's {@code 2020-04-10T19:06:32.563+0000}; moto's {@code …T09:42:17.481000000Z}; null when neither. */
    public static Instant parseLambdaTime(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(s, LAMBDA_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    private static String sha(LambdaTarget t) {
        return t.codeSha256() == null ? "" : ", CodeSha256 " + t.codeSha256().substring(0, Math.min(8, t.codeSha256().length())) + "…";
    }

    static String hms(Instant t) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC).format(t);
    }
}

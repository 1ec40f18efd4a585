package io.apigw5xx.responder.analysis.scenarios;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.evidence.Authorizer;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.ChangeResource;
import io.apigw5xx.responder.evidence.ConfigStamps;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.evidence.MetricPoint;
import io.apigw5xx.responder.evidence.MetricSeries;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntToDoubleFunction;

/**
 * Builds one realistic scenario: GetMetricData-shaped series, CloudTrail LookupEvents results carrying full
 * records, verbatim Lambda / execution / access log lines and the raw trigger event (reference/*.md).
 * Minutes are counted relative to the alarm's minute: {@code -3} is three minutes before the alarm fired.
 * Deterministic: everything random comes from the seed.
 */
final class ScenarioKit {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String REST_ID = "a1b2c3d4e5";
    static final String HTTP_ID = "x9y8z7w6v5";
    static final String FN = "orders-handler";
    static final String FN_ROLE = "orders-handler-role";
    private static final DateTimeFormatter SNS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ENGLISH).withZone(ZoneOffset.UTC);

    final ObjectMapper json = JsonMappers.create();
    final String name;
    final String description;
    final ApiType type;
    final String apiId;
    final String apiName;
    final String stage = "prod";
    final Instant alarmAt;
    final Instant alarmMinute;
    final Random random;
    Instant collectedAt;
    int lastMinute = -1;
    double alarmThreshold = 5;
    int evaluationPeriods = 1;

    final List<MetricSeries> metrics = new ArrayList<>();
    final List<ChangeEvent> changes = new ArrayList<>();
    final List<LogEvent> logs = new ArrayList<>();
    final List<Gap> gaps = new ArrayList<>();
    Topology topology;
    ObjectNode trigger;
    private String logVersion = "42";
    private String newVersion;
    private Instant newVersionFrom;
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    final ObjectNode expect;
    private double[] requests;
    private double[] errors;

    ScenarioKit(String name, String description, ApiType type, Instant alarmAt, long seed) {
        this.name = name;
        this.description = description;
        this.type = type;
        this.apiId = type == ApiType.REST ? REST_ID : HTTP_ID;
        this.apiName = type == ApiType.REST ? "orders-api" : "orders-http-api";
        this.alarmAt = alarmAt;
        this.alarmMinute = alarmAt.truncatedTo(ChronoUnit.MINUTES);
        this.random = new Random(seed);
        this.collectedAt = alarmAt.plusSeconds(38);
        this.expect = json.createObjectNode();
    }

    Instant minute(int offset) {
        return alarmMinute.plus(Duration.ofMinutes(offset));
    }

    /** A time inside minute {@code offset}, {@code second} seconds in. */
    Instant at(int offset, int second) {
        return minute(offset).plusSeconds(second);
    }

    // ---------------------------------------------------------------- metrics

    /** Minutes -60 .. lastMinute; requests and 5xx rate per minute; {@code missing} minutes have no datapoint. */
    ScenarioKit traffic(IntToDoubleFunction requestsPerMinute, IntToDoubleFunction errorRate, Set<Integer> missing) {
        int n = lastMinute + 61;
        requests = new double[n];
        errors = new double[n];
        List<MetricPoint> count = new ArrayList<>();
        List<MetricPoint> fives = new ArrayList<>();
        List<MetricPoint> fours = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int offset = i - 60;
            double base = requestsPerMinute.applyAsDouble(offset);
            double r = Math.max(0, Math.round(base * (1 + 0.04 * random.nextGaussian())));
            double rate = errorRate.applyAsDouble(offset);
            double e = Math.min(r, Math.round(r * rate * (1 + 0.05 * random.nextGaussian())));
            requests[i] = r;
            errors[i] = e;
            if (missing.contains(offset) || r == 0) {
                continue;
            }
            count.add(new MetricPoint(minute(offset), r));
            fives.add(new MetricPoint(minute(offset), e));
            fours.add(new MetricPoint(minute(offset), Math.round(r * 0.012)));
        }
        Map<String, String> dims = apiDims();
        String fiveName = type == ApiType.REST ? "5XXError" : "5xx";
        String fourName = type == ApiType.REST ? "4XXError" : "4xx";
        metrics.add(new MetricSeries("m5xx", "AWS/ApiGateway", fiveName, dims, "Sum", 60, fives));
        metrics.add(new MetricSeries("m4xx", "AWS/ApiGateway", fourName, dims, "Sum", 60, fours));
        metrics.add(new MetricSeries("mcount", "AWS/ApiGateway", "Count", dims, "Sum", 60, count));
        return this;
    }

    double requestsAt(int offset) {
        return requests[offset + 60];
    }

    double errorsAt(int offset) {
        return errors[offset + 60];
    }

    ScenarioKit apiLatency(IntToDoubleFunction integrationMax) {
        List<MetricPoint> integ = new ArrayList<>();
        List<MetricPoint> total = new ArrayList<>();
        for (int offset = -60; offset <= lastMinute; offset++) {
            if (requests[offset + 60] == 0) {
                continue;
            }
            double v = Math.round(integrationMax.applyAsDouble(offset) * (1 + 0.03 * Math.abs(random.nextGaussian())));
            integ.add(new MetricPoint(minute(offset), v));
            total.add(new MetricPoint(minute(offset), v + 12 + random.nextInt(20)));
        }
        metrics.add(new MetricSeries("mintlat", "AWS/ApiGateway", "IntegrationLatency", apiDims(), "Maximum", 60, cap(integ, type == ApiType.REST ? 29_050 : 30_050)));
        metrics.add(new MetricSeries("mlat", "AWS/ApiGateway", "Latency", apiDims(), "Maximum", 60, cap(total, type == ApiType.REST ? 29_080 : 30_080)));
        return this;
    }

    private static List<MetricPoint> cap(List<MetricPoint> points, double max) {
        return points.stream().map(p -> new MetricPoint(p.timestamp(), Math.min(max, p.value()))).toList();
    }

    /** Lambda metrics for one function: invocations as a share of requests, errors/throttles/duration per minute. */
    ScenarioKit lambda(String function, IntToDoubleFunction share, IntToDoubleFunction errorsPerMinute, IntToDoubleFunction throttlesPerMinute,
                       IntToDoubleFunction durationMax, double concurrencyPerRequest) {
        List<MetricPoint> inv = new ArrayList<>();
        List<MetricPoint> err = new ArrayList<>();
        List<MetricPoint> thr = new ArrayList<>();
        List<MetricPoint> dur = new ArrayList<>();
        List<MetricPoint> conc = new ArrayList<>();
        for (int offset = -60; offset <= lastMinute; offset++) {
            double r = Math.round(requests[offset + 60] * share.applyAsDouble(offset));
            if (r == 0) {
                continue;
            }
            double t = Math.round(throttlesPerMinute.applyAsDouble(offset));
            double invocations = Math.max(0, Math.round(r - t));
            inv.add(new MetricPoint(minute(offset), invocations));
            err.add(new MetricPoint(minute(offset), Math.min(invocations, Math.round(errorsPerMinute.applyAsDouble(offset)))));
            thr.add(new MetricPoint(minute(offset), t));
            dur.add(new MetricPoint(minute(offset), Math.round(durationMax.applyAsDouble(offset) * 100) / 100.0));
            conc.add(new MetricPoint(minute(offset), Math.max(1, Math.round(invocations * concurrencyPerRequest))));
        }
        Map<String, String> dims = Map.of("FunctionName", function);
        String id = function.replaceAll("[^a-z0-9]", "");
        metrics.add(new MetricSeries("l" + id + "inv", "AWS/Lambda", "Invocations", dims, "Sum", 60, inv));
        metrics.add(new MetricSeries("l" + id + "err", "AWS/Lambda", "Errors", dims, "Sum", 60, err));
        metrics.add(new MetricSeries("l" + id + "thr", "AWS/Lambda", "Throttles", dims, "Sum", 60, thr));
        metrics.add(new MetricSeries("l" + id + "dur", "AWS/Lambda", "Duration", dims, "Maximum", 60, dur));
        metrics.add(new MetricSeries("l" + id + "conc", "AWS/Lambda", "ConcurrentExecutions", dims, "Maximum", 60, conc));
        return this;
    }

    /** Overrides ConcurrentExecutions of a function with a flat cap from minute {@code from}. */
    ScenarioKit concurrencyCap(String function, int from, int cap) {
        for (int i = 0; i < metrics.size(); i++) {
            MetricSeries s = metrics.get(i);
            if (s.metricName().equals("ConcurrentExecutions") && function.equals(s.dimension("FunctionName"))) {
                List<MetricPoint> pts = s.points().stream().map(p -> p.timestamp().isBefore(minute(from)) ? p
                        : new MetricPoint(p.timestamp(), cap)).toList();
                metrics.set(i, new MetricSeries(s.id(), s.namespace(), s.metricName(), s.dimensions(), s.stat(), 60, pts));
            }
        }
        return this;
    }

    Map<String, String> apiDims() {
        return type == ApiType.REST ? Map.of("ApiName", apiName, "Stage", stage) : Map.of("ApiId", apiId, "Stage", stage);
    }

    // ---------------------------------------------------------------- topology

    static String functionArn(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
    }

    static String roleArn(String role) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + role;
    }

    String lambdaUri(String function, String qualifier) {
        return "arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + functionArn(function)
                + (qualifier == null ? "" : ":" + qualifier) + "/invocations";
    }

    /** A resource policy statement as Lambda's GetPolicy returns it. */
    String policy(String function, String qualifier, String... sourcePaths) {
        ArrayNode statements = json.createArrayNode();
        int i = 0;
        for (String path : sourcePaths) {
            ObjectNode s = statements.addObject();
            s.put("Sid", "apigw-" + apiId + "-" + (i++));
            s.put("Effect", "Allow");
            s.putObject("Principal").put("Service", "apigateway.amazonaws.com");
            s.put("Action", "lambda:InvokeFunction");
            s.put("Resource", functionArn(function) + (qualifier == null ? "" : ":" + qualifier));
            s.putObject("Condition").putObject("ArnLike").put("AWS:SourceArn",
                    "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + path);
        }
        ObjectNode p = json.createObjectNode();
        p.put("Version", "2012-10-17");
        p.put("Id", "default");
        p.set("Statement", statements);
        return p.toString();
    }

    LambdaTarget target(String function, String qualifier, String version, int timeoutSeconds, Integer reserved, String policy) {
        return new LambdaTarget(function, qualifier, functionArn(function) + (qualifier == null ? "" : ":" + qualifier), true,
                timeoutSeconds, 1024, reserved, roleArn(function + "-role"), version, "2026-03-14T08:02:11.000+0000",
                "kq3bX0uT9m1ZQb7sJ8Yw2p6Vd4Nn5Rr0Hh1Ee2Ff3Gg=", policy, false, false);
    }

    Integration lambdaIntegration(String route, String function, String qualifier, Integer timeoutMillis) {
        return new Integration(route, "AWS_PROXY", lambdaUri(function, qualifier), type == ApiType.REST ? "POST" : null,
                timeoutMillis, "INTERNET", null, function, qualifier);
    }

    /** The usual orders API: POST /orders and GET /orders/{id} on orders-handler:live. */
    ScenarioKit ordersTopology(String version, int lambdaTimeout, Integer reserved, String policy) {
        topology = new Topology(type, apiId, apiName, stage, "k3l9zq", Map.of(), type == ApiType.REST,
                "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/aws/apigateway/" + apiName + "-access",
                List.of(lambdaIntegration("POST /orders", FN, "live", type == ApiType.REST ? 29000 : 30000),
                        lambdaIntegration("GET /orders/{id}", FN, "live", type == ApiType.REST ? 29000 : 30000)),
                List.of(), List.of(target(FN, "live", version, lambdaTimeout, reserved,
                policy != null ? policy : policy(FN, "live", apiId + "/*/*/orders", apiId + "/*/*/orders/*"))),
                null, null, List.of());
        return this;
    }

    // ---------------------------------------------------------------- CloudTrail

    /** A full CloudTrail record plus its LookupEvents summary. {@code session} is the role session name. */
    ChangeEvent trail(String eventName, String source, Instant time, String role, String session, String userAgent,
                      ObjectNode request, ObjectNode response, String resourceType, String resourceName) {
        String eventId = uuid();
        ObjectNode r = json.createObjectNode();
        r.put("eventVersion", "1.09");
        ObjectNode id = r.putObject("userIdentity");
        id.put("type", "AssumedRole");
        id.put("principalId", "AROA" + Long.toHexString(role.hashCode() & 0xffffffffL).toUpperCase() + "EXAMPLE:" + session);
        id.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session);
        id.put("accountId", ACCOUNT);
        id.put("accessKeyId", "ASIA" + Long.toHexString(session.hashCode() & 0xffffffffL).toUpperCase() + "EXAMPLE");
        ObjectNode ctx = id.putObject("sessionContext");
        ObjectNode issuer = ctx.putObject("sessionIssuer");
        issuer.put("type", "Role");
        issuer.put("principalId", "AROA" + Long.toHexString(role.hashCode() & 0xffffffffL).toUpperCase() + "EXAMPLE");
        issuer.put("arn", roleArn(role));
        issuer.put("accountId", ACCOUNT);
        issuer.put("userName", role);
        ctx.putObject("webIdFederationData");
        ObjectNode attrs = ctx.putObject("attributes");
        attrs.put("creationDate", time.minusSeconds(300).truncatedTo(ChronoUnit.SECONDS).toString());
        attrs.put("mfaAuthenticated", "false");
        r.put("eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
        r.put("eventSource", source);
        r.put("eventName", eventName);
        r.put("awsRegion", source.startsWith("iam") ? "us-east-1" : REGION);
        r.put("sourceIPAddress", "203.0.113." + (10 + Math.abs(session.hashCode() % 200)));
        r.put("userAgent", userAgent);
        r.set("requestParameters", request);
        if (response == null) {
            r.putNull("responseElements");
        } else {
            r.set("responseElements", response);
        }
        r.put("requestID", uuid());
        r.put("eventID", eventId);
        r.put("readOnly", false);
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", ACCOUNT);
        r.put("eventCategory", "Management");
        ChangeEvent e = new ChangeEvent(eventId, eventName, source, time.truncatedTo(ChronoUnit.SECONDS), session,
                List.of(new ChangeResource(resourceType, resourceName)), r.toString());
        changes.add(e);
        return e;
    }

    static final String CLI_LAMBDA = "aws-cli/2.22.10 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/command#lambda.";
    static final String TERRAFORM = "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2 aws-sdk-go-v2/1.32.7 os/linux";

    ObjectNode functionConfig(String function, String version, int timeout) {
        ObjectNode resp = json.createObjectNode();
        resp.put("functionName", function);
        resp.put("functionArn", functionArn(function) + (version == null ? "" : ":" + version));
        resp.put("runtime", "java21");
        resp.put("role", roleArn(function + "-role"));
        resp.put("handler", "com.example.orders.Handler::handleRequest");
        resp.put("codeSize", 18734512);
        resp.put("description", "");
        resp.put("timeout", timeout);
        resp.put("memorySize", 1024);
        resp.put("lastModified", "2026-03-14T09:38:05.402+0000");
        resp.put("codeSha256", "Zp" + Long.toHexString(random.nextLong()) + "Qb7sJ8Yw2p6Vd4Nn5Rr0Hh=");
        resp.put("version", version == null ? "$LATEST" : version);
        resp.putObject("tracingConfig").put("mode", "PassThrough");
        resp.put("revisionId", uuid());
        resp.put("state", "Active");
        resp.put("lastUpdateStatus", "InProgress");
        resp.put("packageType", "Zip");
        resp.putArray("architectures").add("arm64");
        resp.putObject("loggingConfig").put("logFormat", "Text").put("logGroup", "/aws/lambda/" + function);
        return resp;
    }

    /** CI deploy: UpdateFunctionCode (publish) + PublishVersion + UpdateAlias, as a pipeline makes them. */
    List<ChangeEvent> deploy(String function, String alias, String version, Instant time, String session) {
        ObjectNode code = json.createObjectNode();
        code.put("functionName", function);
        code.put("s3Bucket", "ci-artifacts-" + ACCOUNT);
        code.put("s3Key", function + "/" + Long.toHexString(random.nextLong()).substring(0, 7) + ".zip");
        code.put("publish", false);
        code.put("dryRun", false);
        ChangeEvent a = trail("UpdateFunctionCode20150331v2", "lambda.amazonaws.com", time, "ci-deploy-role", session,
                CLI_LAMBDA + "update-function-code", code, functionConfig(function, null, 10), "AWS::Lambda::Function", function);
        ObjectNode pub = json.createObjectNode();
        pub.put("functionName", function);
        pub.put("description", "build " + session);
        ChangeEvent b = trail("PublishVersion20150331", "lambda.amazonaws.com", time.plusSeconds(19), "ci-deploy-role", session,
                CLI_LAMBDA + "publish-version", pub, functionConfig(function, version, 10), "AWS::Lambda::Function", function);
        ChangeEvent c = updateAlias(function, alias, version, time.plusSeconds(24), "ci-deploy-role", session);
        return List.of(a, b, c);
    }

    ChangeEvent updateAlias(String function, String alias, String version, Instant time, String role, String session) {
        ObjectNode req = json.createObjectNode();
        req.put("functionName", function);
        req.put("name", alias);
        req.put("functionVersion", version);
        ObjectNode resp = json.createObjectNode();
        resp.put("aliasArn", functionArn(function) + ":" + alias);
        resp.put("name", alias);
        resp.put("functionVersion", version);
        resp.put("description", "");
        resp.put("revisionId", uuid());
        return trail("UpdateAlias20150331", "lambda.amazonaws.com", time, role, session, CLI_LAMBDA + "update-alias", req, resp,
                "AWS::Lambda::Function", function);
    }

    ChangeEvent iamRolePolicy(String eventName, String role, String policyArnOrName, Instant time, String actorRole, String session) {
        ObjectNode req = json.createObjectNode();
        req.put("roleName", role);
        if (eventName.contains("Attach") || eventName.contains("Detach")) {
            req.put("policyArn", policyArnOrName);
        } else {
            req.put("policyName", policyArnOrName);
            if (eventName.startsWith("Put")) {
                req.put("policyDocument", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::analytics-raw-" + ACCOUNT + "/*\"}]}");
            }
        }
        return trail(eventName, "iam.amazonaws.com", time, actorRole, session, TERRAFORM, req, null, "AWS::IAM::Role", role);
    }

    ChangeEvent apigw(String eventName, Instant time, String role, String session, ObjectNode request, ObjectNode response) {
        return trail(eventName, "apigateway.amazonaws.com", time, role, session, "AWS Internal", request, response,
                type == ApiType.REST ? "AWS::ApiGateway::RestApi" : "AWS::ApiGatewayV2::Api",
                request.has("restApiId") ? request.get("restApiId").asText() : request.path("apiId").asText(apiId));
    }

    ObjectNode patch(String op, String path, String value) {
        ObjectNode p = json.createObjectNode();
        p.put("op", op);
        p.put("path", path);
        p.put("value", value);
        return p;
    }

    ChangeEvent createDeployment(Instant time, String role, String session) {
        ObjectNode req = json.createObjectNode();
        req.put("restApiId", apiId);
        req.putObject("createDeploymentInput").put("stageName", stage).put("description", "deploy " + session);
        ObjectNode resp = json.createObjectNode();
        String id = Long.toString(Math.abs(random.nextLong()) % 2176782336L, 36);
        resp.put("id", id);
        resp.put("createdDate", time.truncatedTo(ChronoUnit.SECONDS).toString());
        resp.putObject("self").put("restApiId", apiId).put("deploymentId", id);
        return apigw("CreateDeployment", time, role, session, req, resp);
    }

    // ---------------------------------------------------------------- logs

    String requestId() {
        return uuid();
    }

    void lambdaLog(String function, Instant t, String message) {
        String version = newVersion != null && !t.isBefore(newVersionFrom) ? newVersion : logVersion;
        logs.add(new LogEvent("/aws/lambda/" + function, "2026/03/14/[" + version + "]" + Long.toHexString(function.hashCode() & 0xffffffffL)
                + "5e1f0c2b", t, message));
    }

    /** Lambda log streams name the version that wrote them: {@code old} before {@code at}, {@code next} from then on. */
    ScenarioKit logVersions(String old, String next, Instant at) {
        this.logVersion = old;
        this.newVersion = next;
        this.newVersionFrom = at;
        return this;
    }

    /** Plain traffic lines in the function's log (START/END/REPORT), so version streams show when traffic moved. */
    void okLines(String function, int from, int to, int perMinute) {
        everyMinute(from, to, perMinute, (t, id) -> {
            lambdaLog(function, t, "START RequestId: " + id + " Version: " + (newVersion != null && !t.isBefore(newVersionFrom) ? newVersion : logVersion));
            lambdaLog(function, t.plusMillis(90), "REPORT RequestId: " + id + "\tDuration: 88.10 ms\tBilled Duration: 89 ms\tMemory Size: 1024 MB\tMax Memory Used: 190 MB");
        });
    }

    /** The stage's and its deployment's own timestamps, as the topology adapter reads them. */
    ScenarioKit stamps(Instant stageUpdated, String deploymentId, Instant deploymentCreated, String description, Boolean autoDeploy) {
        topology = topology.withStamps(new ConfigStamps(stageUpdated, deploymentId, deploymentCreated, description, autoDeploy, List.of()));
        return this;
    }

    /**
     * A CI deploy of {@code version} behind {@code alias} at {@code t}: the CloudTrail calls, the version's LastModified a
     * second later, and the function's log streams moving from {@code previous} to it at {@code firstTraffic}, with
     * plain traffic lines from minute {@code okFrom}.
     */
    ScenarioKit versionDeploy(String function, String alias, String previous, String version, Instant t, Instant firstTraffic,
                              String session, int okFrom) {
        deploy(function, alias, version, t, session);
        targetModified(function, t.plusSeconds(1), version);
        logVersions(previous, version, firstTraffic);
        okLines(function, okFrom, -1, 1);
        return this;
    }

    /** Sets a target's LastModified (and the version its alias resolves to), as GetFunction returns them. */
    ScenarioKit targetModified(String function, Instant lastModified, String version) {
        topology = topology.withLambdaTargets(topology.lambdaTargets().stream().map(l -> !l.functionName().equals(function) ? l
                : new LambdaTarget(l.functionName(), l.qualifier(), l.functionArn(), l.exists(), l.timeoutSeconds(), l.memoryMb(),
                        l.reservedConcurrency(), l.role(), version != null ? version : l.version(),
                        LAMBDA_TIME.format(lastModified), l.codeSha256(), l.policy(), false, false, "Successful", null)).toList());
        return this;
    }

    /**
     * Read as the responder reads at alarm time: {@code seconds} after the alarm; CloudTrail lists only events at least
     * 5 minutes old then and says so (delivery delay); no log line after the read.
     */
    ScenarioKit atAlarmTime(int seconds) {
        collectedAt = alarmAt.plusSeconds(seconds);
        Instant listed = collectedAt.minus(Duration.ofMinutes(5));
        changes.removeIf(c -> c.eventTime().isAfter(listed));
        logs.removeIf(l -> l.timestamp().isAfter(collectedAt));
        gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, "delivery delay: CloudTrail delivers events about 5 (up to 15) "
                + "minutes after the call: changes made after " + collectedAt.minus(Duration.ofMinutes(15)) + " may not be listed yet"));
        return this;
    }

    ScenarioKit maxConfidence(String confidence) {
        expect.put("maxConfidence", confidence);
        return this;
    }

    void executionLog(Instant t, String requestId, String message) {
        logs.add(new LogEvent("API-Gateway-Execution-Logs_" + apiId + "/" + stage,
                Long.toHexString(Math.abs(requestId.hashCode())) + "c9f1a20be5ab8fb7", t, "(" + requestId + ") " + message));
    }

    void accessLog(Instant t, String method, String path, int status, String integrationStatus, long integrationLatency,
                   String integrationError, String errorMessage, String errorType, String lambdaRequestId) {
        ObjectNode a = json.createObjectNode();
        a.put("requestId", type == ApiType.REST ? requestId() : "Qm" + Long.toHexString(random.nextLong()).substring(0, 12) + "=");
        a.put("time", CLF.format(t));
        a.put("method", method);
        a.put("path", path);
        a.put("status", Integer.toString(status));
        a.put("integrationStatus", integrationStatus);
        a.put("integrationLatency", Long.toString(integrationLatency));
        a.put("responseLatency", Long.toString(integrationLatency + 9));
        a.put("integrationError", integrationError);
        a.put("errorMessage", errorMessage);
        a.put("errorType", errorType);
        a.put("lambdaRequestId", lambdaRequestId);
        logs.add(new LogEvent("/aws/apigateway/" + apiName + "-access", "ffe2a0c1b2d3e4f5", t, a.toString()));
    }

    /** A Java unhandled exception in Lambda's log, and the REPORT line that follows it. */
    void javaException(String function, Instant t, String lambdaRequestId, String exception, String message, String frame) {
        lambdaLog(function, t, message + ": " + exception + "\n" + exception + ": " + message + "\n\tat " + frame
                + "\n\tat com.example.orders.Handler.handleRequest(Handler.java:41)");
        lambdaLog(function, t.plusMillis(3), "END RequestId: " + lambdaRequestId);
        lambdaLog(function, t.plusMillis(4), "REPORT RequestId: " + lambdaRequestId + "\tDuration: " + (80 + random.nextInt(300)) + "."
                + (10 + random.nextInt(89)) + " ms\tBilled Duration: 312 ms\tMemory Size: 1024 MB\tMax Memory Used: 201 MB");
    }

    /** Samples of failure lines for the minutes in [from, to]: {@code perMinute} each. */
    void everyMinute(int from, int to, int perMinute, java.util.function.BiConsumer<Instant, String> line) {
        for (int m = from; m <= to; m++) {
            for (int k = 0; k < perMinute; k++) {
                line.accept(at(m, 3 + random.nextInt(55)).plusMillis(random.nextInt(1000)), requestId());
            }
        }
    }

    // ---------------------------------------------------------------- triggers

    ObjectNode snsAlarm(String alarmName, double datapoint) {
        ObjectNode msg = alarmMessage(alarmName, datapoint);
        ObjectNode event = json.createObjectNode();
        ObjectNode rec = event.putArray("Records").addObject();
        rec.put("EventSource", "aws:sns");
        rec.put("EventVersion", "1.0");
        String topic = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":api-alarms";
        rec.put("EventSubscriptionArn", topic + ":5f1c2a9e-3d4b-4e8f-9a61-2b7c0d8e4f13");
        ObjectNode sns = rec.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", uuid());
        sns.put("TopicArn", topic);
        sns.put("Subject", "ALARM: \"" + alarmName + "\" in US East (N. Virginia)");
        sns.put("Message", msg.toString());
        sns.put("Timestamp", alarmAt.plusMillis(51).toString());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", "EXAMPLEpH+" + Long.toHexString(random.nextLong()) + "==");
        sns.put("SigningCertUrl", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem");
        sns.put("UnsubscribeUrl", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic
                + ":5f1c2a9e-3d4b-4e8f-9a61-2b7c0d8e4f13");
        sns.putObject("MessageAttributes");
        trigger = event;
        return event;
    }

    private String metricName() {
        return type == ApiType.REST ? "5XXError" : "5xx";
    }

    private String reason(double ignored) {
        List<String> points = new ArrayList<>();
        for (int i = 1; i <= evaluationPeriods; i++) {
            points.add(errorsAt(-i) + " (" + REASON_TIME.format(minute(-i)) + ")");
        }
        return "Threshold Crossed: " + evaluationPeriods + " out of the last " + evaluationPeriods + " datapoints ["
                + String.join(", ", points) + "] was greater than the threshold (" + alarmThreshold + ") (minimum "
                + evaluationPeriods + (evaluationPeriods == 1 ? " datapoint" : " datapoints") + " for OK -> ALARM transition).";
    }

    ObjectNode alarmMessage(String alarmName, double datapoint) {
        ObjectNode m = json.createObjectNode();
        m.put("AlarmName", alarmName);
        m.put("AlarmDescription", metricName() + " Sum > " + (int) alarmThreshold + " for " + apiName + " stage " + stage);
        m.put("AWSAccountId", ACCOUNT);
        m.put("AlarmConfigurationUpdatedTimestamp", "2026-02-27T16:05:41.220+0000");
        m.put("NewStateValue", "ALARM");
        m.put("NewStateReason", reason(datapoint));
        m.put("StateChangeTime", SNS_TIME.format(alarmAt));
        m.put("Region", "US East (N. Virginia)");
        m.put("AlarmArn", "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + alarmName);
        m.put("OldStateValue", "OK");
        m.putArray("OKActions").add("arn:aws:sns:" + REGION + ":" + ACCOUNT + ":api-alarms");
        m.putArray("AlarmActions").add("arn:aws:sns:" + REGION + ":" + ACCOUNT + ":api-alarms");
        m.putArray("InsufficientDataActions");
        ObjectNode t = m.putObject("Trigger");
        t.put("MetricName", metricName());
        t.put("Namespace", "AWS/ApiGateway");
        t.put("StatisticType", "Statistic");
        t.put("Statistic", "SUM");
        t.putNull("Unit");
        ArrayNode dims = t.putArray("Dimensions");
        if (type == ApiType.REST) {
            dims.addObject().put("value", apiName).put("name", "ApiName");
        } else {
            dims.addObject().put("value", apiId).put("name", "ApiId");
        }
        dims.addObject().put("value", stage).put("name", "Stage");
        t.put("Period", 60);
        t.put("EvaluationPeriods", evaluationPeriods);
        t.put("DatapointsToAlarm", evaluationPeriods);
        t.put("ComparisonOperator", "GreaterThanThreshold");
        t.put("Threshold", alarmThreshold);
        t.put("TreatMissingData", "notBreaching");
        t.put("EvaluateLowSampleCountPercentile", "");
        return m;
    }

    private ObjectNode alarmConfiguration(String alarmName) {
        ObjectNode conf = json.createObjectNode();
        conf.put("description", metricName() + " Sum > " + (int) alarmThreshold + " for " + apiName + " stage " + stage);
        ObjectNode metric = conf.putArray("metrics").addObject();
        metric.put("id", uuid());
        ObjectNode stat = metric.putObject("metricStat");
        ObjectNode mm = stat.putObject("metric");
        ObjectNode dims = mm.putObject("dimensions");
        apiDims().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> dims.put(e.getKey(), e.getValue()));
        mm.put("name", metricName());
        mm.put("namespace", "AWS/ApiGateway");
        stat.put("period", 60);
        stat.put("stat", "Sum");
        metric.put("returnData", true);
        return conf;
    }

    private ObjectNode state(String value, String reason, double datapoint, Instant ts, Instant start) {
        ObjectNode s = json.createObjectNode();
        s.put("reason", reason);
        ObjectNode rd = json.createObjectNode();
        rd.put("version", "1.0");
        rd.put("queryDate", SNS_TIME.format(ts.minusMillis(11)));
        rd.put("startDate", SNS_TIME.format(start));
        rd.put("statistic", "Sum");
        rd.put("period", 60);
        ArrayNode recent = rd.putArray("recentDatapoints");
        if (value.equals("ALARM")) {
            for (int i = evaluationPeriods; i >= 1; i--) {
                recent.add(errorsAt(-i));
            }
        } else {
            recent.add(datapoint);
        }
        rd.put("threshold", alarmThreshold);
        s.put("reasonData", rd.toString());
        s.put("timestamp", SNS_TIME.format(ts));
        s.put("value", value);
        return s;
    }

    ObjectNode eventBridgeAlarm(String alarmName, double datapoint) {
        ObjectNode e = json.createObjectNode();
        e.put("version", "0");
        e.put("id", uuid());
        e.put("detail-type", "CloudWatch Alarm State Change");
        e.put("source", "aws.cloudwatch");
        e.put("account", ACCOUNT);
        e.put("time", alarmAt.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", REGION);
        e.putArray("resources").add("arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + alarmName);
        ObjectNode d = e.putObject("detail");
        d.put("alarmName", alarmName);
        d.set("configuration", alarmConfiguration(alarmName));
        Instant prev = alarmAt.minus(Duration.ofMinutes(71));
        d.set("previousState", state("OK", "Threshold Crossed: 1 out of the last 1 datapoints [0.0 (" + REASON_TIME.format(prev.truncatedTo(ChronoUnit.MINUTES).minusSeconds(60))
                + ")] was not greater than the threshold (" + alarmThreshold + ") (minimum 1 datapoint for ALARM -> OK transition).", 0.0, prev, prev.truncatedTo(ChronoUnit.MINUTES).minusSeconds(60)));
        d.set("state", state("ALARM", reason(datapoint), datapoint, alarmAt, minute(-evaluationPeriods)));
        trigger = e;
        return e;
    }

    ObjectNode alarmAction(String alarmName, double datapoint) {
        ObjectNode e = json.createObjectNode();
        e.put("source", "aws.cloudwatch");
        e.put("alarmArn", "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + alarmName);
        e.put("accountId", ACCOUNT);
        e.put("time", SNS_TIME.format(alarmAt));
        e.put("region", REGION);
        ObjectNode d = e.putObject("alarmData");
        d.put("alarmName", alarmName);
        d.set("state", state("ALARM", reason(datapoint), datapoint, alarmAt, minute(-evaluationPeriods)));
        ((ObjectNode) d.get("state")).remove("reasonData");
        Instant prev = alarmAt.minus(Duration.ofMinutes(95));
        d.set("previousState", state("OK", "Threshold Crossed: 1 out of the last 1 datapoints [1.0 ("
                + REASON_TIME.format(prev.truncatedTo(ChronoUnit.MINUTES).minusSeconds(60)) + ")] was not greater than the threshold ("
                + alarmThreshold + ") (minimum 1 datapoint for ALARM -> OK transition).", 1.0, prev, prev.truncatedTo(ChronoUnit.MINUTES).minusSeconds(60)));
        d.set("configuration", alarmConfiguration(alarmName));
        trigger = e;
        return e;
    }

    ObjectNode manual(Instant moment) {
        ObjectNode e = json.createObjectNode();
        if (type == ApiType.REST) {
            e.put("apiName", apiName);
        } else {
            e.put("apiId", apiId);
        }
        e.put("stage", stage);
        e.put("region", REGION);
        e.put("at", moment.toString());
        trigger = e;
        return e;
    }

    // ---------------------------------------------------------------- output

    ScenarioKit expect(String topCause, String severity, String pattern, String minConfidence, List<String> alternates,
                       List<String> notBlamed) {
        expect.put("topCause", topCause);
        ArrayNode alt = expect.putArray("alternates");
        alternates.forEach(alt::add);
        if (severity != null) {
            expect.put("severity", severity);
        }
        if (pattern != null) {
            expect.put("pattern", pattern);
        }
        ArrayNode nb = expect.putArray("notBlamed");
        notBlamed.forEach(nb::add);
        if (minConfidence != null) {
            expect.put("minConfidence", minConfidence);
        }
        return this;
    }

    Evidence evidence(Instant windowAt) {
        Map<EvidenceSource, Integer> calls = new EnumMap<>(EvidenceSource.class);
        calls.put(EvidenceSource.METRICS, 1);
        calls.put(EvidenceSource.CHANGES, gaps.stream().anyMatch(g -> g.source() == EvidenceSource.CHANGES) ? 1 : 4);
        calls.put(EvidenceSource.LOGS, 6);
        calls.put(EvidenceSource.TOPOLOGY, topology == null ? 1 : 7);
        List<ChangeEvent> newestFirst = new ArrayList<>(changes);
        newestFirst.sort(java.util.Comparator.comparing(ChangeEvent::eventTime).reversed());
        List<LogEvent> sortedLogs = new ArrayList<>(logs);
        sortedLogs.sort(java.util.Comparator.comparing(LogEvent::timestamp));
        return new Evidence(collectedAt, TimeWindow.around(windowAt), metrics, newestFirst, sortedLogs, topology, gaps, calls);
    }

    ObjectNode scenario(Instant windowAt) {
        ObjectNode root = json.createObjectNode();
        root.put("name", name);
        root.put("description", description);
        root.set("trigger", trigger);
        root.set("evidence", json.valueToTree(evidence(windowAt)));
        root.set("expect", expect);
        return root;
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    static Map<String, String> vars(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    List<Authorizer> noAuthorizers() {
        return List.of();
    }
}

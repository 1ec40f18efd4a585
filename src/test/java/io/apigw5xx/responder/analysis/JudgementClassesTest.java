package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.ChangeResource;
import io.apigw5xx.responder.evidence.ConfigStamps;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.testing.CatalogueScenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Issue 14 §4: the judgement classes the analyzer must rule out, each on a catalogued incident changed just enough. */
class JudgementClassesTest {

    private static final ObjectMapper JSON = JsonMappers.create();
    private final RunbookAnalyzer analyzer = new RunbookAnalyzer();
    private final ChangeInterpreter interpreter = new ChangeInterpreter(JSON);

    // ---------------------------------------------------------------- helpers

    private static ChangeEvent event(String name, String source, Instant at, String actor, ObjectNode req, Boolean readOnly) {
        ObjectNode r = JSON.createObjectNode();
        r.putObject("userIdentity").put("type", "AssumedRole").put("arn", "arn:aws:sts::123456789012:assumed-role/ops/" + actor);
        r.put("eventTime", at.toString());
        r.put("eventSource", source);
        r.put("eventName", name);
        r.set("requestParameters", req);
        if (readOnly != null) {
            r.put("readOnly", readOnly);
        }
        String id = "t-" + name + "-" + at.getEpochSecond();
        r.put("eventID", id);
        return new ChangeEvent(id, name, source, at, actor, List.of(new ChangeResource("AWS::Lambda::Function", "orders-handler")), r.toString());
    }

    private static ObjectNode req(String... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.put(kv[i], kv[i + 1]);
        }
        return n;
    }

    private static Evidence withChanges(Evidence e, List<ChangeEvent> changes) {
        return new Evidence(e.collectedAt(), e.window(), e.metrics(), changes, e.logs(), e.topology(), e.gaps(), e.awsCalls());
    }

    private static Evidence plus(Evidence e, ChangeEvent... extra) {
        List<ChangeEvent> all = new ArrayList<>(e.changes());
        all.addAll(List.of(extra));
        return withChanges(e, all);
    }

    private static Evidence withoutChanges(Evidence e, Predicate<ChangeEvent> drop) {
        return withChanges(e, e.changes().stream().filter(drop.negate()).toList());
    }

    private Findings analyze(CatalogueScenarios.Investigation s, Evidence e) {
        return analyzer.analyze(s.incident(), e, e.collectedAt());
    }

    private static boolean cites(Findings f, String eventId) {
        return f.causes().stream().flatMap(c -> c.evidence().stream()).anyMatch(i -> eventId.equals(i.reference()));
    }

    // ---------------------------------------------------------------- read-only

    @Test
    void readOnly_byNameOrFlag_isNeverAChange() throws Exception {
        var s = CatalogueScenarios.investigation("http-unrelated-iam-change-unknown.json");
        Findings plain = analyze(s, s.evidence());
        Instant onset = plain.onset();
        String apiId = s.evidence().topology().apiId();
        ChangeEvent getStage = event("GetStage", "apigateway.amazonaws.com", onset.minusSeconds(60), "jane",
                req("apiId", apiId, "stageName", "prod"), null);
        ChangeEvent getIntegration = event("GetIntegration", "apigateway.amazonaws.com", onset.minusSeconds(50), "jane",
                req("apiId", apiId), true);
        ChangeEvent flagged = event("UpdateStage", "apigateway.amazonaws.com", onset.minusSeconds(40), "jane",
                req("apiId", apiId, "stageName", "prod"), true);

        Findings f = analyze(s, plus(s.evidence(), getStage, getIntegration, flagged));

        assertThat(interpreter.readOnly(getStage)).isTrue();
        assertThat(interpreter.readOnly(flagged)).isTrue();
        assertThat(interpreter.readOnly(event("UpdateStage", "apigateway.amazonaws.com", onset, "j", req(), false))).isFalse();
        assertThat(f.topCause().kind()).isEqualTo(CauseKind.UNKNOWN);
        assertThat(cites(f, getStage.eventId()) || cites(f, getIntegration.eventId()) || cites(f, flagged.eventId())).isFalse();
    }

    // ---------------------------------------------------------------- permission restoration

    @Test
    void permissionRestored_onlyByAGrantCoveringThisApiAndRoute() throws Exception {
        var s = CatalogueScenarios.investigation("rest-invoke-permission-removed.json");
        String removalId = s.evidence().changes().stream().filter(c -> c.eventName().startsWith("RemovePermission")).findFirst()
                .orElseThrow().eventId();
        Instant removedAt = s.evidence().changes().stream().filter(c -> c.eventId().equals(removalId)).findFirst().orElseThrow().eventTime();
        ChangeEvent otherApi = event("AddPermission20150331v2", "lambda.amazonaws.com", removedAt.plusSeconds(20), "jane",
                req("functionName", "orders-handler", "qualifier", "live", "principal", "apigateway.amazonaws.com",
                        "sourceArn", "arn:aws:execute-api:us-east-1:123456789012:zz9otherap/*/POST/orders"), null);
        ChangeEvent thisApi = event("AddPermission20150331v2", "lambda.amazonaws.com", removedAt.plusSeconds(25), "jane",
                req("functionName", "orders-handler", "qualifier", "live", "principal", "apigateway.amazonaws.com",
                        "sourceArn", "arn:aws:execute-api:us-east-1:123456789012:" + s.evidence().topology().apiId() + "/*/POST/orders"), null);

        Findings notRestored = analyze(s, plus(s.evidence(), otherApi));
        Findings restored = analyze(s, plus(s.evidence(), thisApi));

        assertThat(notRestored.topCause().kind()).isEqualTo(CauseKind.INVOKE_PERMISSION_REMOVED);
        assertThat(notRestored.topCause().evidence()).anyMatch(i -> removalId.equals(i.reference()));
        assertThat(restored.causes()).filteredOn(c -> c.kind() == CauseKind.INVOKE_PERMISSION_REMOVED)
                .allSatisfy(c -> assertThat(c.evidence()).noneMatch(i -> removalId.equals(i.reference())));
    }

    // ---------------------------------------------------------------- specific evidence

    @Test
    void downstreamDependency_withoutDependencyLines_isLowHoweverIntermittent() throws Exception {
        var s = CatalogueScenarios.investigation("rest-downstream-intermittent.json");
        Evidence e = s.evidence();
        List<LogEvent> noDependencyLines = e.logs().stream().filter(l -> !LogSignal.DOWNSTREAM_ERROR.matches(l.message())).toList();
        Evidence stripped = new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), noDependencyLines, e.topology(), e.gaps(),
                e.awsCalls());

        Findings withLines = analyze(s, e);
        Findings without = analyze(s, stripped);

        assertThat(withLines.topCause().kind()).isEqualTo(CauseKind.DOWNSTREAM_DEPENDENCY);
        assertThat(without.causes()).filteredOn(c -> c.kind() == CauseKind.DOWNSTREAM_DEPENDENCY)
                .allSatisfy(c -> assertThat(c.confidence()).isEqualTo(Confidence.LOW));
    }

    @Test
    void lambdaDeploy_withoutTheFunctionFailing_isLow() throws Exception {
        // API Gateway is refused the invoke, orders-handler itself never fails: a deploy in the window is no evidence
        var s = CatalogueScenarios.investigation("rest-invoke-permission-removed.json");
        Findings plain = analyze(s, s.evidence());
        String fn = s.evidence().topology().lambdaTargets().getFirst().functionName();
        String alias = s.evidence().topology().lambdaTargets().getFirst().qualifier();
        ChangeEvent move = event("UpdateAlias20150331", "lambda.amazonaws.com", plain.onset().minusSeconds(90), "gha",
                req("functionName", fn, "name", alias, "functionVersion", s.evidence().topology().lambdaTargets().getFirst().version()), null);

        Findings f = analyze(s, plus(s.evidence(), move));

        assertThat(f.causes()).filteredOn(c -> c.kind() == CauseKind.LAMBDA_DEPLOY_REGRESSION)
                .allSatisfy(c -> assertThat(c.confidence()).isEqualTo(Confidence.LOW));
    }

    // ---------------------------------------------------------------- alias precision

    @Test
    void aliasPrecision_otherAliasOrLatestEditIsOffTheAliasedPath() throws Exception {
        var s = CatalogueScenarios.investigation("rest-lambda-deploy-regression.json");
        FailingPath path = new FailingPath(s.incident(), s.evidence());
        Instant t = s.incident().at();
        TypedChange otherAlias = interpreter.interpret(event("UpdateAlias20150331", "lambda.amazonaws.com", t, "x",
                req("functionName", "orders-handler", "name", "staging", "functionVersion", "43"), null));
        TypedChange liveAlias = interpreter.interpret(event("UpdateAlias20150331", "lambda.amazonaws.com", t, "x",
                req("functionName", "orders-handler", "name", "live", "functionVersion", "42"), null));
        TypedChange latest = interpreter.interpret(event("UpdateFunctionConfiguration20150331v2", "lambda.amazonaws.com", t, "x",
                req("functionName", "orders-handler", "memorySize", "2048"), null));
        ObjectNode unrouted = req("functionName", "orders-handler");
        TypedChange publishUnrouted = new TypedChange("p", t, "PublishVersion", "lambda.amazonaws.com", ChangeKind.LAMBDA_VERSION_PUBLISHED,
                "x", false, "orders-handler", null, "44", null, null, null, null, null, List.of(), null, null, null, null, null, null, null);

        assertThat(path.touches(liveAlias)).isTrue();
        assertThat(path.touches(otherAlias)).isFalse();
        assertThat(path.touches(latest)).isFalse();
        assertThat(path.touches(publishUnrouted)).isFalse();
        assertThat(unrouted).isNotNull();

        // an unqualified integration is reached by a $LATEST edit
        Topology t0 = s.evidence().topology();
        Topology unqualified = new Topology(t0.apiType(), t0.apiId(), t0.apiName(), t0.stage(), t0.deploymentId(), t0.stageVariables(),
                t0.executionLogging(), t0.accessLogDestination(), t0.integrations().stream().map(i -> new io.apigw5xx.responder.evidence.Integration(
                i.route(), i.type(), i.uri(), i.integrationHttpMethod(), i.timeoutMillis(), i.connectionType(), i.connectionId(), i.lambdaFunction(),
                null)).toList(), t0.authorizers(), t0.lambdaTargets(), t0.resourcePolicy(), t0.webAclArn(), t0.notes());
        Evidence e = s.evidence();
        FailingPath unqualifiedPath = new FailingPath(s.incident(), new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), e.logs(),
                unqualified, e.gaps(), e.awsCalls()));
        assertThat(unqualifiedPath.touches(latest)).isTrue();
    }

    // ---------------------------------------------------------------- API Gateway's own configuration errors

    @Test
    void apiConfigErrors_withTheStagesDeploymentTime_blameTheDeploymentBeforeCloudTrailHasIt() throws Exception {
        var s = CatalogueScenarios.investigation("rest-mapping-template-deployed.json");
        Evidence e = s.evidence();
        Instant deployedAt = e.changes().stream().filter(c -> c.eventName().equals("CreateDeployment")).findFirst().orElseThrow().eventTime();
        Evidence noTrail = withChanges(e, List.of());
        Evidence stamped = new Evidence(e.collectedAt(), e.window(), e.metrics(), List.of(), e.logs(),
                e.topology().withStamps(new ConfigStamps(deployedAt.plusMillis(400), "r0abc", deployedAt.plusMillis(300), "OPS-2291", null, List.of())),
                e.gaps(), e.awsCalls());

        Findings errorsOnly = analyze(s, noTrail);
        Findings withStamp = analyze(s, stamped);

        assertThat(LogSignal.API_CONFIG_ERROR.matches("Execution failed due to configuration error: Unable to transform request")).isTrue();
        assertThat(LogSignal.API_CONFIG_ERROR.matches("Execution failed due to configuration error: Invalid permissions on Lambda function")).isFalse();
        assertThat(errorsOnly.topCause().kind()).isEqualTo(CauseKind.API_CONFIG_CHANGE);
        assertThat(withStamp.topCause().kind()).isEqualTo(CauseKind.API_CONFIG_CHANGE);
        assertThat(withStamp.topCause().evidence()).anySatisfy(i -> assertThat(i.summary()).contains("deployment r0abc 'OPS-2291'")
                .contains("source: the resource's own timestamp"));
        // the gateway's own errors after the deployment confirm it, so no actor is needed for HIGH
        assertThat(withStamp.topCause().confidence()).isEqualTo(Confidence.HIGH);
    }

    // ---------------------------------------------------------------- harmless change does not hide a real one

    @Test
    void harmlessChangeInThePrimeWindow_doesNotHideTheDeployTwentyMinutesBefore() throws Exception {
        var s = CatalogueScenarios.investigation("rest-deploy-20-min-before-onset.json");
        Findings plain = analyze(s, s.evidence());
        ObjectNode patch = JSON.createObjectNode();
        patch.put("restApiId", s.evidence().topology().apiId());
        patch.put("stageName", "prod");
        patch.putArray("patchOperations").addObject().put("op", "replace").put("path", "/description").put("value", "runbook v2");
        ChangeEvent description = event("UpdateStage", "apigateway.amazonaws.com", plain.onset().minusSeconds(60), "jane", patch, null);
        ChangeEvent tag = event("TagResource20170331v2", "lambda.amazonaws.com", plain.onset().minusSeconds(30), "jane",
                req("resource", "arn:aws:lambda:us-east-1:123456789012:function:orders-handler", "functionName", "orders-handler"), null);

        Findings f = analyze(s, plus(s.evidence(), description, tag));

        assertThat(f.topCause().kind()).isEqualTo(CauseKind.LAMBDA_DEPLOY_REGRESSION);
        assertThat(f.topCause().confidence()).isEqualTo(plain.topCause().confidence());
        assertThat(cites(f, description.eventId())).isFalse();
        assertThat(f.checkedClean()).anySatisfy(l -> assertThat(l).contains("harmless").contains("UpdateStage"));
        assertThat(f.notes()).anySatisfy(n -> assertThat(n).contains("widened"));
    }

    // ---------------------------------------------------------------- config timestamps merged with CloudTrail

    @Test
    void timestampAndCloudTrailRecordOfOneChange_areOneItemWithTheActor() throws Exception {
        var s = CatalogueScenarios.investigation("rest-mapping-template-deployed.json");
        Evidence e = s.evidence();
        ChangeEvent deploy = e.changes().stream().filter(c -> c.eventName().equals("CreateDeployment")).findFirst().orElseThrow();
        Evidence both = new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), e.logs(),
                e.topology().withStamps(new ConfigStamps(null, "r0abc", deploy.eventTime().plusSeconds(1), "OPS-2291", null, List.of())),
                e.gaps(), e.awsCalls());

        Findings f = analyze(s, both);

        List<EvidenceItem> deployments = f.topCause().evidence().stream().filter(i -> i.summary().startsWith("CreateDeployment")).toList();
        assertThat(deployments).singleElement().satisfies(i -> {
            assertThat(i.reference()).isEqualTo(deploy.eventId());
            assertThat(i.actor()).isNotBlank();
            assertThat(i.summary()).contains("OPS-2291").contains("source: CloudTrail and the resource's own timestamp");
        });
    }

    @Test
    void deployShownOnlyByTheVersionsTimestamp_staysMediumWithoutItsOwnLogStreamsFailing() throws Exception {
        var s = CatalogueScenarios.investigation("rest-lambda-deploy-regression.json");
        Evidence e = s.evidence();
        Instant onset = analyze(s, e).onset();
        var t0 = e.topology().lambdaTargets().getFirst();
        String modified = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(java.time.ZoneOffset.UTC)
                .format(onset.minusSeconds(150));
        var target = new io.apigw5xx.responder.evidence.LambdaTarget(t0.functionName(), t0.qualifier(), t0.functionArn(), true,
                t0.timeoutSeconds(), t0.memoryMb(), t0.reservedConcurrency(), t0.role(), t0.version(), modified, t0.codeSha256(),
                t0.policy(), false, false, "Successful", null);
        Topology topology = e.topology().withLambdaTargets(List.of(target));
        List<LogEvent> otherStreams = e.logs().stream().map(l -> new LogEvent(l.logGroup(),
                l.logStream() == null ? null : l.logStream().replace("[" + t0.version() + "]", "[7]"), l.timestamp(), l.message())).toList();
        Evidence stampOnly = new Evidence(e.collectedAt(), e.window(), e.metrics(), List.of(), otherStreams, topology, e.gaps(), e.awsCalls());
        Evidence confirmed = new Evidence(e.collectedAt(), e.window(), e.metrics(), List.of(), e.logs(), topology, e.gaps(), e.awsCalls());

        Findings unconfirmed = analyze(s, stampOnly);
        Findings byItsLogs = analyze(s, confirmed);

        assertThat(unconfirmed.topCause().kind()).isEqualTo(CauseKind.LAMBDA_DEPLOY_REGRESSION);
        assertThat(unconfirmed.topCause().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(unconfirmed.topCause().why()).contains("not known yet");
        assertThat(unconfirmed.notes()).anySatisfy(n -> assertThat(n).contains("own timestamps"));
        assertThat(byItsLogs.topCause().kind()).isEqualTo(CauseKind.LAMBDA_DEPLOY_REGRESSION);
        assertThat(byItsLogs.topCause().confidence()).isEqualTo(Confidence.HIGH);
    }

    // ---------------------------------------------------------------- state flip

    @Test
    void missingPermissionAfterACleanOnset_isTheRemovalItMustHaveBeen() throws Exception {
        var s = CatalogueScenarios.investigation("rest-invoke-permission-removed.json");
        Evidence noTrail = withoutChanges(s.evidence(), c -> c.eventName().startsWith("RemovePermission"));

        Findings f = analyze(s, noTrail);

        assertThat(f.topCause().kind()).isEqualTo(CauseKind.INVOKE_PERMISSION_REMOVED);
        assertThat(f.topCause().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(f.topCause().why()).contains("the errors began at");
        assertThat(f.causes()).filteredOn(c -> c.kind() == CauseKind.STATIC_MISCONFIGURATION)
                .allSatisfy(c -> assertThat(c.confidence()).isNotEqualTo(Confidence.HIGH));
    }

    @Test
    void brokenIntegrationAfterACleanOnset_isAnApiChangeUnlessTheDeploymentDatesItBeforeTheWindow() throws Exception {
        var s = CatalogueScenarios.investigation("rest-static-get-method.json");
        Evidence e = s.evidence();
        Evidence undated = new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), e.logs(), e.topology().withStamps(null),
                e.gaps(), e.awsCalls());

        Findings dated = analyze(s, e);
        Findings flipped = analyze(s, undated);

        // deployed hours before the onset: the GET integration is long-standing, the errors began when traffic reached it
        assertThat(e.topology().stamps().deploymentCreated()).isBefore(dated.onset().minus(Duration.ofMinutes(30)));
        assertThat(dated.topCause().kind()).isEqualTo(CauseKind.STATIC_MISCONFIGURATION);
        assertThat(dated.topCause().confidence()).isEqualTo(Confidence.HIGH);
        // nothing dates it: the path worked until the onset, so the configuration changed then
        assertThat(flipped.topCause().kind()).isEqualTo(CauseKind.API_CONFIG_CHANGE);
        assertThat(flipped.topCause().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(flipped.topCause().why()).contains("it changed then");
        assertThat(flipped.causes()).filteredOn(c -> c.kind() == CauseKind.STATIC_MISCONFIGURATION)
                .allSatisfy(c -> assertThat(c.confidence()).isNotEqualTo(Confidence.HIGH));
    }

    @Test
    void stampsAbsent_oldBundlesReadTheSame() throws Exception {
        var s = CatalogueScenarios.investigation("rest-lambda-deploy-regression.json");
        assertThat(s.evidence().topology().stamps()).isNull();
        assertThat(new TimestampChanges().read(s.evidence())).allSatisfy(c -> assertThat(c.time())
                .isBefore(s.incident().at().minus(Duration.ofMinutes(30))));
        Incident i = s.incident();
        assertThat(analyzer.analyze(i, s.evidence(), s.evidence().collectedAt()).topCause().kind()).isEqualTo(CauseKind.LAMBDA_DEPLOY_REGRESSION);
    }
}

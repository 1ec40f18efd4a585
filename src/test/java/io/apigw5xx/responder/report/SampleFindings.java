package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.analysis.StatusMix;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Findings built by hand, shaped like the demo incident: a Lambda deploy, then 502s. */
public final class SampleFindings {

    public static final Instant ALARM_AT = Instant.parse("2026-11-23T09:41:00Z");
    public static final Instant ONSET = Instant.parse("2026-11-23T09:39:00Z");
    public static final Instant DEPLOY_AT = Instant.parse("2026-11-23T09:37:12Z");
    public static final String ALARM_ARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx";

    private SampleFindings() {}

    public static Incident incident(String apiName, AlarmState state, Instant at) {
        return incident(apiName, ALARM_ARN, state, at);
    }

    public static Incident incident(String apiName, String alarmArn, AlarmState state, Instant at) {
        Alarm alarm = new Alarm("orders-api-prod-5xx", alarmArn, state, state == AlarmState.OK ? AlarmState.ALARM : AlarmState.OK,
                "Threshold Crossed: 1 datapoint [912.0 (23/11/26 09:40:00)] was greater than the threshold (5.0).",
                5.0, "GreaterThanThreshold", "AWS/ApiGateway", "5XXError", "Sum", 60, 5, at);
        return new Incident(TriggerSource.SNS, "123456789012", "us-east-1", ApiRef.restByName(apiName).withId("a1b2c3d4e5"),
                "prod", alarm, at, TimeWindow.around(at));
    }

    /**
     * Far beyond every limit: 300 causes with 400 evidence items and 30 commands each, 100,000-character
     * titles, whys and clean checks, multi-byte text, a 2,000-character API name. Long strings are shared
     * references so the test stays within a normal heap.
     */
    public static Findings oversized() {
        String huge = "x".repeat(100_000);
        String hugeCmd = "aws logs tail /aws/lambda/fn " + "y".repeat(5_000);
        List<Cause> causes = new java.util.ArrayList<>();
        for (int c = 0; c < 300; c++) {
            List<EvidenceItem> ev = java.util.stream.IntStream.range(0, 400).mapToObj(k -> new EvidenceItem(ONSET.plusSeconds(k),
                    "log line " + k + " <&> " + "é€😀".repeat(50), "actor" + k, "resource" + k, "/aws/lambda/fn" + k)).toList();
            causes.add(new Cause(CauseKind.UNKNOWN, "Cause " + c + " " + huge, Confidence.LOW, huge, ev,
                    java.util.Collections.nCopies(30, hugeCmd)));
        }
        Findings base = deployRegression(incident("api-" + "n".repeat(2000), AlarmState.ALARM, ALARM_AT));
        return new Findings(base.incident(), base.window(), base.onset(), base.severity(), base.errorRatePercent(),
                base.errors(), base.requests(), base.statusMix(), base.pattern(), causes,
                java.util.Collections.nCopies(300, "clean " + huge),
                java.util.Collections.nCopies(300, new Gap(EvidenceSource.LOGS, GapReason.ERROR, huge)),
                java.util.stream.IntStream.range(0, 1000).mapToObj(k -> "note " + k).toList(), base.generatedAt(), base.awsCalls());
    }

    public static Findings deployRegression() {
        return deployRegression(incident("orders-api", AlarmState.ALARM, ALARM_AT));
    }

    public static Findings deployRegression(Incident incident) {
        Cause deploy = new Cause(CauseKind.LAMBDA_DEPLOY_REGRESSION, "Lambda deploy regression", Confidence.HIGH,
                "orders-handler was updated to version 42 two minutes before 502s began; its Errors rose with them",
                List.of(
                        new EvidenceItem(DEPLOY_AT, "UpdateFunctionCode20150331v2 orders-handler → version 42",
                                "gha-deploy-8812", "orders-handler", "2f1e8c0a-5b7d-4c11-9d0e-3a6f8b2c1d4e",
                                io.apigw5xx.responder.analysis.ChangeOrigin.CLOUDTRAIL),
                        new EvidenceItem(Instant.parse("2026-11-23T09:39:30Z"),
                                "ERROR Runtime.ImportModuleError: Cannot find module 'pg'", null, "orders-handler",
                                "/aws/lambda/orders-handler"),
                        new EvidenceItem(Instant.parse("2026-11-23T09:40:00Z"), "Lambda Errors 431/min (was 0)", null,
                                "orders-handler", "m_errors")),
                List.of("aws lambda get-function --function-name orders-handler --qualifier 42",
                        "aws lambda update-alias --function-name orders-handler --name live --function-version 41"));
        Cause timeout = new Cause(CauseKind.LAMBDA_TIMEOUT, "Lambda timeout", Confidence.LOW,
                "a few REPORT lines show Status: timeout", List.of(), List.of());
        return new Findings(incident, incident.window(), ONSET, Severity.CRITICAL, 18.2, 912, 5010,
                new StatusMix(Map.of(502, 900L, 504, 12L), true), ErrorPattern.CONSTANT, List.of(deploy, timeout),
                List.of("No IAM change touches the failing path (1 unrelated change to role reporting-ro ignored)",
                        "Integration timeout 29 s not reached (IntegrationLatency p99 180 ms)"),
                List.of(new Gap(EvidenceSource.LOGS, GapReason.NOT_ENABLED, "API Gateway execution logging is off for stage prod")),
                List.of("CloudTrail delivers events up to 15 minutes late; changes after 09:30 may be missing"),
                ALARM_AT.plusSeconds(130), Map.of(EvidenceSource.METRICS, 1, EvidenceSource.CHANGES, 3,
                        EvidenceSource.LOGS, 2, EvidenceSource.TOPOLOGY, 5));
    }
}

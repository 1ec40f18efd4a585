package io.apigw5xx.responder.handler;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.analysis.StatusMix;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What people receive when the investigation itself broke: the alarm still deserves a message, with the
 * first commands a human would run instead of the responder's conclusions.
 */
final class FailedInvestigation {

    private FailedInvestigation() {}

    static Findings findings(Incident incident, String reason, Instant now) {
        Cause cause = new Cause(CauseKind.UNKNOWN, "Investigation failed", Confidence.LOW,
                "The responder could not finish its investigation (" + reason + "); nothing was concluded. "
                        + "Check the API by hand and the responder's own log.",
                List.of(), firstCommands(incident));
        return new Findings(incident, incident.window(), null, Severity.UNKNOWN, Double.NaN, 0, 0, StatusMix.unknown(),
                ErrorPattern.UNKNOWN, List.of(cause), List.of(), List.of(),
                List.of("investigation failed: " + reason), now, Map.of());
    }

    private static List<String> firstCommands(Incident incident) {
        String region = " --region " + incident.region();
        String since = incident.at().minusSeconds(1800).toString();
        String api = incident.api().type() == ApiType.HTTP
                ? "aws apigatewayv2 get-stages --api-id " + incident.api().id() + region
                : "aws apigateway get-rest-apis" + region + " --query \"items[?name=='" + incident.api().label() + "']\"";
        return List.of(api,
                "aws cloudtrail lookup-events" + region + " --start-time " + since
                        + " --lookup-attributes AttributeKey=EventSource,AttributeValue=lambda.amazonaws.com",
                "aws cloudtrail lookup-events" + region + " --start-time " + since
                        + " --lookup-attributes AttributeKey=EventSource,AttributeValue=apigateway.amazonaws.com");
    }
}

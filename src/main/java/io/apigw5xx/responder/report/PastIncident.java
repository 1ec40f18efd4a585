package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.Severity;
import java.time.Instant;

/**
 * An earlier investigation as the incident ledger remembers it: enough to say "last cause: …" and to let
 * a resolved follow-up refer to the investigation it closes.
 *
 * @param at             the alarm's state-change time that started it
 * @param topCause       title of the top cause, e.g. "Lambda deploy regression"
 * @param why            the top cause's one-line why, or null
 * @param errorRatePercent NaN when unknown
 */
public record PastIncident(
        Instant at,
        String apiStage,
        String alarmName,
        Severity severity,
        String topCause,
        Confidence confidence,
        String why,
        double errorRatePercent) {}

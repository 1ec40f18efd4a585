package io.apigw5xx.responder.incident;

import java.time.Instant;

/**
 * The CloudWatch alarm that fired, as far as the trigger told us. Optional parts are null when the
 * trigger shape does not carry them (EventBridge events carry no threshold outside reasonData).
 *
 * @param metricName {@code 5XXError}, {@code 5xx}, or null for a metric-math alarm
 * @param statistic  e.g. {@code Sum}, {@code Average}, {@code p99}
 */
public record Alarm(
        String name,
        String arn,
        AlarmState state,
        AlarmState previousState,
        String reason,
        Double threshold,
        String comparisonOperator,
        String namespace,
        String metricName,
        String statistic,
        Integer periodSeconds,
        Integer evaluationPeriods,
        Instant stateChangeTime) {

    /** Seconds covered by the alarm's evaluation window (period × evaluation periods), 60 when unknown. */
    public long evaluationSeconds() {
        int period = periodSeconds == null || periodSeconds <= 0 ? 60 : periodSeconds;
        int periods = evaluationPeriods == null || evaluationPeriods <= 0 ? 1 : evaluationPeriods;
        return (long) period * periods;
    }
}

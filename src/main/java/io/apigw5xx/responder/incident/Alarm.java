package io.apigw5xx.responder.incident;

import java.time.Instant;

/**
 * The CloudWatch alarm that fired, as far as the trigger told us. Optional parts are null when the
 * trigger shape does not carry them (EventBridge events carry no threshold outside reasonData).
 *
 * @param metricName {@code 5XXError}, {@code 5xx}, or null for a metric-math alarm
 * @param statistic  e.g. {@code Sum}, {@code Average}, {@code p99}
 * @param expression the expression a metric-math or anomaly alarm evaluates ({@code 100*m1/m2},
 *                   {@code ANOMALY_DETECTION_BAND(m1, 2)}); null for a single-metric alarm
 * @param reading    how {@code threshold} relates to the 5xx metric; derived from the statistic when null
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
        Instant stateChangeTime,
        String expression,
        ThresholdReading reading) {

    public Alarm {
        if (reading == null) {
            reading = expression == null && metricName != null ? ThresholdReading.ofStatistic(statistic) : ThresholdReading.OTHER;
        }
    }

    /** A single-metric alarm (or one whose expression is not known). */
    public Alarm(String name, String arn, AlarmState state, AlarmState previousState, String reason, Double threshold,
            String comparisonOperator, String namespace, String metricName, String statistic, Integer periodSeconds,
            Integer evaluationPeriods, Instant stateChangeTime) {
        this(name, arn, state, previousState, reason, threshold, comparisonOperator, namespace, metricName, statistic,
                periodSeconds, evaluationPeriods, stateChangeTime, null, null);
    }

    /** "Sum of 5XXError > 5", "100*m1/m2 > 2 %", "anomaly band ANOMALY_DETECTION_BAND(m1, 2)": for reports and --dry-run. */
    public String readingLabel() {
        String subject = expression != null ? expression
                : (statistic == null ? "" : statistic + " of ") + (metricName == null ? "?" : metricName);
        if (reading == ThresholdReading.ANOMALY_BAND) {
            return "anomaly band " + subject + " (no fixed threshold)";
        }
        if (threshold == null) {
            return subject;
        }
        String unit = switch (reading) {
            case ERROR_PERCENT -> " % of requests";
            case ERROR_RATIO -> " (ratio of requests)";
            case ERROR_COUNT -> " errors per period";
            default -> "";
        };
        String op = comparisonOperator == null ? "vs" : switch (comparisonOperator) {
            case "GreaterThanThreshold" -> ">";
            case "GreaterThanOrEqualToThreshold" -> ">=";
            case "LessThanThreshold" -> "<";
            case "LessThanOrEqualToThreshold" -> "<=";
            default -> comparisonOperator;
        };
        return subject + " " + op + " " + stripZero(threshold) + unit;
    }

    private static String stripZero(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Seconds covered by the alarm's evaluation window (period × evaluation periods), 60 when unknown. */
    public long evaluationSeconds() {
        int period = periodSeconds == null || periodSeconds <= 0 ? 60 : periodSeconds;
        int periods = evaluationPeriods == null || evaluationPeriods <= 0 ? 1 : evaluationPeriods;
        return (long) period * periods;
    }
}

package io.apigw5xx.responder.incident;

/**
 * How an alarm's threshold relates to the API's 5xx metric, so onset detection and reports read it right.
 * Unknown shapes are {@link #OTHER}: their threshold says nothing about a minute's errors, and onset then comes
 * from the error rate alone.
 */
public enum ThresholdReading {
    /** {@code Sum} of 5XXError/5xx per period: errors. */
    ERROR_COUNT,
    /** {@code Average} of 5XXError/5xx, or a math expression {@code m1/m2}: errors ÷ requests, 0..1. */
    ERROR_RATIO,
    /** A math expression such as {@code 100*m1/m2} over 5xx and Count: a percentage. */
    ERROR_PERCENT,
    /** {@code ANOMALY_DETECTION_BAND(m1, n)}: no fixed threshold; the band moves with the metric's history. */
    ANOMALY_BAND,
    /** Another statistic or expression: the threshold is reported, not interpreted. */
    OTHER;

    /** How a single-metric alarm's statistic reads (Sum → count, Average → ratio). */
    public static ThresholdReading ofStatistic(String statistic) {
        if (statistic == null || statistic.equalsIgnoreCase("Sum")) {
            return ERROR_COUNT;
        }
        return statistic.equalsIgnoreCase("Average") ? ERROR_RATIO : OTHER;
    }
}

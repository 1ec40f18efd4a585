package io.apigw5xx.responder.analysis;

/** From the 5xx rate over the alarm's evaluation window: >15% CRITICAL, >5% HIGH, >1% ELEVATED, else LOW. */
public enum Severity {
    CRITICAL,
    HIGH,
    ELEVATED,
    LOW,
    /** No request count to divide by: the rate cannot be judged. */
    UNKNOWN;

    public static Severity fromRatePercent(double percent) {
        if (percent > 15.0) {
            return CRITICAL;
        }
        if (percent > 5.0) {
            return HIGH;
        }
        if (percent > 1.0) {
            return ELEVATED;
        }
        return LOW;
    }
}

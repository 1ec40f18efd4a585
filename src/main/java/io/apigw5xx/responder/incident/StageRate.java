package io.apigw5xx.responder.incident;

import java.util.Locale;
import java.util.Objects;

/**
 * One stage's 5xx errors and requests over the minutes an API-wide alarm evaluated, as read when the
 * incident was narrowed to its failing stage.
 *
 * @param requests null when the stage published no Count datapoints in those minutes
 */
public record StageRate(String stage, long errors, Long requests) {

    public StageRate {
        Objects.requireNonNull(stage, "stage");
    }

    /** 5xx ÷ requests × 100, or NaN when the requests are unknown or zero. */
    public double ratePercent() {
        return requests == null || requests <= 0 ? Double.NaN : 100.0 * errors / requests;
    }

    /** "prod 12.1 %", "beta 3 errors (no request count)", "dev 0.0 %". */
    public String label() {
        double rate = ratePercent();
        if (Double.isNaN(rate)) {
            return stage + " " + errors + (errors == 1 ? " error" : " errors") + " (no request count)";
        }
        return stage + " " + String.format(Locale.ROOT, "%.1f %%", rate);
    }
}

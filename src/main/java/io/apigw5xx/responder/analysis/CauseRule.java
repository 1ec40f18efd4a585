package io.apigw5xx.responder.analysis;

import java.util.Optional;

/**
 * One entry of the cause catalogue: looks at the context and, when its cause fits, says how well.
 * Rules are independent: each returns its own hypothesis and the analyzer ranks them; none merges or
 * suppresses another.
 */
public interface CauseRule {

    Optional<Candidate> evaluate(AnalysisContext context);

    /**
     * @param score orders candidates of the same confidence: a correlated on-path change (~90) beats an
     *              explicit log signature (~70), which beats a metric shape alone (~40)
     */
    record Candidate(Cause cause, int score) {}
}

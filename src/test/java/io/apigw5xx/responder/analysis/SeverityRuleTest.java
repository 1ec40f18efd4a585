package io.apigw5xx.responder.analysis;

import static io.apigw5xx.responder.analysis.SeriesFixtures.ALARM;
import static io.apigw5xx.responder.analysis.SeriesFixtures.repeat;
import static io.apigw5xx.responder.analysis.SeriesFixtures.series;
import static io.apigw5xx.responder.analysis.SeriesFixtures.sumAlarm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SeverityRuleTest {

    private final SeverityRule rule = new SeverityRule();

    @ParameterizedTest
    @CsvSource({"151, CRITICAL", "150, HIGH", "51, HIGH", "50, ELEVATED", "11, ELEVATED", "10, LOW", "0, LOW"})
    void evaluate_rateAtTheBoundaries_usesStrictlyGreaterThan(double errors, Severity expected) {
        SeverityRule.Result r = rule.evaluate(series(0, errors), series(1000, 1000), sumAlarm(5, 1), ALARM, null);

        assertThat(r.severity()).isEqualTo(expected);
        assertThat(r.requests()).isEqualTo(1000);
    }

    @Test
    void evaluate_overTheEvaluationWindow_sumsEveryPeriod() {
        SeverityRule.Result r = rule.evaluate(series(0, 0, 300, 0, 0), series(repeat(1000, 5)), sumAlarm(5, 3), ALARM, null);

        assertThat(r.errors()).isEqualTo(300);
        assertThat(r.requests()).isEqualTo(3000);
        assertThat(r.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void evaluate_noCount_isUnknown() {
        SeverityRule.Result r = rule.evaluate(series(40, 50), MinuteSeries.empty(), sumAlarm(5, 1), ALARM, null);

        assertThat(r.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(r.ratePercent()).isNaN();
    }

    @Test
    void evaluate_oneFailureInThree_isLowWithTheSmallSampleFlag() {
        SeverityRule.Result r = rule.evaluate(series(1), series(3), sumAlarm(0, 1), ALARM, null);

        assertThat(r.severity()).isEqualTo(Severity.LOW);
        assertThat(r.smallSample()).isTrue();
        assertThat(r.ratePercent()).isGreaterThan(30);
    }

    @Test
    void evaluate_atTheMinimumSample_judgesTheRate() {
        SeverityRule.Result r = rule.evaluate(series(20), series(SeverityRule.MIN_REQUESTS), sumAlarm(5, 1), ALARM, null);

        assertThat(r.smallSample()).isFalse();
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    }
}

package io.apigw5xx.responder.analysis;

import static io.apigw5xx.responder.analysis.SeriesFixtures.ALARM;
import static io.apigw5xx.responder.analysis.SeriesFixtures.concat;
import static io.apigw5xx.responder.analysis.SeriesFixtures.minute;
import static io.apigw5xx.responder.analysis.SeriesFixtures.repeat;
import static io.apigw5xx.responder.analysis.SeriesFixtures.series;
import static io.apigw5xx.responder.analysis.SeriesFixtures.sumAlarm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternClassifierTest {

    private final OnsetDetector detector = new OnsetDetector();
    private final PatternClassifier classifier = new PatternClassifier();

    private PatternClassifier.Result classify(double[] errors, MinuteSeries latency) {
        ErrorTimeline t = detector.detect(series(errors), series(repeat(1000, errors.length)), sumAlarm(40, 1), ALARM.plusSeconds(600));
        return classifier.classify(t, latency);
    }

    @Test
    void classify_steadyFailure_isConstant() {
        assertThat(classify(concat(repeat(1, 20), new double[] {150, 160, 148, 155, 152, 149}), MinuteSeries.empty()).pattern())
                .isEqualTo(ErrorPattern.CONSTANT);
    }

    @Test
    void classify_failingMinutesBetweenCleanOnes_isIntermittent() {
        double[] errors = concat(repeat(1, 20), new double[] {90, 1, 1, 95, 1, 80, 1, 1, 85, 90});
        assertThat(classify(errors, MinuteSeries.empty()).pattern()).isEqualTo(ErrorPattern.INTERMITTENT);
    }

    @Test
    void classify_risingRate_isGradual() {
        double[] errors = concat(repeat(1, 20), new double[] {50, 60, 75, 90, 110, 130, 150, 170});
        assertThat(classify(errors, MinuteSeries.empty()).pattern()).isEqualTo(ErrorPattern.GRADUAL);
    }

    @Test
    void classify_twoMinuteEpisode_isOnlyATentativeReading() {
        PatternClassifier.Result young = classify(concat(repeat(1, 20), new double[] {150, 160}), MinuteSeries.empty());
        PatternClassifier.Result settled = classify(concat(repeat(1, 20), new double[] {150, 160, 148, 155, 152, 149}), MinuteSeries.empty());

        assertThat(young.pattern()).isEqualTo(ErrorPattern.CONSTANT);
        assertThat(young.minutes()).isEqualTo(2);
        assertThat(young.tentative()).isTrue();
        assertThat(settled.tentative()).isFalse();
    }

    @Test
    void classify_trailingCleanMinutes_areRecoveryNotIntermittency() {
        double[] errors = concat(repeat(1, 20), new double[] {200, 210, 190, 205, 1, 1, 1, 1});
        PatternClassifier.Result r = classify(errors, MinuteSeries.empty());

        assertThat(r.pattern()).isEqualTo(ErrorPattern.CONSTANT);
        assertThat(r.recoveringSince()).isNotNull();
    }

    @Test
    void classify_partialOnsetMinuteThenPlateau_isConstant() {
        double[] errors = concat(repeat(1, 20), new double[] {70, 150, 152, 149, 151, 150, 148});
        assertThat(classify(errors, MinuteSeries.empty()).pattern()).isEqualTo(ErrorPattern.CONSTANT);
    }

    @Test
    void classify_slowRampStartingUnderTheThreshold_startsTheEpisodeAtTheRampAndIsGradual() {
        // threshold 40/min: the ramp's first minutes (8, 14, 22, 30) stay under it
        double[] errors = concat(repeat(0, 20), new double[] {8, 14, 22, 30, 45, 60, 80, 100});
        ErrorTimeline t = detector.detect(series(errors), series(repeat(1000, errors.length)), sumAlarm(40, 1), ALARM.plusSeconds(600));

        assertThat(t.onset()).isEqualTo(minute(20 - errors.length));
        assertThat(classifier.classify(t, MinuteSeries.empty()).pattern()).isEqualTo(ErrorPattern.GRADUAL);
    }
}

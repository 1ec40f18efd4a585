package io.apigw5xx.responder.analysis;

import static io.apigw5xx.responder.analysis.SeriesFixtures.ALARM;
import static io.apigw5xx.responder.analysis.SeriesFixtures.concat;
import static io.apigw5xx.responder.analysis.SeriesFixtures.minute;
import static io.apigw5xx.responder.analysis.SeriesFixtures.repeat;
import static io.apigw5xx.responder.analysis.SeriesFixtures.series;
import static io.apigw5xx.responder.analysis.SeriesFixtures.sumAlarm;
import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import org.junit.jupiter.api.Test;

class OnsetDetectorTest {

    private final OnsetDetector detector = new OnsetDetector();

    @Test
    void detect_noisyBaselineThenStep_onsetIsTheStep() {
        double[] errors = concat(new double[] {3, 4, 2, 3, 4, 3, 2, 4, 3, 3, 2, 4}, repeat(120, 4));
        ErrorTimeline t = detector.detect(series(errors), series(repeat(1000, errors.length)), sumAlarm(50, 1), ALARM);

        assertThat(t.onset()).isEqualTo(minute(-4));
        assertThat(t.smallSample()).isFalse();
    }

    @Test
    void detect_metricMathRateAlarm_itsPercentThresholdIsNotReadAsAnErrorCount() {
        // 100*m1/m2 > 2: the threshold is 2 %, not 2 errors; a baseline of 3-4 errors/min out of 1000 is healthy.
        Alarm rateAlarm = new Alarm("orders-api-prod-5xx-rate", null, AlarmState.ALARM, AlarmState.OK, null, 2.0,
                "GreaterThanThreshold", "AWS/ApiGateway", null, "Sum", 60, 1, ALARM);
        double[] errors = concat(new double[] {3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4}, repeat(120, 4));

        ErrorTimeline t = detector.detect(series(errors), series(repeat(1000, errors.length)), rateAlarm, ALARM);

        assertThat(t.onset()).isEqualTo(minute(-4));
    }

    @Test
    void detect_singleMinuteBlipLongBefore_doesNotMoveTheOnset() {
        double[] errors = concat(repeat(2, 5), new double[] {90}, repeat(2, 8), repeat(100, 3));
        ErrorTimeline t = detector.detect(series(errors), series(repeat(1000, errors.length)), sumAlarm(50, 1), ALARM);

        assertThat(t.onset()).isEqualTo(minute(-3));
    }

    @Test
    void detect_missingDatapointsInsideTheEpisode_areNeitherGoodNorBad() {
        double nan = Double.NaN;
        double[] errors = concat(repeat(1, 10), new double[] {100, nan, nan, 110, nan, 105});
        double[] counts = concat(repeat(1000, 10), new double[] {1000, nan, nan, 1000, nan, 1000});
        ErrorTimeline t = detector.detect(series(errors), series(counts), sumAlarm(50, 1), ALARM);

        assertThat(t.onset()).isEqualTo(minute(-6));
    }

    @Test
    void detect_lowTraffic_flagsTheSampleAsTooSmall() {
        double[] errors = concat(repeat(0, 10), new double[] {1, 2});
        double[] counts = concat(repeat(3, 10), new double[] {2, 3});
        ErrorTimeline t = detector.detect(series(errors), series(counts), sumAlarm(0, 2), ALARM);

        assertThat(t.onset()).isEqualTo(minute(-2));
        assertThat(t.smallSample()).isTrue();
        assertThat(t.episodeRequests()).isEqualTo(5);
    }

    @Test
    void detect_withoutCount_usesErrorCountsAlone() {
        double[] errors = concat(repeat(2, 10), repeat(60, 3));
        ErrorTimeline t = detector.detect(series(errors), MinuteSeries.empty(), null, ALARM);

        assertThat(t.rateKnown()).isFalse();
        assertThat(t.onset()).isEqualTo(minute(-3));
    }

    @Test
    void detect_noErrorSeries_findsNoOnset() {
        assertThat(detector.detect(MinuteSeries.empty(), series(repeat(1000, 5)), null, ALARM).onset()).isNull();
    }
}

package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.MetricPoint;
import io.apigw5xx.responder.evidence.MetricSeries;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Per-minute series for rule tests: value i is minute {@code ALARM_MINUTE - (n - i)}; NaN = no datapoint. */
final class SeriesFixtures {

    static final Instant ALARM = Instant.parse("2026-03-14T09:42:17Z");
    static final Instant ALARM_MINUTE = Instant.parse("2026-03-14T09:42:00Z");

    private SeriesFixtures() {}

    static MinuteSeries series(double... values) {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                points.add(new MetricPoint(minute(i - values.length), values[i]));
            }
        }
        return MinuteSeries.of(new MetricSeries("m", "AWS/ApiGateway", "5XXError", Map.of(), "Sum", 60, points));
    }

    static double[] repeat(double value, int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static Instant minute(int offset) {
        return ALARM_MINUTE.plusSeconds(60L * offset);
    }

    static Alarm sumAlarm(double threshold, int periods) {
        return new Alarm("orders-api-prod-5xx", null, AlarmState.ALARM, AlarmState.OK, null, threshold, "GreaterThanThreshold",
                "AWS/ApiGateway", "5XXError", "Sum", 60, periods, ALARM);
    }
}

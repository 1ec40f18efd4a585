package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.MetricPoint;
import io.apigw5xx.responder.evidence.MetricSeries;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricViewTest {

    private static final Instant MINUTE = Instant.parse("2026-03-14T09:40:00Z");
    private static final Map<String, String> STAGE = Map.of("ApiName", "orders-api", "Stage", "prod");
    private static final Map<String, String> ROUTE = Map.of("Resource", "/orders/{id}", "Method", "GET");

    private static Map<String, String> routeDimensions(Map<String, String> route) {
        Map<String, String> d = new LinkedHashMap<>(STAGE);
        d.putAll(route);
        return d;
    }

    private static MetricSeries series(String id, String name, Map<String, String> dimensions, double... values) {
        List<MetricPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new MetricPoint(MINUTE.plusSeconds(60L * i), values[i]));
        }
        return new MetricSeries(id, "AWS/ApiGateway", name, dimensions, "Sum", 60, points);
    }

    // The route's series come first, as a batched query may return them: order must not decide.
    private static final List<MetricSeries> STAGE_AND_ROUTE = List.of(
            series("r5", "5XXError", routeDimensions(ROUTE), 40, 45),
            series("rc", "Count", routeDimensions(ROUTE), 50, 50),
            series("other5", "5XXError", routeDimensions(Map.of("Resource", "/health", "Method", "GET")), 0, 0),
            series("s5", "5XXError", STAGE, 41, 46),
            series("sc", "Count", STAGE, 2000, 2000));

    @Test
    void perMethodAlarm_readsTheRoutesOwnSeries() {
        MetricView view = new MetricView(STAGE_AND_ROUTE, ROUTE);

        assertThat(view.readsRoute()).isTrue();
        assertThat(view.apiErrors().at(MINUTE)).isEqualTo(40.0);
        assertThat(view.apiCount().at(MINUTE)).isEqualTo(50.0);
    }

    @Test
    void stageAlarm_neverPicksARouteSeries_whateverTheOrder() {
        MetricView view = new MetricView(STAGE_AND_ROUTE);

        assertThat(view.readsRoute()).isFalse();
        assertThat(view.apiErrors().at(MINUTE)).isEqualTo(41.0);
        assertThat(view.apiCount().at(MINUTE)).isEqualTo(2000.0);
    }

    @Test
    void perMethodAlarm_withoutDetailedMetrics_fallsBackToTheStage() {
        List<MetricSeries> unpublished = List.of(
                series("r5", "5XXError", routeDimensions(ROUTE)),
                series("rc", "Count", routeDimensions(ROUTE)),
                series("s5", "5XXError", STAGE, 41, 46),
                series("sc", "Count", STAGE, 2000, 2000));

        MetricView view = new MetricView(unpublished, ROUTE);

        assertThat(view.readsRoute()).isFalse();
        assertThat(view.apiErrors().at(MINUTE)).isEqualTo(41.0);
        assertThat(view.apiCount().at(MINUTE)).isEqualTo(2000.0);
    }
}

package io.apigw5xx.responder.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelEvidenceGathererTest {

    private final Instant at = Instant.parse("2026-03-14T09:41:00Z");
    private final Incident incident = new Incident(TriggerSource.CLI, null, "us-east-1", ApiRef.restByName("orders-api"), "prod", null, at,
            TimeWindow.around(at));
    private final TopologySource topology = mock(TopologySource.class);
    private final MetricsSource metrics = mock(MetricsSource.class);
    private final ChangeSource changes = mock(ChangeSource.class);
    private final LogSource logs = mock(LogSource.class);

    @Test
    void gather_sourceThrowsAndSourceHangs_gapsForBothAndOthersKept() {
        when(topology.topology(any(), any())).thenThrow(new EvidenceUnavailableException(GapReason.ACCESS_DENIED, "apigateway:GetRestApis denied"));
        when(metrics.metrics(any(), any(), any())).thenReturn(SourceResult.of(List.of(new MetricSeries("m0", "AWS/ApiGateway", "5XXError",
                null, "Sum", 60, List.of(new MetricPoint(at, 3))))));
        when(changes.changes(any(), any(), any())).thenAnswer(i -> {
            Thread.sleep(10_000);
            return SourceResult.of(List.of());
        });
        when(logs.logs(any(), any(), any())).thenThrow(new IllegalStateException("bug"));

        Evidence evidence = new ParallelEvidenceGatherer(topology, metrics, changes, logs, CallMeter.NONE, Clock.systemUTC())
                .gather(incident, Instant.now().plusMillis(800));

        assertThat(evidence.metrics()).hasSize(1);
        assertThat(evidence.topology()).isNull();
        assertThat(evidence.gaps()).extracting(Gap::source, Gap::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(EvidenceSource.TOPOLOGY, GapReason.ACCESS_DENIED),
                org.assertj.core.groups.Tuple.tuple(EvidenceSource.CHANGES, GapReason.TIMEOUT),
                org.assertj.core.groups.Tuple.tuple(EvidenceSource.LOGS, GapReason.ERROR));
    }

    @Test
    void gather_meterAdvances_reportsTheDifferencePerSource() {
        when(topology.topology(any(), any())).thenReturn(SourceResult.of(null));
        when(metrics.metrics(any(), any(), any())).thenReturn(SourceResult.of(List.of()));
        when(changes.changes(any(), any(), any())).thenReturn(SourceResult.of(List.of()));
        when(logs.logs(any(), any(), any())).thenReturn(SourceResult.of(List.of()));
        int[] calls = {5};
        CallMeter meter = () -> java.util.Map.of(EvidenceSource.METRICS, calls[0]++ == 5 ? 5 : 7);

        Evidence evidence = new ParallelEvidenceGatherer(topology, metrics, changes, logs, meter, Clock.systemUTC())
                .gather(incident, Instant.now().plusSeconds(5));

        assertThat(evidence.awsCalls()).containsExactly(java.util.Map.entry(EvidenceSource.METRICS, 2));
    }
}

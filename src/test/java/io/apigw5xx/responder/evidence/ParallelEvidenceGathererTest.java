package io.apigw5xx.responder.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.StageRate;
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

    private final Incident apiWide = new Incident(TriggerSource.SNS, "123456789012", "us-east-1", ApiRef.restByName("orders-api"),
            Incident.ALL_STAGES, null, at, TimeWindow.around(at), io.apigw5xx.responder.incident.AlarmScope.apiWide());

    private StageNarrowing narrow(Incident incident) {
        return new ParallelEvidenceGatherer(topology, metrics, changes, logs, CallMeter.NONE, Clock.systemUTC())
                .narrow(incident, Instant.now().plusSeconds(5));
    }

    @Test
    void narrow_stageWithTheMostErrorsWins_othersKeptWorstFirst() {
        ApiRef resolved = new ApiRef(io.apigw5xx.responder.incident.ApiType.REST, "orders-api", "a1b2c3d4e5");
        when(topology.stages(any(), any())).thenReturn(SourceResult.of(new ApiStages(resolved, List.of("dev", "prod", "beta"))));
        when(metrics.stageRates(any(), any(), any())).thenReturn(SourceResult.of(List.of(
                new StageRate("dev", 0, null), new StageRate("prod", 3, 1000L), new StageRate("beta", 40, 330L))));

        Incident narrowed = narrow(apiWide).incident();

        assertThat(narrowed.stage()).isEqualTo("beta");
        assertThat(narrowed.api()).isEqualTo(resolved);
        assertThat(narrowed.scope().stageRates()).extracting(StageRate::stage).containsExactly("beta", "prod", "dev");
        assertThat(narrowed.scope().summary()).isEqualTo("alarm covers every stage; failing: beta 12.1 %, prod 0.3 %; no errors: dev");
        org.mockito.Mockito.verify(metrics).stageRates(org.mockito.ArgumentMatchers.argThat(i -> resolved.equals(i.api())),
                org.mockito.ArgumentMatchers.eq(List.of("dev", "prod", "beta")), any());
    }

    @Test
    void narrow_noStageShowsErrorsYet_busiestStageWithAGap() {
        when(topology.stages(any(), any())).thenReturn(SourceResult.of(new ApiStages(apiWide.api(), List.of("beta", "prod"))));
        when(metrics.stageRates(any(), any(), any())).thenReturn(SourceResult.of(List.of(
                new StageRate("beta", 0, 20L), new StageRate("prod", 0, 900L))));

        StageNarrowing narrowing = narrow(apiWide);

        assertThat(narrowing.incident().stage()).isEqualTo("prod");
        assertThat(narrowing.gaps()).singleElement().satisfies(g -> assertThat(g.detail()).contains("investigating the busiest, prod"));
    }

    @Test
    void narrow_stagesUnreadable_staysApiWideWithTheGap() {
        when(topology.stages(any(), any())).thenThrow(new EvidenceUnavailableException(GapReason.ACCESS_DENIED, "apigateway:GetStages denied"));

        StageNarrowing narrowing = narrow(apiWide);

        assertThat(narrowing.incident()).isEqualTo(apiWide);
        assertThat(narrowing.gaps()).extracting(Gap::source, Gap::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EvidenceSource.TOPOLOGY, GapReason.ACCESS_DENIED));
        org.mockito.Mockito.verifyNoInteractions(metrics);
    }

    @Test
    void narrow_ratesUnreadableWithOneStage_thatStage() {
        when(topology.stages(any(), any())).thenReturn(SourceResult.of(new ApiStages(apiWide.api(), List.of("prod"))));
        when(metrics.stageRates(any(), any(), any())).thenThrow(new EvidenceUnavailableException(GapReason.THROTTLED, "GetMetricData throttled"));

        StageNarrowing narrowing = narrow(apiWide);

        assertThat(narrowing.incident().stage()).isEqualTo("prod");
        assertThat(narrowing.gaps()).extracting(Gap::reason).containsExactly(GapReason.THROTTLED);
    }

    @Test
    void narrow_perStageIncident_untouchedWithoutCalls() {
        assertThat(narrow(incident)).isEqualTo(StageNarrowing.unchanged(incident));
        org.mockito.Mockito.verifyNoInteractions(topology, metrics);
    }

    @Test
    void addTo_countsTheNarrowingCallsAndListsItsGapsFirst() {
        Evidence evidence = new Evidence(at, TimeWindow.around(at), List.of(), List.of(), List.of(), null,
                List.of(new Gap(EvidenceSource.LOGS, GapReason.NOT_FOUND, "no log group")),
                java.util.Map.of(EvidenceSource.TOPOLOGY, 4, EvidenceSource.METRICS, 1));
        StageNarrowing narrowing = new StageNarrowing(apiWide, java.util.Map.of(EvidenceSource.TOPOLOGY, 1, EvidenceSource.METRICS, 1),
                List.of(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE, "busiest")));

        Evidence combined = narrowing.addTo(evidence);

        assertThat(combined.awsCalls()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(EvidenceSource.TOPOLOGY, 5, EvidenceSource.METRICS, 2));
        assertThat(combined.gaps()).extracting(Gap::detail).containsExactly("busiest", "no log group");
    }
}

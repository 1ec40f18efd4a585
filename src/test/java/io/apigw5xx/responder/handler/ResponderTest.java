package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.apigw5xx.responder.analysis.Analyzer;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.analysis.StatusMix;
import io.apigw5xx.responder.delivery.Admission;
import io.apigw5xx.responder.delivery.Delivery;
import io.apigw5xx.responder.delivery.DeliveryOutcome;
import io.apigw5xx.responder.delivery.EmfMetrics;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceGatherer;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The flow with the real trigger parser; evidence, analysis and delivery are this project's own ports. */
class ResponderTest {

    private static final Instant NOW = Instant.parse("2026-03-14T09:42:20Z");
    private static final Instant DEADLINE = NOW.plusSeconds(20);
    private static final Instant DELIVER_BY = NOW.plusSeconds(58);

    private final EvidenceGatherer gatherer = mock(EvidenceGatherer.class);

    @org.junit.jupiter.api.BeforeEach
    void narrowingLeavesPerStageIncidentsAlone() {
        when(gatherer.narrow(any(), any())).thenAnswer(call -> io.apigw5xx.responder.evidence.StageNarrowing.unchanged(call.getArgument(0)));
    }
    private final Analyzer analyzer = mock(Analyzer.class);
    private final Delivery delivery = mock(Delivery.class);
    private final List<String> logLines = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final java.io.ByteArrayOutputStream emf = new java.io.ByteArrayOutputStream();
    private final Responder responder = new Responder(new TriggerParser("us-east-1"), gatherer, analyzer, delivery,
            new EmfMetrics(new java.io.PrintStream(emf, true, StandardCharsets.UTF_8), "Test", clock, io.apigw5xx.responder.JsonMappers.create()),
            clock, new InvocationLog(logLines::add, clock));

    @Test
    void respond_alarmEvent_gathersAnalysesAndDelivers() throws IOException {
        Evidence evidence = emptyEvidence();
        when(gatherer.gather(any(), eq(DEADLINE))).thenReturn(evidence);
        when(analyzer.analyze(any(), eq(evidence), eq(NOW))).thenAnswer(call -> findings(call.getArgument(0)));
        // Evidence stops at the evidence deadline; the claim and the channels may use the time up to DELIVER_BY.
        when(delivery.admit(any(), eq(DELIVER_BY))).thenReturn(Admission.untracked());
        when(delivery.deliverFindings(any(), eq(Admission.untracked()))).thenReturn(List.of(DeliveryOutcome.delivered("sns", "message 1")));

        ResponderResponse response = responder.respond(event("sns-alarm-rest.json"), DEADLINE, DELIVER_BY);

        ArgumentCaptor<Incident> incident = ArgumentCaptor.forClass(Incident.class);
        verify(gatherer).gather(incident.capture(), eq(DEADLINE));
        assertThat(incident.getValue().apiStageLabel()).isEqualTo("orders-api/prod");
        assertThat(response.status()).isEqualTo("investigated");
        assertThat(response.severity()).isEqualTo("CRITICAL");
        assertThat(response.topCause()).isEqualTo("LAMBDA_DEPLOY_REGRESSION");
        assertThat(response.deliveries()).extracting(DeliveryOutcome::channel).containsExactly("sns");
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("investigation finished").contains("sns=DELIVERED"));
        assertThat(emf.toString(StandardCharsets.UTF_8)).contains("\"_aws\"").contains("Investigations").contains("CRITICAL");
    }

    @Test
    void respond_okEvent_sendsTheResolvedFollowUpWithoutInvestigating() throws IOException {
        when(delivery.admit(any(), any())).thenReturn(Admission.untracked());
        when(delivery.deliverResolved(any(), any())).thenReturn(List.of(DeliveryOutcome.delivered("slack", "ok")));

        ResponderResponse response = responder.respond(event("sns-ok.json"), DEADLINE, DELIVER_BY);

        assertThat(response.status()).isEqualTo("resolved");
        assertThat(response.api()).isEqualTo("orders-api");
        verifyNoInteractions(gatherer, analyzer);
        verify(delivery).deliverResolved(any(), any());
    }

    @Test
    void respond_malformedEvent_isRefusedWithAReasonAndTouchesNothing() {
        ResponderResponse response = responder.respond("{\"Records\": [".getBytes(StandardCharsets.UTF_8), DEADLINE, DELIVER_BY);

        assertThat(response.status()).isEqualTo("refused");
        assertThat(response.reason()).isNotBlank();
        verifyNoInteractions(gatherer, analyzer, delivery);
        assertThat(logLines).singleElement().satisfies(line -> assertThat(line).contains("\"level\":\"WARN\"").contains("event refused"));
    }

    @Test
    void respond_insufficientData_isIgnored() throws IOException {
        String ok = new String(event("sns-ok.json"), StandardCharsets.UTF_8);
        byte[] insufficient = ok.replace("\\\"NewStateValue\\\":\\\"OK\\\"", "\\\"NewStateValue\\\":\\\"INSUFFICIENT_DATA\\\"")
                .getBytes(StandardCharsets.UTF_8);

        ResponderResponse response = responder.respond(insufficient, DEADLINE, DELIVER_BY);

        assertThat(response.status()).isEqualTo("ignored");
        verifyNoInteractions(gatherer, analyzer, delivery);
    }

    @Test
    void respond_okAfterInsufficientData_isIgnoredNotResolved() throws IOException {
        String ok = new String(event("sns-ok.json"), StandardCharsets.UTF_8);
        byte[] fromInsufficient = ok.replace("\\\"OldStateValue\\\":\\\"ALARM\\\"", "\\\"OldStateValue\\\":\\\"INSUFFICIENT_DATA\\\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new String(fromInsufficient, StandardCharsets.UTF_8)).contains("INSUFFICIENT_DATA");

        ResponderResponse response = responder.respond(fromInsufficient, DEADLINE, DELIVER_BY);

        assertThat(response.status()).isEqualTo("ignored");
        assertThat(response.reason()).contains("INSUFFICIENT_DATA to OK");
        verifyNoInteractions(gatherer, analyzer, delivery);
    }

    @Test
    void respond_alarmInAnotherRegion_isRefusedWithoutReadingThisRegion() throws IOException {
        byte[] elsewhere = new String(event("sns-alarm-rest.json"), StandardCharsets.UTF_8)
                .replace("arn:aws:cloudwatch:us-east-1:", "arn:aws:cloudwatch:eu-west-1:")
                .replace("arn:aws:sns:us-east-1:", "arn:aws:sns:eu-west-1:")
                .replace("US East (N. Virginia)", "EU (Ireland)")
                .getBytes(StandardCharsets.UTF_8);

        ResponderResponse response = responder.respond(elsewhere, DEADLINE, DELIVER_BY);

        assertThat(response.status()).isEqualTo("refused");
        assertThat(response.reason()).contains("eu-west-1").contains("us-east-1").contains("deploy the responder in eu-west-1");
        verifyNoInteractions(gatherer, analyzer, delivery);
    }

    @Test
    void respond_duplicateTransition_stopsBeforeGatheringEvidence() throws IOException {
        when(delivery.admit(any(), any())).thenReturn(new Admission(Admission.Kind.DUPLICATE, List.of()));

        ResponderResponse response = responder.respond(event("sns-alarm-rest.json"), DEADLINE, DELIVER_BY);

        assertThat(response.status()).isEqualTo("duplicate");
        verifyNoInteractions(gatherer, analyzer);
        verify(delivery, never()).deliverFindings(any(), any());
    }

    @Test
    void respond_analysisThrows_stillTellsPeopleThatTheInvestigationFailed() throws IOException {
        when(delivery.admit(any(), any())).thenReturn(Admission.untracked());
        when(gatherer.gather(any(), any())).thenReturn(emptyEvidence());
        when(analyzer.analyze(any(), any(), any())).thenThrow(new IllegalStateException("bug"));
        when(delivery.deliverFindings(any(), any())).thenReturn(List.of(DeliveryOutcome.delivered("slack", "ok")));

        ResponderResponse response = responder.respond(event("manual-rerun.json"), DEADLINE, DELIVER_BY);

        assertThat(response.status()).isEqualTo("failed");
        assertThat(response.reason()).contains("IllegalStateException");
        ArgumentCaptor<Findings> sent = ArgumentCaptor.forClass(Findings.class);
        verify(delivery).deliverFindings(sent.capture(), any());
        assertThat(sent.getValue().topCause().title()).isEqualTo("Investigation failed");
        assertThat(sent.getValue().topCause().nextCommands()).anySatisfy(c -> assertThat(c).startsWith("aws apigateway get-rest-apis --region us-east-1"));
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("\"level\":\"ERROR\"").contains("\"errorMessage\":\"bug\""));
    }

    @Test
    void reachedNobody_onlyWhenChannelsFailedAndNoneDelivered() {
        assertThat(response(DeliveryOutcome.failed("sns", "x"), DeliveryOutcome.failed("slack", "y")).reachedNobody()).isTrue();
        assertThat(response(DeliveryOutcome.failed("sns", "x"), DeliveryOutcome.delivered("slack", "ok")).reachedNobody()).isFalse();
        assertThat(response(DeliveryOutcome.skipped("sns", "n/a"), DeliveryOutcome.skipped("slack", "n/a")).reachedNobody()).isFalse();
    }

    private static ResponderResponse response(DeliveryOutcome... outcomes) {
        return new ResponderResponse("investigated", null, "orders-api", "prod", "us-east-1", null, null, null, List.of(outcomes));
    }

    static byte[] event(String name) throws IOException {
        return Files.readAllBytes(Path.of("events", name));
    }

    private static Evidence emptyEvidence() {
        return new Evidence(NOW, TimeWindow.around(NOW), List.of(), List.of(), List.of(), null, List.of(), Map.of());
    }

    private static Findings findings(Incident incident) {
        Cause cause = new Cause(CauseKind.LAMBDA_DEPLOY_REGRESSION, "Lambda deploy regression", Confidence.HIGH, "deployed",
                List.of(), List.of());
        return new Findings(incident, incident.window(), NOW.minusSeconds(120), Severity.CRITICAL, 18.0, 180, 1000,
                StatusMix.unknown(), ErrorPattern.CONSTANT, List.of(cause), List.of(), List.of(), List.of(), NOW, Map.of());
    }
}

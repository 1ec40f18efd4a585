package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Analyzer;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.trigger.TriggerParser;
import org.junit.jupiter.api.Test;

class OfflinePrimerTest {

    @Test
    void run_walksParserAnalyzerAndRenderersOnPackagedSamples() {
        Analyzer analyzer = mock(Analyzer.class);
        when(analyzer.analyze(any(), any(), any())).thenAnswer(call -> new RunbookAnalyzer()
                .analyze(call.getArgument(0), call.getArgument(1), call.getArgument(2)));

        assertThatCode(new OfflinePrimer(new TriggerParser("us-east-1"), analyzer, JsonMappers.create())::run)
                .doesNotThrowAnyException();

        verify(analyzer).analyze(any(), any(), any());
    }

    @Test
    void sampleEvent_isPackagedWhereThePrimerLooks() {
        assertThatCode(() -> OfflinePrimer.class.getResource(OfflinePrimer.SAMPLE_EVENT).openStream().close())
                .doesNotThrowAnyException();
    }
}

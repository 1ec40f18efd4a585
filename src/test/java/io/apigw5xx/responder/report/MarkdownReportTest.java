package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.incident.AlarmState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private final MarkdownReport md = new MarkdownReport();

    @Test
    void render_sample_hasEverySection() {
        String r = md.render(SampleFindings.deployRegression());

        assertThat(r).startsWith("# CRITICAL: 5xx on orders-api/prod\n")
                .contains("REST API `orders-api` (id a1b2c3d4e5), stage `prod`, us-east-1, account 123456789012")
                .contains("5xx rate: 18.2% (912 of 5,010 requests) · onset 09:39:00 UTC · pattern CONSTANT")
                .contains("### 1. Lambda deploy regression — HIGH confidence")
                .contains("- 09:37:12 UTC (T\u22122m) UpdateFunctionCode20150331v2 orders-handler → version 42 · actor gha-deploy-8812 · resource orders-handler")
                .contains("```sh\naws lambda get-function --function-name orders-handler --qualifier 42\n")
                .contains("### 2. Lambda timeout — LOW confidence")
                .contains("## Status mix (inferred)\n502: 900, 504: 12")
                .contains("## Could not check\n- LOGS: NOT_ENABLED — API Gateway execution logging is off")
                .contains("## AWS calls\nMETRICS 1, CHANGES 3, LOGS 2, TOPOLOGY 5 (total 11)")
                .contains("Generated 2026-11-23 09:43 UTC");
    }

    @Test
    void statusMix_fromLogs_saysItIsASampleOfLogLines() {
        var fromLogs = new io.apigw5xx.responder.analysis.StatusMix(java.util.Map.of(502, 6L, 504, 2L), false);
        var inferred = new io.apigw5xx.responder.analysis.StatusMix(java.util.Map.of(502, 900L), true);

        assertThat(MarkdownReport.statusMix(fromLogs)).isEqualTo("502: 6, 504: 2 (in 8 sampled log lines)");
        assertThat(MarkdownReport.statusMix(inferred)).isEqualTo("502: 900");
    }

    @Test
    void renderResolved_withoutOriginal_saysNoneRecorded() {
        String r = md.renderResolved(SampleFindings.incident("orders-api", AlarmState.OK, SampleFindings.ALARM_AT), Optional.empty());

        assertThat(r).contains("# RESOLVED: 5xx on orders-api/prod", "No earlier investigation of this alarm is on record.");
    }

    @Test
    void relative_variousOffsets_formatsAsTMinusPlus() {
        var onset = SampleFindings.ONSET;
        assertThat(Timeline.relative(onset.minusSeconds(120), onset)).isEqualTo("T\u22122m");
        assertThat(Timeline.relative(onset, onset)).isEqualTo("T+0m");
        assertThat(Timeline.relative(onset.plusSeconds(45), onset)).isEqualTo("T+45s");
        assertThat(Timeline.relative(onset.plusSeconds(3900), onset)).isEqualTo("T+1h05m");
        assertThat(History.ordinal(3)).isEqualTo("3rd");
        assertThat(History.ordinal(12)).isEqualTo("12th");
    }
}

package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.incident.AlarmState;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnsReportTest {

    private final ObjectMapper json = JsonMappers.create();
    private final FindingsJson findingsJson = new FindingsJson(json);
    private final SnsReport sns = new SnsReport(findingsJson);

    @Test
    void render_sample_subjectBodyAndFilterableAttributes() throws Exception {
        SnsMessage m = sns.render(SampleFindings.deployRegression(), History.none());

        assertThat(m.subject()).isEqualTo("CRITICAL 5xx orders-api/prod: Lambda deploy regression (HIGH)");
        assertThat(m.body()).contains("# CRITICAL: 5xx on orders-api/prod", "UpdateFunctionCode20150331v2");
        assertThat(m.attributes()).containsEntry("severity", "CRITICAL").containsEntry("apiId", "a1b2c3d4e5")
                .containsEntry("api", "orders-api").containsEntry("topCause", "LAMBDA_DEPLOY_REGRESSION")
                .containsEntry("kind", "FINDINGS");
        assertThat(m.attributes()).hasSizeLessThanOrEqualTo(10).allSatisfy((k, v) -> assertThat(v).isNotEmpty());
        Findings back = findingsJson.read(m.attributes().get("findings"));
        assertThat(back).isEqualTo(Redactor.redact(SampleFindings.deployRegression()));
    }

    @Test
    void subject_hostileApiName_isAsciiWithoutControlCharsAndShort() {
        Findings f = SampleFindings.deployRegression(SampleFindings.incident(
                "ünïcødé\u0000\r\nname-" + "z".repeat(300), AlarmState.ALARM, SampleFindings.ALARM_AT));

        String subject = sns.render(f, History.none()).subject();

        assertThat(subject.length()).isLessThanOrEqualTo(99);
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(subject).startsWith("CRITICAL 5xx ?n?c?d? name-zzz").endsWith("...");
    }

    @Test
    void subject_startsWithPunctuationOrEmpty_startsWithLetterOrDigit() {
        assertThat(SnsReport.subject("\u0001[x]")).isEqualTo("5xx [x]");
        assertThat(SnsReport.subject("")).isEqualTo("5xx");
    }

    @Test
    void render_oversizedFindings_fitsSnsLimitWithTrimmedEvidenceAndNote() throws Exception {
        SnsMessage m = sns.render(SampleFindings.oversized(), History.none());

        assertThat(m.sizeBytes()).isLessThanOrEqualTo(SnsMessage.MAX_BYTES);
        assertThat(m.body().getBytes(StandardCharsets.UTF_8).length + m.subject().length()).isLessThan(SnsMessage.MAX_BYTES);
        assertThat(m.subject().length()).isLessThanOrEqualTo(99);
        JsonNode findings = json.readTree(m.attributes().get("findings"));
        assertThat(findings.path("notes").toString()).contains("Trimmed to fit a size limit");
        assertThat(findings.path("causes").size()).isLessThan(300);
        assertThat(m.body()).contains("Trimmed to fit a size limit");
    }

    @Test
    void findingsJson_nanRate_roundTripsAsNaN() {
        Findings b = SampleFindings.deployRegression();
        Findings nan = new Findings(b.incident(), b.window(), b.onset(), Severity.UNKNOWN, Double.NaN, 3, 0, b.statusMix(),
                b.pattern(), b.causes(), b.checkedClean(), b.gaps(), b.notes(), b.generatedAt(), b.awsCalls());

        String text = findingsJson.write(nan);
        Findings back = findingsJson.read(text);

        assertThat(text).contains("\"errorRatePercent\":\"NaN\"");
        assertThat(back.errorRatePercent()).isNaN();
        assertThat(new MarkdownReport().render(nan)).contains("5xx rate: unknown (no request count)");
    }

    @Test
    void renderResolved_withOriginal_attributesAndBodyReferToIt() {
        PastIncident p = new PastIncident(SampleFindings.ALARM_AT, "orders-api/prod", "orders-api-prod-5xx", Severity.CRITICAL,
                "Lambda deploy regression", io.apigw5xx.responder.analysis.Confidence.HIGH, "v42", 18.2);

        SnsMessage m = sns.renderResolved(SampleFindings.incident("orders-api", AlarmState.OK,
                SampleFindings.ALARM_AT.plusSeconds(600)), Optional.of(p));

        assertThat(m.subject()).isEqualTo("RESOLVED 5xx orders-api/prod");
        assertThat(m.attributes()).containsEntry("kind", "RESOLVED").containsEntry("originalAt", "2026-11-23T09:41:00Z");
        assertThat(m.body()).contains("Original investigation: 2026-11-23 09:41 UTC (10m earlier), CRITICAL, 5xx rate 18.2%");
    }
}

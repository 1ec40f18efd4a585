package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.ChangeOrigin;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeEvidenceTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:38:12Z");

    @Test
    void anItemWithAnOrigin_isAChange_whateverItsWords() {
        EvidenceItem timestampRead = new EvidenceItem(AT, "orders-handler code changed", null, "orders-handler", null,
                ChangeOrigin.RESOURCE_TIMESTAMP);

        assertThat(ChangeEvidence.isChange(timestampRead)).isTrue();
    }

    @Test
    void aLogLineThatSaysSource_isNotAChange() {
        EvidenceItem logLine = new EvidenceItem(AT, "ERROR config reload failed (source: /etc/app.yaml)", null,
                "orders-handler", "/aws/lambda/orders-handler");

        assertThat(ChangeEvidence.isChange(logLine)).isFalse();
    }

    @Test
    void findingsStoredBeforeTheField_stillYieldTheirChanges() {
        EvidenceItem stored = new EvidenceItem(AT, "orders-handler code changed (source: the resource's own timestamp"
                + " (no CloudTrail record yet))", null, "orders-handler", null);

        assertThat(ChangeEvidence.isChange(stored)).isTrue();
    }

    @Test
    void theOrigin_survivesTheLedgersJson() {
        FindingsJson json = new FindingsJson(JsonMappers.create());
        Findings findings = SampleFindings.deployRegression();

        Findings read = json.read(json.write(findings));

        assertThat(ChangeEvidence.of(read)).isNotEmpty().isEqualTo(ChangeEvidence.of(findings));
        assertThat(ChangeEvidence.of(read)).extracting(EvidenceItem::origin).doesNotContainNull();
    }
}

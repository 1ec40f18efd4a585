package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The Slack app's first message: the button contract the front door reads, within Slack's limits. */
class SlackAppMessageTest {

    private final SlackMessage slack = new SlackMessage(JsonMappers.create());

    private static JsonNode actions(ObjectNode payload) {
        return StreamSupport.stream(payload.get("blocks").spliterator(), false)
                .filter(b -> "actions".equals(b.path("type").asText())).findFirst().orElseThrow();
    }

    @Test
    void render_withActions_rerunButtonCarriesAManualRerunTheParserReadsBack() {
        Findings f = SampleFindings.deployRegression();

        JsonNode actions = actions(slack.render(f, History.none(), null, true));

        JsonNode rerun = actions.get("elements").get(0);
        assertThat(rerun.get("action_id").asText()).isEqualTo("rerun_investigation");
        assertThat(rerun.get("text").get("text").asText()).isEqualTo("Re-run now");
        TriggerOutcome parsed = new TriggerParser("us-east-1").parse(rerun.get("value").asText());
        assertThat(parsed).isInstanceOf(TriggerOutcome.Investigate.class);
        Incident asked = ((TriggerOutcome.Investigate) parsed).incident();
        Incident original = f.incident();
        assertThat(asked.source()).isEqualTo(TriggerSource.MANUAL);
        assertThat(asked.api()).isEqualTo(original.api());
        assertThat(asked.stage()).isEqualTo(original.stage());
        assertThat(asked.at()).isEqualTo(original.at());
        assertThat(asked.slackThread()).isNull();
        JsonNode console = actions.get("elements").get(1);
        assertThat(console.get("url").asText()).startsWith("https://us-east-1.console.aws.amazon.com/cloudwatch/").contains("alarm");
        assertThat(rerun.get("value").asText().length()).isLessThanOrEqualTo(2000);
    }

    @Test
    void render_withoutActions_isTheWebhookPayloadUnchanged() {
        Findings f = SampleFindings.deployRegression();

        assertThat(slack.render(f, History.none(), null, false)).isEqualTo(slack.render(f, History.none()));
        assertThat(slack.render(f).toString()).doesNotContain("\"actions\"");
    }

    @Test
    void render_oversizedWithActionsAndLead_staysWithinBlockKitLimits() {
        ObjectNode payload = slack.render(SampleFindings.oversized(), History.none(), "Re-run requested by slack:U0123 <!channel>", true);

        SlackLimits.assertWithin(payload);
        assertThat(payload.toString()).doesNotContain("<!channel>");
    }
}
